#include "api/ChatRequest.h"

#include "api/JsonFields.h"

#include <QJsonArray>

namespace md {

namespace {

std::optional<double> optionalDouble(const QJsonObject &json, QLatin1String key)
{
    const QJsonValue v = json.value(key);
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

std::optional<qint64> optionalInteger(const QJsonObject &json, QLatin1String key)
{
    const QJsonValue v = json.value(key);
    return v.isDouble() ? std::optional<qint64>(v.toInteger()) : std::nullopt;
}

std::optional<bool> optionalBool(const QJsonObject &json, QLatin1String key)
{
    const QJsonValue v = json.value(key);
    return v.isBool() ? std::optional<bool>(v.toBool()) : std::nullopt;
}

} // namespace

QJsonObject ResponseFormat::toJson() const
{
    switch (type) {
    case Type::Text:
        return {{QLatin1String("type"), QLatin1String("text")}};
    case Type::JsonObject:
        return {{QLatin1String("type"), QLatin1String("json_object")}};
    case Type::JsonSchema:
        break;
    }
    QJsonObject jsonSchema {{QLatin1String("name"), schemaName.isEmpty() ? QStringLiteral("response") : schemaName},
                            {QLatin1String("schema"), schema}};
    json::putNonEmpty(jsonSchema, QLatin1String("description"), schemaDescription);
    json::putOptional(jsonSchema, QLatin1String("strict"), strict);
    return {{QLatin1String("type"), QLatin1String("json_schema")}, {QLatin1String("json_schema"), jsonSchema}};
}

ResponseFormat ResponseFormat::fromJson(const QJsonObject &json)
{
    ResponseFormat format;
    const QString type = json.value(QLatin1String("type")).toString();
    if (type == QLatin1String("json_object")) {
        format.type = Type::JsonObject;
    } else if (type == QLatin1String("json_schema")) {
        format.type = Type::JsonSchema;
        const QJsonObject s = json.value(QLatin1String("json_schema")).toObject();
        format.schemaName = s.value(QLatin1String("name")).toString();
        format.schemaDescription = s.value(QLatin1String("description")).toString();
        format.schema = s.value(QLatin1String("schema")).toObject();
        format.strict = optionalBool(s, QLatin1String("strict"));
    }
    return format;
}

QJsonObject ChatRequest::toJson(bool stream) const
{
    QJsonObject body {{QLatin1String("model"), model}};
    QJsonArray list;
    for (const ChatMessage &message : messages)
        list.append(message.toJson());
    body.insert(QLatin1String("messages"), list);
    if (stream)
        body.insert(QLatin1String("stream"), true);

    json::putOptional(body, QLatin1String("temperature"), temperature);
    json::putOptional(body, QLatin1String("top_p"), topP);
    json::putOptional(body, QLatin1String("max_tokens"), maxTokens);
    json::putStop(body, stop);
    json::putOptional(body, QLatin1String("random_seed"), randomSeed);
    json::putOptional(body, QLatin1String("n"), n);
    json::putOptional(body, QLatin1String("presence_penalty"), presencePenalty);
    json::putOptional(body, QLatin1String("frequency_penalty"), frequencyPenalty);
    if (responseFormat)
        body.insert(QLatin1String("response_format"), responseFormat->toJson());
    if (!tools.isEmpty()) {
        QJsonArray defs;
        for (const ToolDefinition &tool : tools)
            defs.append(tool.toJson());
        body.insert(QLatin1String("tools"), defs);
    }
    if (toolChoice)
        body.insert(QLatin1String("tool_choice"), toolChoice->toJson());
    json::putOptional(body, QLatin1String("parallel_tool_calls"), parallelToolCalls);
    if (!prediction.isEmpty())
        body.insert(
            QLatin1String("prediction"),
            QJsonObject {{QLatin1String("type"), QLatin1String("content")}, {QLatin1String("content"), prediction}});
    json::putNonEmpty(body, QLatin1String("reasoning_effort"), reasoningEffort);
    json::putNonEmpty(body, QLatin1String("prompt_mode"), promptMode);
    json::putOptional(body, QLatin1String("safe_prompt"), safePrompt);
    return body;
}

ChatRequest ChatRequest::fromJson(const QJsonObject &json)
{
    ChatRequest r;
    r.model = json.value(QLatin1String("model")).toString();
    for (const QJsonValue &m : json.value(QLatin1String("messages")).toArray())
        r.messages.append(ChatMessage::fromJson(m.toObject()));
    r.temperature = optionalDouble(json, QLatin1String("temperature"));
    r.topP = optionalDouble(json, QLatin1String("top_p"));
    r.maxTokens = optionalInteger(json, QLatin1String("max_tokens"));
    r.stop = json::toStringList(json.value(QLatin1String("stop")));
    r.randomSeed = optionalInteger(json, QLatin1String("random_seed"));
    if (const auto n = optionalInteger(json, QLatin1String("n")))
        r.n = int(*n);
    r.presencePenalty = optionalDouble(json, QLatin1String("presence_penalty"));
    r.frequencyPenalty = optionalDouble(json, QLatin1String("frequency_penalty"));
    if (json.value(QLatin1String("response_format")).isObject())
        r.responseFormat = ResponseFormat::fromJson(json.value(QLatin1String("response_format")).toObject());
    for (const QJsonValue &t : json.value(QLatin1String("tools")).toArray())
        r.tools.append(ToolDefinition::fromJson(t.toObject()));
    const QJsonValue choice = json.value(QLatin1String("tool_choice"));
    if (choice.isString() || choice.isObject())
        r.toolChoice = ToolChoice::fromJson(choice);
    r.parallelToolCalls = optionalBool(json, QLatin1String("parallel_tool_calls"));
    r.prediction = json.value(QLatin1String("prediction")).toObject().value(QLatin1String("content")).toString();
    r.reasoningEffort = json.value(QLatin1String("reasoning_effort")).toString();
    r.promptMode = json.value(QLatin1String("prompt_mode")).toString();
    r.safePrompt = optionalBool(json, QLatin1String("safe_prompt"));
    return r;
}

QStringList ChatRequest::validate() const
{
    QStringList problems;
    if (model.isEmpty())
        problems << QStringLiteral("No model is selected.");
    if (messages.isEmpty())
        problems << QStringLiteral("There is no message to send.");
    if (temperature && (*temperature < 0.0 || *temperature > 1.5))
        problems << QStringLiteral("Temperature must be between 0 and 1.5.");
    if (topP && (*topP <= 0.0 || *topP > 1.0))
        problems << QStringLiteral("Top P must be greater than 0 and at most 1.");
    if (maxTokens && *maxTokens < 1)
        problems << QStringLiteral("Max tokens must be at least 1.");
    if (randomSeed && *randomSeed < 0)
        problems << QStringLiteral("The random seed must be 0 or more.");
    if (n && *n < 1)
        problems << QStringLiteral("n must be at least 1.");
    for (const auto &penalty : {presencePenalty, frequencyPenalty}) {
        if (penalty && (*penalty < -2.0 || *penalty > 2.0)) {
            problems << QStringLiteral("Presence and frequency penalties must be between -2 and 2.");
            break;
        }
    }
    for (const ChatMessage &m : messages) {
        for (const ToolCall &call : m.toolCalls) {
            if (!ToolCall::isValidMistralId(call.id))
                problems << QStringLiteral("Tool call id \"%1\" must be 9 letters or digits.").arg(call.id);
        }
        if (m.role == ChatMessage::Role::Tool && !ToolCall::isValidMistralId(m.toolCallId))
            problems << QStringLiteral("Tool result id \"%1\" must be 9 letters or digits.").arg(m.toolCallId);
        if (m.role == ChatMessage::Role::Assistant && m.plainText().isEmpty() && m.chunks.isEmpty()
            && m.toolCalls.isEmpty())
            problems << QStringLiteral("An assistant message needs text or tool calls.");
    }
    if (!messages.isEmpty()) {
        const ChatMessage &last = messages.last();
        const bool ok = last.role == ChatMessage::Role::User || last.role == ChatMessage::Role::Tool
            || (last.role == ChatMessage::Role::Assistant && last.prefix);
        if (!ok)
            problems << QStringLiteral(
                "The last message must be from the user, a tool result, or an assistant prefix.");
    }
    for (int i = 0; i + 1 < messages.size(); ++i) {
        if (messages.at(i).prefix) {
            problems << QStringLiteral("Only the last message may be an assistant prefix.");
            break;
        }
    }
    return problems;
}

} // namespace md
