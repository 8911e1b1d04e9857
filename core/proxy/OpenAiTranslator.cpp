#include "proxy/OpenAiTranslator.h"

#include "proxy/ByteSearch.h"
#include "proxy/ToolCallIdMap.h"

#include <QJsonArray>
#include <QJsonValue>

#include <initializer_list>
#include <utility>

namespace md {

namespace {

const QLatin1String kModel("model");
const QLatin1String kMessages("messages");
const QLatin1String kMaxTokens("max_tokens");
const QLatin1String kRandomSeed("random_seed");
const QLatin1String kSafePrompt("safe_prompt");
const QLatin1String kToolCalls("tool_calls");

using Fields = std::initializer_list<const char *>;
struct Rename {
    const char *from;
    const char *to;
};
using Renames = std::initializer_list<Rename>;

// Mistral's request fields (MISTRAL_API.md); anything else is dropped because Mistral answers 422.
const Fields kChatFields = {"model",
                            "messages",
                            "temperature",
                            "top_p",
                            "max_tokens",
                            "stream",
                            "stop",
                            "random_seed",
                            "n",
                            "presence_penalty",
                            "frequency_penalty",
                            "response_format",
                            "tools",
                            "tool_choice",
                            "parallel_tool_calls",
                            "prediction",
                            "reasoning_effort",
                            "prompt_mode",
                            "safe_prompt"};
const Fields kFimFields = {"model",      "prompt",     "suffix", "temperature", "top_p",
                           "max_tokens", "min_tokens", "stream", "stop",        "random_seed"};
const Fields kEmbeddingFields = {"model", "input", "output_dimension", "output_dtype", "encoding_format"};

// OpenAI's (and early Mistral docs') names for the same settings. When a client sends both names,
// the Mistral one wins and the other is reported as dropped.
const Renames kChatRenames
    = {{"max_completion_tokens", "max_tokens"}, {"seed", "random_seed"}, {"safe_mode", "safe_prompt"}};
const Renames kFimRenames = {{"max_completion_tokens", "max_tokens"}, {"seed", "random_seed"}};
const Renames kEmbeddingRenames = {{"dimensions", "output_dimension"}};

bool contains(const Fields &fields, const QString &key)
{
    for (const char *f : fields)
        if (key == QLatin1String(f))
            return true;
    return false;
}

const Rename *findRename(const Renames &renames, const QString &key)
{
    for (const Rename &r : renames)
        if (key == QLatin1String(r.from))
            return &r;
    return nullptr;
}

bool isUnset(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull();
}

// Keeps the allowed fields, renames the known foreign ones, and drops (and reports) the rest. `out`
// starts as the client's object (shared): a body with nothing to drop or rename is never copied.
void copyFields(const QJsonObject &client, const Fields &allowed, const Renames &renames, QJsonObject &out,
                Translation &t)
{
    out = client;
    for (auto it = client.constBegin(); it != client.constEnd(); ++it) {
        const QString key = it.key();
        if (contains(allowed, key))
            continue;
        out.remove(key);
        const Rename *rename = findRename(renames, key);
        if (rename && !client.contains(QLatin1String(rename->to))) {
            out.insert(QLatin1String(rename->to), it.value());
            t.noteRenamed(key + QLatin1String("->") + QLatin1String(rename->to));
            continue;
        }
        t.noteDropped(key);
    }
}

// Sets `field` unless it already holds exactly `value` (no detach, no change noted).
void setIfDifferent(QJsonObject &body, QLatin1String field, const QJsonValue &value, Translation &t)
{
    if (body.value(field) == value)
        return;
    body.insert(field, value);
    t.bodyChanged = true;
}

// Returns false (with the error set) when the body names its model with something other than a string.
bool checkModel(const QJsonObject &client, Translation &t)
{
    const QJsonValue model = client.value(kModel);
    if (isUnset(model) || model.isString())
        return true;
    t.fail(QStringLiteral("'model' must be a string."), kModel);
    return false;
}

bool checkRequired(const QJsonObject &client, QLatin1String field, QJsonValue::Type type, const QString &typeText,
                   Translation &t)
{
    const QJsonValue v = client.value(field);
    if (isUnset(v)) {
        t.fail(QLatin1Char('\'') + field + QLatin1String("' is required."), field);
        return false;
    }
    if (v.type() != type) {
        t.fail(QLatin1Char('\'') + field + QLatin1String("' must be ") + typeText + QLatin1Char('.'), field);
        return false;
    }
    return true;
}

// Rewrites the ids of one `tool_calls` array in place; false when none changed.
bool restoreIds(QJsonArray &calls, const ToolCallIdMap &ids)
{
    bool changed = false;
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const QJsonObject call = calls.at(i).toObject();
        const QString id = call.value(QLatin1String("id")).toString();
        if (id.isEmpty())
            continue;
        const QString original = ids.toClient(id);
        if (original == id)
            continue;
        QJsonObject restored = call;
        restored.insert(QLatin1String("id"), original);
        calls.replace(i, restored);
        changed = true;
    }
    return changed;
}

// OpenAI's error types by status, for upstream errors that carry no type of their own.
QString typeForStatus(int status)
{
    switch (status) {
    case 401:
        return QStringLiteral("authentication_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 429:
        return QStringLiteral("rate_limit_error");
    default:
        break;
    }
    if (status >= 400 && status < 500)
        return QStringLiteral("invalid_request_error"); // 400, 413, 422 and the rest
    return QStringLiteral("api_error");
}

// The client authenticated to the proxy with its local token, so an upstream 401 is about the proxy's
// Mistral key; said plainly, or the client would suspect its own token. Transport failures say which side.
QString clientMessage(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::Http:
        if (error.httpStatus == 401)
            return QLatin1String("The Mistral API refused the proxy's API key: ") + error.message;
        return error.message;
    case ApiError::Kind::Network:
        return QLatin1String("Could not reach the Mistral API: ") + error.message;
    case ApiError::Kind::Timeout:
        return QLatin1String("The Mistral API did not answer in time: ") + error.message;
    case ApiError::Kind::Cancelled:
        return QStringLiteral("The upstream request was cancelled before it completed.");
    case ApiError::Kind::Protocol:
        return QLatin1String("The Mistral API sent a malformed answer: ") + error.message;
    }
    return error.message;
}

// Failures without an HTTP status get a code of their own so that clients and logs can tell them apart.
QString clientCode(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::Http:
        return error.code;
    case ApiError::Kind::Network:
        return QStringLiteral("upstream_unreachable");
    case ApiError::Kind::Timeout:
        return QStringLiteral("upstream_timeout");
    case ApiError::Kind::Cancelled:
        return QStringLiteral("upstream_cancelled");
    case ApiError::Kind::Protocol:
        return QStringLiteral("upstream_protocol_error");
    }
    return error.code;
}

