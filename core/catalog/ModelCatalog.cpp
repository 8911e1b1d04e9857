#include "catalog/ModelCatalog.h"

#include "api/ApiCall.h"
#include "api/MistralClient.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace md {

ModelCatalog::ModelCatalog(QObject *parent)
    : QObject(parent)
{
}

bool ModelCatalog::loadResponse(const QByteArray &body, QString *error)
{
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("the model list is not JSON (%1)").arg(parseError.errorString());
        return false;
    }
    return loadJson(doc.object(), error);
}

bool ModelCatalog::loadJson(const QJsonObject &list, QString *error)
{
    const QJsonValue data = list.value(QLatin1String("data"));
    if (!data.isArray()) {
        if (error)
            *error = QStringLiteral("the model list has no \"data\" array");
        return false;
    }
    QList<ModelInfo> models;
    for (const QJsonValue &card : data.toArray()) {
        ModelInfo info = ModelInfo::fromJson(card.toObject());
        if (!info.id.isEmpty())
            models.append(std::move(info));
    }
    std::sort(models.begin(), models.end(), [](const ModelInfo &a, const ModelInfo &b) { return a.id < b.id; });
    m_models = std::move(models);
    const QString fetched = list.value(QLatin1String("fetched_at")).toString();
    m_fetchedAt = fetched.isEmpty() ? QDateTime::currentDateTimeUtc() : QDateTime::fromString(fetched, Qt::ISODate);
    emit updated();
    return true;
}

QJsonObject ModelCatalog::toJson() const
{
    QJsonArray data;
    for (const ModelInfo &m : m_models)
        data.append(m.toJson());
    return {{QLatin1String("object"), QLatin1String("list")},
            {QLatin1String("data"), data},
            {QLatin1String("fetched_at"), m_fetchedAt.toString(Qt::ISODateWithMs)}};
}

void ModelCatalog::refresh(MistralClient *client)
{
    ApiCall *call = client->listModels();
    connect(call, &ApiCall::finished, this, [this](const QByteArray &body) {
        QString error;
        if (!loadResponse(body, &error))
            emit refreshFailed(ApiError::protocol(error));
    });
    connect(call, &ApiCall::failed, this, &ModelCatalog::refreshFailed);
}

QList<ModelInfo> ModelCatalog::models(const std::function<bool(const ModelInfo &)> &filter) const
{
    QList<ModelInfo> out;
    std::copy_if(m_models.cbegin(), m_models.cend(), std::back_inserter(out), filter);
    return out;
}

const ModelInfo *ModelCatalog::find(const QString &idOrAlias) const
{
    for (const ModelInfo &m : m_models) {
        if (m.id == idOrAlias)
            return &m;
    }
    for (const ModelInfo &m : m_models) {
        if (m.aliases.contains(idOrAlias))
            return &m;
    }
    return nullptr;
}

QString ModelCatalog::canonicalId(const QString &idOrAlias) const
{
    const ModelInfo *m = find(idOrAlias);
    return m ? m->id : idOrAlias;
}

} // namespace md
