#include "api/EmbeddingRequest.h"

#include "api/JsonFields.h"

#include <QJsonArray>
#include <QtEndian>

namespace md {

QJsonObject EmbeddingRequest::toJson() const
{
    QJsonObject body {{QLatin1String("model"), model}, {QLatin1String("input"), json::toArray(inputs)}};
    json::putOptional(body, QLatin1String("output_dimension"), outputDimension);
    json::putNonEmpty(body, QLatin1String("output_dtype"), outputDtype);
    json::putNonEmpty(body, QLatin1String("encoding_format"), encodingFormat);
    return body;
}

bool EmbeddingResult::fromJson(const QJsonObject &json, int expectedCount, EmbeddingResult *out, QString *error)
{
    const QJsonArray data = json.value(QLatin1String("data")).toArray();
    if (data.size() != expectedCount) {
        *error = QStringLiteral("The server returned %1 embeddings for %2 inputs.").arg(data.size()).arg(expectedCount);
        return false;
    }
    out->model = json.value(QLatin1String("model")).toString();
    out->usage = Usage::fromJson(json.value(QLatin1String("usage")).toObject());
    out->vectors = QList<QVector<float>>(expectedCount);
    QVector<bool> seen(expectedCount, false);
    for (const QJsonValue &item : data) {
        const QJsonObject o = item.toObject();
        const int index = o.value(QLatin1String("index")).toInt(-1);
        if (index < 0 || index >= expectedCount || seen[index]) {
            *error = QStringLiteral("The server returned an embedding with a bad index (%1).").arg(index);
            return false;
        }
        seen[index] = true;
        QVector<float> &vector = out->vectors[index];
        const QJsonValue embedding = o.value(QLatin1String("embedding"));
        if (embedding.isString()) {
            // encoding_format "base64": little-endian float32 values.
            const QByteArray raw = QByteArray::fromBase64(embedding.toString().toLatin1());
            vector.resize(raw.size() / qsizetype(sizeof(float)));
            for (qsizetype i = 0; i < vector.size(); ++i)
                vector[i] = qFromLittleEndian<float>(raw.constData() + i * qsizetype(sizeof(float)));
            continue;
        }
        const QJsonArray values = embedding.toArray();
        vector.reserve(values.size());
        for (const QJsonValue &v : values)
            vector.append(float(v.toDouble()));
    }
    return true;
}

} // namespace md