QJsonValue nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace

QHash<QString, QString> OpenAiTranslator::Config::defaultAliases()
{
    return {{QStringLiteral("large"), QStringLiteral("mistral-large-latest")},
            {QStringLiteral("medium"), QStringLiteral("mistral-medium-latest")},
            {QStringLiteral("small"), QStringLiteral("mistral-small-latest")},
            {QStringLiteral("code"), QStringLiteral("codestral-latest")},
            {QStringLiteral("embed"), QStringLiteral("mistral-embed")},
            {QStringLiteral("reasoning"), QStringLiteral("magistral-medium-latest")},
            {QStringLiteral("vision"), QStringLiteral("pixtral-large-latest")}};
}

OpenAiTranslator::OpenAiTranslator(ToolCallIdMap &ids)
    : OpenAiTranslator(ids, Config {})
{
}

OpenAiTranslator::OpenAiTranslator(ToolCallIdMap &ids, Config config)
    : m_config(std::move(config))
    , m_ids(ids)
    , m_messages(ids)
{
}

QString OpenAiTranslator::resolveModel(const QString &requested, const QString &fallback) const
{
    if (requested.isEmpty())
        return fallback;
    return m_config.aliases.value(requested, requested);
}

Translation OpenAiTranslator::translateChat(const QJsonObject &clientBody) const
{
    Translation t;
    if (!checkRequired(clientBody, kMessages, QJsonValue::Array, QStringLiteral("an array of message objects"), t)
        || !checkModel(clientBody, t))
        return t;

    QJsonObject body;
    copyFields(clientBody, kChatFields, kChatRenames, body, t);
    setIfDifferent(body, kModel, resolveModel(clientBody.value(kModel).toString(), m_config.defaultModel), t);
    const QJsonArray messages = clientBody.value(kMessages).toArray();
    bool messagesChanged = false;
    const QJsonArray translatedMessages = m_messages.translate(messages, t, &messagesChanged);
    if (!t.ok())
        return t;
    if (messagesChanged) {
        body.insert(kMessages, translatedMessages);
        t.bodyChanged = true;
    }

    // Mistral's name for "must call a tool" is `any`; the object form naming one function is the same.
    const QJsonValue toolChoice = body.value(QLatin1String("tool_choice"));
    if (toolChoice.isString() && toolChoice.toString() == QLatin1String("required")) {
        body.insert(QLatin1String("tool_choice"), QLatin1String("any"));
        t.noteRenamed(QStringLiteral("tool_choice:required->any"));
    }
    t.streamUsageRequested
        = clientBody.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool();
    applyLimits(body, true, t);
    t.body = body;
    return t;
}

Translation OpenAiTranslator::translateFim(const QJsonObject &clientBody) const
{
    Translation t;
    if (!checkRequired(clientBody, QLatin1String("prompt"), QJsonValue::String, QStringLiteral("a string"), t)
        || !checkModel(clientBody, t))
        return t;

    QJsonObject body;
    copyFields(clientBody, kFimFields, kFimRenames, body, t);
    setIfDifferent(body, kModel, resolveModel(clientBody.value(kModel).toString(), m_config.defaultFimModel), t);
    applyLimits(body, false, t); // FIM has no safe_prompt
    t.body = body;
    return t;
}

