#pragma once

#include "api/ApiError.h"
#include "catalog/ModelInfo.h"

#include <QDateTime>
#include <QList>
#include <QObject>

#include <functional>

namespace md {

class MistralClient;

// The models the server offers (GET /v1/models), with lookups by id or alias. Can be saved and
// restored as JSON so the app works offline from the last list it saw.
class ModelCatalog : public QObject {
    Q_OBJECT
public:
    explicit ModelCatalog(QObject *parent = nullptr);

    // Replaces the list from a /v1/models body. False (list unchanged) when the body is not one.
    bool loadResponse(const QByteArray &body, QString *error = nullptr);
    bool loadJson(const QJsonObject &list, QString *error = nullptr);
    // The list in the /v1/models shape, plus "fetched_at", for a cache file.
    QJsonObject toJson() const;

    // Asks the server for the list; emits `updated` or `refreshFailed`.
    void refresh(MistralClient *client);

    const QList<ModelInfo> &models() const { return m_models; }
    QList<ModelInfo> models(const std::function<bool(const ModelInfo &)> &filter) const;
    const ModelInfo *find(const QString &idOrAlias) const;
    // The id a name stands for ("mistral-large-latest" -> the card that lists it), or the name itself.
    QString canonicalId(const QString &idOrAlias) const;
    QDateTime fetchedAt() const { return m_fetchedAt; }
    bool isEmpty() const { return m_models.isEmpty(); }

signals:
    void updated();
    void refreshFailed(const md::ApiError &error);

private:
    QList<ModelInfo> m_models;
    QDateTime m_fetchedAt;
};

} // namespace md
