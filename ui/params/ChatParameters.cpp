#include "params/ChatParameters.h"

#include "api/JsonFields.h"

namespace md {

namespace {
const QLatin1String kModel("model");
const QLatin1String kSystemPrompt("system_prompt");
const QLatin1String kTemperature("temperature");
const QLatin1String kTopP("top_p");
const QLatin1String kMaxTokens("max_tokens");
const QLatin1String kRandomSeed("random_seed");
const QLatin1String kSafePrompt("safe_prompt");
const QLatin1String kStop("stop");
const QLatin1String kPresencePenalty("presence_penalty");
const QLatin1String kFrequencyPenalty("frequency_penalty");
const QLatin1String kResponseFormat("response_format");
const QLatin1String kReasoningEffort("reasoning_effort");
const QLatin1String kTools("tools");
const QLatin1String kToolChoice("tool_choice");
const QLatin1String kParallelToolCalls("parallel_tool_calls");
const QLatin1String kType("type");
const QLatin1String kName("name");
const QLatin1String kDescription("description");
const QLatin1String kSchema("schema");
const QLatin1String kStrict("strict");

std::optional<double> readDouble(const QJsonObject &json, QLatin1String key)
{
    const QJsonValue v = json.value(key);
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

std::optional<qint64> readInteger(const QJsonObject &json, QLatin1String key)
{
    const QJsonValue v = json.value(key);
    return v.isDouble() ? std::optional<qint64>(v.toInteger()) : std::nullopt;
}

QString typeName(ResponseFormat::Type type)
{
    switch (type) {
    case ResponseFormat::Type::JsonObject:
        return QStringLiteral("json_object");
    case ResponseFormat::Type::JsonSchema:
        return QStringLiteral("json_schema");
    case ResponseFormat::Type::Text:
        break;
    }
    return QStringLiteral("text");
}

QJsonObject formatToJson(const ResponseFormat &format)
{
    QJsonObject json {{kType, typeName(format.type)}};
    json::putNonEmpty(json, kName, format.schemaName);
    json::putNonEmpty(json, kDescription, format.schemaDescription);
    if (!format.schema.isEmpty())
        json.insert(kSchema, format.schema);
    json::putOptional(json, kStrict, format.strict);
    return json;
}

ResponseFormat formatFromJson(const QJsonObject &json)
{
    ResponseFormat format;
    const QString type = json.value(kType).toString();
    if (type == QLatin1String("json_object"))
        format.type = ResponseFormat::Type::JsonObject;
    else if (type == QLatin1String("json_schema"))
        format.type = ResponseFormat::Type::JsonSchema;
    format.schemaName = json.value(kName).toString();
    format.schemaDescription = json.value(kDescription).toString();
    format.schema = json.value(kSchema).toObject();
    if (json.value(kStrict).isBool())
        format.strict = json.value(kStrict).toBool();
    return format;
}
} // namespace

QStringList ChatParameters::reasoningEfforts()
{
    return {QStringLiteral("none"),   QStringLiteral("minimal"), QStringLiteral("low"),
            QStringLiteral("medium"), QStringLiteral("high"),    QStringLiteral("xhigh")};
}

void ChatParameters::applyTo(ChatRequest &request) const
{
    request.model = model;
    if (!systemPrompt.isEmpty()) {
        const ChatMessage system = ChatMessage::system(systemPrompt);
        if (!request.messages.isEmpty() && request.messages.first().role == ChatMessage::Role::System)
            request.messages.first() = system;
        else
            request.messages.prepend(system);
    }
    if (temperature)
        request.temperature = temperature;
    if (topP)
        request.topP = topP;
    if (maxTokens)
        request.maxTokens = maxTokens;
    if (randomSeed)
        request.randomSeed = randomSeed;
    // false is the API's default: sending it would only add noise to every body.
    if (safePrompt)
        request.safePrompt = true;
    if (!stop.isEmpty())
        request.stop = stop;
    if (presencePenalty)
        request.presencePenalty = presencePenalty;
    if (frequencyPenalty)
        request.frequencyPenalty = frequencyPenalty;
    if (responseFormat.type != ResponseFormat::Type::Text)
        request.responseFormat = responseFormat;
    if (!reasoningEffort.isEmpty())
        request.reasoningEffort = reasoningEffort;
    QList<ToolDefinition> offered;
    for (const ToolSpec &tool : tools) {
        if (tool.enabled)
            offered.append(tool.definition);
    }
    // Without tools the API has nothing for tool_choice or parallel_tool_calls to apply to.
    if (!offered.isEmpty()) {
        request.tools = offered;
        if (toolChoice)
            request.toolChoice = toolChoice;
        if (parallelToolCalls)
            request.parallelToolCalls = parallelToolCalls;
    }
}

QJsonObject ChatParameters::toJson() const
{
    QJsonObject json {{kModel, model}};
    json::putNonEmpty(json, kSystemPrompt, systemPrompt);
    json::putOptional(json, kTemperature, temperature);
    json::putOptional(json, kTopP, topP);
    json::putOptional(json, kMaxTokens, maxTokens);
    json::putOptional(json, kRandomSeed, randomSeed);
    if (safePrompt)
        json.insert(kSafePrompt, true);
    if (!stop.isEmpty())
        json.insert(kStop, json::toArray(stop));
    json::putOptional(json, kPresencePenalty, presencePenalty);
    json::putOptional(json, kFrequencyPenalty, frequencyPenalty);
    if (responseFormat != ResponseFormat {})
        json.insert(kResponseFormat, formatToJson(responseFormat));
    json::putNonEmpty(json, kReasoningEffort, reasoningEffort);
    if (!tools.isEmpty()) {
        QJsonArray array;
        for (const ToolSpec &tool : tools)
            array.append(tool.toJson());
        json.insert(kTools, array);
    }
    if (toolChoice)
        json.insert(kToolChoice, toolChoice->toJson());
    json::putOptional(json, kParallelToolCalls, parallelToolCalls);
    return json;
}

ChatParameters ChatParameters::fromJson(const QJsonObject &json)
{
    ChatParameters p;
    if (json.contains(kModel))
        p.model = json.value(kModel).toString();
    p.systemPrompt = json.value(kSystemPrompt).toString();
    p.temperature = readDouble(json, kTemperature);
    p.topP = readDouble(json, kTopP);
    p.maxTokens = readInteger(json, kMaxTokens);
    p.randomSeed = readInteger(json, kRandomSeed);
    p.safePrompt = json.value(kSafePrompt).toBool();
    p.stop = json::toStringList(json.value(kStop));
    p.presencePenalty = readDouble(json, kPresencePenalty);
    p.frequencyPenalty = readDouble(json, kFrequencyPenalty);
    if (json.value(kResponseFormat).isObject())
        p.responseFormat = formatFromJson(json.value(kResponseFormat).toObject());
    p.reasoningEffort = json.value(kReasoningEffort).toString();
    for (const QJsonValue &tool : json.value(kTools).toArray())
        p.tools.append(ToolSpec::fromJson(tool.toObject()));
    if (json.contains(kToolChoice))
        p.toolChoice = ToolChoice::fromJson(json.value(kToolChoice));
    if (json.value(kParallelToolCalls).isBool())
        p.parallelToolCalls = json.value(kParallelToolCalls).toBool();
    return p;
}

} // namespace md
