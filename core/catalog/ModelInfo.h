#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace md {

// What a model can do, from the `capabilities` of its card.
struct ModelCapabilities {
    bool chat = false;
    bool functionCalling = false;
    bool reasoning = false;
    bool fim = false;
    bool fineTuning = false;
    bool vision = false;
    bool ocr = false;
    bool classification = false;
    bool moderation = false;
    bool audio = false;
    bool embeddings = false; // not a card field: derived from the id (…-embed)

    friend bool operator==(const ModelCapabilities &, const ModelCapabilities &) = default;
};

// One card of GET /v1/models.
struct ModelInfo {
    QString id;
    QString name;
    QString description;
    QString ownedBy;
    QString type; // base | fine-tuned
    qint64 created = 0;
    qint64 maxContextLength = 0;
    QStringList aliases;
    QDate deprecation; // invalid = not deprecated
    QString deprecationReplacement;
    std::optional<double> defaultTemperature;
    ModelCapabilities capabilities;

    bool isDeprecated() const { return deprecation.isValid(); }
    // Short labels for the capability badges, e.g. {"chat", "tools", "vision"}.
    QStringList capabilityLabels() const;

    static ModelInfo fromJson(const QJsonObject &card);
    QJsonObject toJson() const; // the card again, for the offline cache
};

} // namespace md
