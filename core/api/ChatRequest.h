#pragma once

#include "api/ChatMessage.h"
#include "api/ToolCall.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace md {

// `response_format`: free text, any JSON object, or JSON that follows a schema.
struct ResponseFormat {
    enum class Type { Text, JsonObject, JsonSchema };
    Type type = Type::Text;
    QString schemaName;        // JsonSchema
    QString schemaDescription; // JsonSchema, optional
    QJsonObject schema;        // JsonSchema
    std::optional<bool> strict;

    QJsonObject toJson() const;
    static ResponseFormat fromJson(const QJsonObject &json);
};

// One chat completion request with every field the API takes. Every optional field that is not
// set is left out of the body: the API rejects unknown fields and some explicit nulls.
struct ChatRequest {
    QString model;
    QList<ChatMessage> messages;

    std::optional<double> temperature; // 0..1.5
    std::optional<double> topP;        // (0, 1]
    std::optional<qint64> maxTokens;
    QStringList stop;                       // empty = not sent
    std::optional<qint64> randomSeed;       // >= 0
    std::optional<int> n;                   // >= 1
    std::optional<double> presencePenalty;  // -2..2
    std::optional<double> frequencyPenalty; // -2..2
    std::optional<ResponseFormat> responseFormat;
    QList<ToolDefinition> tools; // empty = not sent
    std::optional<ToolChoice> toolChoice;
    std::optional<bool> parallelToolCalls;
    QString prediction;             // expected output; empty = not sent
    QString reasoningEffort;        // none|minimal|low|medium|high|xhigh; empty = not sent
    QString promptMode;             // older models: "reasoning"; empty = not sent
    std::optional<bool> safePrompt; // the field is `safe_prompt` (never `safe_mode`)

    // The body for POST /v1/chat/completions.
    QJsonObject toJson(bool stream) const;
    // Reads a body in Mistral's format (fields it does not know are ignored).
    static ChatRequest fromJson(const QJsonObject &json);

    // Problems the API would reject with 400/422, found before sending; empty when none.
    QStringList validate() const;
};

} // namespace md
