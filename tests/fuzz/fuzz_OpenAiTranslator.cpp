// The proxy's request translation on any JSON body, as each endpoint (chat, FIM, embeddings) and with
// the default and a configured translator. What is checked is what the proxy relies on:
// - a body reported unchanged is the client's body (the proxy then forwards the client's bytes);
// - a failed translation carries a 400 and no body;
// - what goes upstream has only fields Mistral accepts, a model name, tool-call ids in Mistral's form;
// - translating the result again changes nothing (nothing was left for Mistral to reject);
// - the byte-level pre-check for answers never says "no tool calls" when restoring ids would change one.

#include "FuzzSupport.h"

#include "api/ToolCall.h"
#include "proxy/OpenAiTranslator.h"
#include "proxy/ToolCallIdMap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstring>

namespace {

using Endpoint = md::Translation (md::OpenAiTranslator::*)(const QJsonObject &) const;

md::OpenAiTranslator::Config configured()
{
    md::OpenAiTranslator::Config c;
    c.defaultModel = QStringLiteral("mistral-large-latest");
    c.maxTokensCap = 1000;
    c.safePrompt = true;
    c.randomSeed = 7;
    return c;
}

bool onlyFields(const QJsonObject &body, std::initializer_list<const char *> fields)
{
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        bool known = false;
        for (const char *f : fields)
            known = known || it.key() == QLatin1String(f);
        if (!known)
            return false;
    }
    return true;
}

void checkChatBody(const QJsonObject &body)
{
    FUZZ_CHECK(onlyFields(body,
                          {"model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed",
                           "n", "presence_penalty", "frequency_penalty", "response_format", "tools", "tool_choice",
                           "parallel_tool_calls", "prediction", "reasoning_effort", "prompt_mode", "safe_prompt"}));
    FUZZ_CHECK(body.value(QLatin1String("tool_choice")).toString() != QLatin1String("required"));
    for (const QJsonValue &v : body.value(QLatin1String("messages")).toArray()) {
        FUZZ_CHECK(v.isObject());
        const QJsonObject m = v.toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        FUZZ_CHECK(role != QLatin1String("developer"));
        if (role == QLatin1String("system") || role == QLatin1String("user"))
            FUZZ_CHECK(onlyFields(m, {"role", "content"}));
        if (role == QLatin1String("assistant")) {
            FUZZ_CHECK(onlyFields(m, {"role", "content", "tool_calls", "prefix"}));
            for (const QJsonValue &call : m.value(QLatin1String("tool_calls")).toArray()) {
                const QJsonValue id = call.toObject().value(QLatin1String("id"));
                if (id.isString())
                    FUZZ_CHECK(md::ToolCall::isValidMistralId(id.toString()));
            }
        }
        if (role == QLatin1String("tool")) {
            FUZZ_CHECK(onlyFields(m, {"role", "content", "tool_call_id", "name"}));
            const QJsonValue id = m.value(QLatin1String("tool_call_id"));
            if (id.isString())
                FUZZ_CHECK(md::ToolCall::isValidMistralId(id.toString()));
        }
    }
}

void translate(const md::OpenAiTranslator::Config &config, Endpoint endpoint, const QJsonObject &client)
{
    md::ToolCallIdMap ids;
    const md::OpenAiTranslator translator(ids, config);
    const md::Translation t = (translator.*endpoint)(client);
    if (!t.ok()) {
        FUZZ_CHECK(t.error->httpStatus == 400);
        FUZZ_CHECK(!t.error->message.isEmpty());
        FUZZ_CHECK(t.body.isEmpty());
        return;
    }
    if (!t.bodyChanged)
        FUZZ_CHECK(t.body == client);
    FUZZ_CHECK(!t.body.value(QLatin1String("model")).toString().isEmpty());
    if (endpoint == &md::OpenAiTranslator::translateChat)
        checkChatBody(t.body);

    // Again, with a translator that has seen nothing: the result is already what Mistral accepts.
    md::ToolCallIdMap freshIds;
    const md::OpenAiTranslator again(freshIds, config);
    const md::Translation t2 = (again.*endpoint)(t.body);
    FUZZ_CHECK(t2.ok());
    FUZZ_CHECK(!t2.bodyChanged);
    FUZZ_CHECK(t2.body == t.body);
}

// The answer side. Every id-like string in the answer is made the Mistral form of a client id (the
// id map's hash is replaced so that "client-<s>" maps to <s>), as if the client had sent it earlier;
// restoring ids then changes the answer wherever such a string sits in a tool call, and the proxy's
// byte-level pre-check must not have let that event through untouched.
QHash<QString, QString> g_forcedIds; // client id -> the Mistral id it must get

quint64 forcedHash(QStringView clientId, quint32 attempt)
{
    const QString wanted = g_forcedIds.value(clientId.toString());
    if (wanted.isEmpty() || attempt > 0)
        return md::ToolCallIdMap::defaultHash(clientId, attempt);
    static constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    quint64 value = 0;
    for (const QChar c : wanted)
        value = value * 62 + quint64(std::strchr(kDigits, c.toLatin1()) - kDigits);
    return value;
}

void collectStrings(const QJsonValue &v, QStringList &out)
{
    if (v.isString())
        out.append(v.toString());
    for (const QJsonValue &item : v.toArray())
        collectStrings(item, out);
    const QJsonObject o = v.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        collectStrings(it.value(), out);
}

void restore(const QByteArray &raw, const QJsonObject &answer)
{
    QStringList strings;
    collectStrings(answer, strings);
    g_forcedIds.clear();
    md::ToolCallIdMap ids(md::ToolCallIdMap::kDefaultCapacity, &forcedHash);
    for (const QString &s : std::as_const(strings)) {
        if (!md::ToolCall::isValidMistralId(s))
            continue;
        const QString client = QLatin1String("client-") + s;
        g_forcedIds.insert(client, s);
        ids.toMistral(client);
    }
    const md::OpenAiTranslator translator(ids);
    QJsonObject restored = answer;
    translator.restoreToolCallIds(restored);
    // The pre-check reads the bytes an encoder writes: a key with ASCII letters spelt as unicode
    // escapes (its "_" as backslash-u-005f) is valid JSON that no encoder produces (Python's
    // ensure_ascii escapes only non-ASCII), and looking for it would mean parsing every event with
    // escaped text. Qt's parser also reads an escape JSON does not have ("tool_cal\\ls") as the bare
    // letter; such a body is not JSON for the proxy's clients either. Inputs with either skip this
    // one check.
    static const QRegularExpression asciiEscape(QStringLiteral(R"(\\(u00[0-7][0-9A-Fa-f]|[^"\\/bfnrtu]))"));
    if (restored != answer && !asciiEscape.match(QString::fromLatin1(raw)).hasMatch())
        FUZZ_CHECK(md::OpenAiTranslator::mayContainToolCalls(raw));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    md::OpenAiTranslator::mayContainToolCalls(raw); // any bytes, not only JSON
    const QJsonDocument doc = QJsonDocument::fromJson(raw);
    if (!doc.isObject())
        return 0;
    const QJsonObject client = doc.object();
    for (const md::OpenAiTranslator::Config &config : {md::OpenAiTranslator::Config {}, configured()}) {
        translate(config, &md::OpenAiTranslator::translateChat, client);
        translate(config, &md::OpenAiTranslator::translateFim, client);
        translate(config, &md::OpenAiTranslator::translateEmbeddings, client);
    }
    restore(raw, client);
    return 0;
}
