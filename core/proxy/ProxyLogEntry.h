#pragma once

#include "api/Usage.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace md {

// One line of the proxy's access log. Never holds keys, tokens or bodies (unless body logging is on).
struct ProxyLogEntry {
    QDateTime time;
    QString client; // remote address
    QString method;
    QString path;
    QString model;
    int status = 0;
    qint64 latencyMs = 0;    // request received -> response complete
    qint64 firstByteMs = -1; // request received -> first byte of the answer sent
    bool streamed = false;
    Usage usage;
    std::optional<double> costUsd; // filled by whoever knows the prices
    QString error;                 // a short reason for a failed request
    QStringList translated;        // fields renamed or dropped for Mistral
    QByteArray requestBody;        // only with body logging on
    QByteArray responseBody;       // only with body logging on, non-streamed answers

    QJsonObject toJson() const;
    QByteArray toJsonLine() const; // compact JSON and a newline
};

} // namespace md