Translation OpenAiTranslator::translateEmbeddings(const QJsonObject &clientBody) const
{
    Translation t;
    if (isUnset(clientBody.value(QLatin1String("input")))) {
        t.fail(QStringLiteral("'input' is required."), QStringLiteral("input"));
        return t;
    }
    if (!checkModel(clientBody, t))
        return t;

    QJsonObject body;
    copyFields(clientBody, kEmbeddingFields, kEmbeddingRenames, body, t);
    setIfDifferent(body, kModel, resolveModel(clientBody.value(kModel).toString(), m_config.defaultEmbeddingModel), t);
    const QLatin1String encodingKey("encoding_format");
    if (body.contains(encodingKey)) {
        const QString encoding = body.value(encodingKey).toString();
        if (encoding != QLatin1String("float") && encoding != QLatin1String("base64")) {
            body.remove(encodingKey);
            t.noteDropped(encodingKey);
        }
    }
    t.body = body;
    return t;
}

void OpenAiTranslator::applyLimits(QJsonObject &body, bool withSafePrompt, Translation &t) const
{
    if (m_config.maxTokensCap) {
        // Without a value of its own a request could run to the model's limit, so the cap fills in too.
        // A non-number is left for Mistral to reject with its own message.
        const QJsonValue maxTokens = body.value(kMaxTokens);
        if (isUnset(maxTokens) || (maxTokens.isDouble() && maxTokens.toDouble() > double(*m_config.maxTokensCap))) {
            body.insert(kMaxTokens, *m_config.maxTokensCap);
            t.bodyChanged = true;
        }
    }
    if (withSafePrompt && m_config.safePrompt && isUnset(body.value(kSafePrompt))) {
        body.insert(kSafePrompt, *m_config.safePrompt);
        t.bodyChanged = true;
    }
    if (m_config.randomSeed && isUnset(body.value(kRandomSeed))) {
        body.insert(kRandomSeed, *m_config.randomSeed);
        t.bodyChanged = true;
    }
}

void OpenAiTranslator::restoreToolCallIds(QJsonObject &completionOrChunk) const
{
    // value() and toArray()/toObject() share the underlying data; only a changed id detaches anything.
    const QJsonValue choicesValue = completionOrChunk.value(QLatin1String("choices"));
    if (!choicesValue.isArray())
        return;
    QJsonArray choices = choicesValue.toArray();
    bool changed = false;
    for (qsizetype i = 0; i < choices.size(); ++i) {
        QJsonObject choice = choices.at(i).toObject();
        bool choiceChanged = false;
        for (const QLatin1String part : {QLatin1String("message"), QLatin1String("delta")}) {
            const QJsonValue partValue = choice.value(part);
            if (!partValue.isObject())
                continue;
            QJsonObject inner = partValue.toObject();
            const QJsonValue callsValue = inner.value(kToolCalls);
            if (!callsValue.isArray())
                continue;
            QJsonArray calls = callsValue.toArray();
            if (!restoreIds(calls, m_ids))
                continue;
            inner.insert(kToolCalls, calls);
            choice.insert(part, inner);
            choiceChanged = true;
        }
        if (choiceChanged) {
            choices.replace(i, choice);
            changed = true;
        }
    }
    if (changed)
        completionOrChunk.insert(QLatin1String("choices"), choices);
}

bool OpenAiTranslator::mayContainToolCalls(QByteArrayView eventData)
{
    // Only a "tool_calls" key followed by an array can hold ids; `"tool_calls":null`, which every
    // non-streamed answer carries, needs no parse and re-serialisation.
    const QByteArrayView key("\"tool_calls\"");
    for (qsizetype at = bytes::indexOf(eventData, key); at >= 0; at = bytes::indexOf(eventData, key, at + 1)) {
        qsizetype i = at + key.size();
        while (i < eventData.size()
               && (eventData[i] == ' ' || eventData[i] == ':' || eventData[i] == '\t' || eventData[i] == '\n'
                   || eventData[i] == '\r'))
            ++i;
        if (i < eventData.size() && eventData[i] == '[')
            return true;
    }
    return false;
}

QJsonObject OpenAiTranslator::openAiError(const ApiError &error)
{
    const int status = clientStatus(error);
    const QJsonObject inner {{QLatin1String("message"), clientMessage(error)},
                             {QLatin1String("type"), error.type.isEmpty() ? typeForStatus(status) : error.type},
                             {QLatin1String("param"), nullIfEmpty(error.param)},
                             {QLatin1String("code"), nullIfEmpty(clientCode(error))}};
    return {{QLatin1String("error"), inner}};
}

int OpenAiTranslator::clientStatus(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::Http:
        // Anything but an error status here would be a bug upstream or in the decoder: still a bad gateway.
        return error.httpStatus >= 400 && error.httpStatus <= 599 ? error.httpStatus : 502;
    case ApiError::Kind::Timeout:
        return 504;
    case ApiError::Kind::Network:
    case ApiError::Kind::Protocol:
        return 502;
    case ApiError::Kind::Cancelled:
        // Not nginx's 499: that code is for the access log of a client that went away, and a client
        // still listening (the proxy cancelled, e.g. on shutdown) should see a standard status its SDK
        // knows how to retry. The gateway got no usable answer: 502.
        return 502;
    }
    return 502;
}

} // namespace md
