#pragma once

#include "api/Usage.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace md {

// POST /v1/embeddings. `outputDimension` and `outputDtype` are honoured by codestral-embed.
struct EmbeddingRequest {
    QString model = QStringLiteral("mistral-embed");
    QStringList inputs;
    std::optional<int> outputDimension;
    QString outputDtype;    // float|int8|uint8|binary|ubinary; empty = not sent
    QString encodingFormat; // float|base64; empty = not sent (float). base64 is about 4x smaller on the wire

    QJsonObject toJson() const;
};

struct EmbeddingResult {
    QString model;
    QList<QVector<float>> vectors; // in input order
    Usage usage;

    // Reads a response body; vectors are placed by their `index`. False when the shape is wrong.
    static bool fromJson(const QJsonObject &json, int expectedCount, EmbeddingResult *out, QString *error);
};

} // namespace md
