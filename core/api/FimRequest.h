#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace md {

// Fill-in-the-middle code completion (POST /v1/fim/completions).
struct FimRequest {
    QString model = QStringLiteral("codestral-latest");
    QString prompt;
    QString suffix;
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<qint64> maxTokens;
    std::optional<qint64> minTokens;
    QStringList stop;
    std::optional<qint64> randomSeed;

    QJsonObject toJson(bool stream) const;
};

} // namespace md
