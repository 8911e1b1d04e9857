#include "embeddings/EmbeddingExporter.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QtEndian>

#include <cstring>

namespace md {

namespace {
qsizetype widthOf(const QList<QVector<float>> &vectors)
{
    return vectors.isEmpty() ? 0 : vectors.constFirst().size();
}

QByteArray csvField(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') || utf8.contains('\r')) {
        utf8.replace("\"", "\"\"");
        return '"' + utf8 + '"';
    }
    return utf8;
}

// Shortest text that reads back as the same float32 (JSON and CSV keep full precision).
void appendNumber(QByteArray &out, float value)
{
    out += QByteArray::number(double(value), 'g', 9);
}
} // namespace

EmbeddingExporter::Format EmbeddingExporter::formatFor(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("npy"))
        return Format::Npy;
    if (suffix == QLatin1String("json"))
        return Format::Json;
    return Format::Csv;
}

QByteArray EmbeddingExporter::npyHeader(qsizetype rows, qsizetype columns)
{
    QByteArray dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + QByteArray::number(rows) + ", "
        + QByteArray::number(columns) + "), }";
    // Magic (6) + version (2) + length (2) + dict, padded with spaces and ended by a newline so the
    // data starts on a 64-byte boundary, as NumPy itself writes it.
    const qsizetype unpadded = 10 + dict.size() + 1;
    dict += QByteArray((64 - unpadded % 64) % 64, ' ');
    dict += '\n';
    QByteArray header("\x93NUMPY\x01\x00", 8);
    char length[2];
    qToLittleEndian<quint16>(quint16(dict.size()), length);
    header.append(length, 2);
    header += dict;
    return header;
}

QByteArray EmbeddingExporter::toNpy(const QList<QVector<float>> &vectors)
{
    const qsizetype width = widthOf(vectors);
    QByteArray out = npyHeader(vectors.size(), width);
    const qsizetype start = out.size();
    out.resize(start + vectors.size() * width * qsizetype(sizeof(float)));
    char *p = out.data() + start;
    for (const QVector<float> &row : vectors) {
        for (qsizetype j = 0; j < width; ++j) {
            qToLittleEndian<float>(j < row.size() ? row.at(j) : 0.0f, p);
            p += sizeof(float);
        }
    }
    return out;
}

QByteArray EmbeddingExporter::toCsv(const Data &data)
{
    const qsizetype width = widthOf(data.vectors);
    QByteArray out = "index,text";
    for (qsizetype j = 0; j < width; ++j)
        out += ",d" + QByteArray::number(j);
    out += '\n';
    for (qsizetype i = 0; i < data.vectors.size(); ++i) {
        out += QByteArray::number(i) + ',' + csvField(data.texts.value(i));
        for (const float v : data.vectors.at(i)) {
            out += ',';
            appendNumber(out, v);
        }
        out += '\n';
    }
    return out;
}

QByteArray EmbeddingExporter::toJson(const Data &data)
{
    // Written by hand rather than through QJsonDocument: 10,000 x 1024 values would first become
    // ten million QJsonValues.
    QByteArray out = "{\n  \"model\": ";
    const auto quote = [](const QString &s) {
        QByteArray q = s.toUtf8();
        QByteArray escaped;
        escaped.reserve(q.size() + 2);
        escaped += '"';
        for (const char c : std::as_const(q)) {
            switch (c) {
            case '"':
                escaped += "\\\"";
                break;
            case '\\':
                escaped += "\\\\";
                break;
            case '\n':
                escaped += "\\n";
                break;
            case '\r':
                escaped += "\\r";
                break;
            case '\t':
                escaped += "\\t";
                break;
            default:
                if (uchar(c) < 0x20)
                    escaped += "\\u00" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
                else
                    escaped += c;
            }
        }
        escaped += '"';
        return escaped;
    };
    out += quote(data.model) + ",\n  \"dimension\": " + QByteArray::number(widthOf(data.vectors)) + ",\n  \"data\": [";
    for (qsizetype i = 0; i < data.vectors.size(); ++i) {
        out += i == 0 ? "\n    {\"index\": " : ",\n    {\"index\": ";
        out += QByteArray::number(i) + ", \"text\": " + quote(data.texts.value(i)) + ", \"embedding\": [";
        const QVector<float> &row = data.vectors.at(i);
        for (qsizetype j = 0; j < row.size(); ++j) {
            if (j > 0)
                out += ", ";
            appendNumber(out, row.at(j));
        }
        out += "]}";
    }
    out += "\n  ]\n}\n";
    return out;
}

bool EmbeddingExporter::write(const Data &data, Format format, QIODevice *device, QString *error)
{
    const QByteArray bytes = format == Format::Npy ? toNpy(data.vectors)
        : format == Format::Json                   ? toJson(data)
                                                   : toCsv(data);
    if (device->write(bytes) != bytes.size()) {
        *error = device->errorString();
        return false;
    }
    return true;
}

bool EmbeddingExporter::writeFile(const Data &data, Format format, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    if (!write(data, format, &file, error)) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace md
