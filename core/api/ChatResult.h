#pragma once

#include "api/RateLimitInfo.h"
#include "api/ToolCall.h"
#include "api/Usage.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace md {

// The outcome of one chat call, streamed or not: the same type either way.
struct ChatResult {
    QString id;
    QString model;
    qint64 created = 0;
    QString content;  // the answer's text
    QString thinking; // reasoning text, for reasoning models
    QList<ToolCall> toolCalls;
    QString finishReason; // stop | length | model_length | error | tool_calls
    Usage usage;
    bool hasUsage = false; // false when the server sent none
    RateLimitInfo rateLimit;

    // Timing, measured by the client. -1 when not known.
    qint64 timeToFirstTokenMs = -1; // request sent -> first content or thinking delta
    qint64 durationMs = -1;         // request sent -> last byte
    double tokensPerSecond = 0.0;   // completion tokens / generation time (first to last token)

    // Reads a non-streamed `chat.completion` body. False with `error` set when it is not one.
    static bool fromCompletionJson(const QJsonObject &json, ChatResult *out, QString *error);
};

} // namespace md
