#include "api/ApiError.h"
#include "api/ToolCall.h"
#include "proxy/OpenAiTranslator.h"
#include "proxy/ToolCallIdMap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace md;

Q_DECLARE_METATYPE(md::ApiError)

namespace {

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad JSON in test: %s", json.constData());
    return doc.object();
}

QByteArray text(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

bool isOneOf(const QString &key, std::initializer_list<const char *> names)
{
    for (const char *n : names)
        if (key == QLatin1String(n))
            return true;
    return false;
}

// What Mistral enforces on a chat body (MISTRAL_API.md): known fields only, known roles with their
// own fields, and tool-call ids of 9 alphanumerics. Returns the first violation, empty when none.
QString mistralViolation(const QJsonObject &body)
{
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!isOneOf(it.key(),
                     {"model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed", "n",
                      "presence_penalty", "frequency_penalty", "response_format", "tools", "tool_choice",
                      "parallel_tool_calls", "prediction", "reasoning_effort", "prompt_mode", "safe_prompt"}))
            return QLatin1String("field ") + it.key();
    for (const QJsonValue &v : body.value(QLatin1String("messages")).toArray()) {
        const QJsonObject m = v.toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        for (auto it = m.begin(); it != m.end(); ++it) {
            const bool ok = role == QLatin1String("assistant")
                ? isOneOf(it.key(), {"role", "content", "tool_calls", "prefix"})
                : role == QLatin1String("tool") ? isOneOf(it.key(), {"role", "content", "tool_call_id", "name"})
                                                : isOneOf(it.key(), {"role", "content"});
            if (!ok || !isOneOf(role, {"system", "user", "assistant", "tool"}))
                return role + QLatin1String(" message field ") + it.key();
        }
        if (m.contains(QLatin1String("content")) && m.value(QLatin1String("content")).isNull())
            return QStringLiteral("null content");
        for (const QJsonValue &call : m.value(QLatin1String("tool_calls")).toArray())
            if (!ToolCall::isValidMistralId(call.toObject().value(QLatin1String("id")).toString()))
                return QStringLiteral("tool call id");
        if (role == QLatin1String("tool")
            && !ToolCall::isValidMistralId(m.value(QLatin1String("tool_call_id")).toString()))
            return QStringLiteral("tool_call_id");
    }
    return {};
}

QJsonObject toolCall(const QString &id, const QString &name, const QString &arguments)
{
    return {{QLatin1String("id"), id},
            {QLatin1String("type"), QLatin1String("function")},
            {QLatin1String("function"),
             QJsonObject {{QLatin1String("name"), name}, {QLatin1String("arguments"), arguments}}}};
}

// A completion (part "message") or chunk (part "delta") whose one choice carries these tool calls.
QJsonObject responseWithToolCalls(QLatin1String part, const QStringList &ids)
{
    QJsonArray calls;
    for (const QString &id : ids)
        calls.append(toolCall(id, QStringLiteral("get_weather"), QStringLiteral("{}")));
    QJsonObject choice = parse(R"({"index":0,"finish_reason":"tool_calls"})");
    choice.insert(
        part, QJsonObject {{QLatin1String("role"), QLatin1String("assistant")}, {QLatin1String("tool_calls"), calls}});
    QJsonObject response = parse(R"({"id":"c1","object":"chat.completion","created":1,"model":"m",
        "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}})");
    response.insert(QLatin1String("choices"), QJsonArray {choice});
    return response;
}

QStringList toolCallIds(const QJsonObject &response, QLatin1String part)
{
    const QJsonObject choice = response.value(QLatin1String("choices")).toArray().at(0).toObject();
    QStringList ids;
    for (const QJsonValue &call : choice.value(part).toObject().value(QLatin1String("tool_calls")).toArray())
        ids.append(call.toObject().value(QLatin1String("id")).toString());
    return ids;
}

const QString kCallParis = QStringLiteral("call_Xk3eQ9vTz2mWb8Lp1NcR4sYa");
const QString kCallLyon = QStringLiteral("call_7hGfD2sA1qWe9RtY5uIo0pLk");

// An OpenAI SDK's second request of a tool conversation: the model asked for two calls, both answered.
QJsonObject openAiToolConversation()
{
    QJsonObject body = parse(R"({"model":"large","stream":true,"stream_options":{"include_usage":true},
        "store":false,"user":"u-1","seed":42,"max_completion_tokens":256,"tool_choice":"required",
        "parallel_tool_calls":true,
        "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather for a city",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},
                  "strict":true}}]})");
    const QJsonArray calls {toolCall(kCallParis, QStringLiteral("get_weather"), QStringLiteral(R"({"city":"Paris"})")),
                            toolCall(kCallLyon, QStringLiteral("get_weather"), QStringLiteral(R"({"city":"Lyon"})"))};
    QJsonObject assistant = parse(R"({"role":"assistant","content":null,"refusal":null})");
    assistant.insert(QLatin1String("tool_calls"), calls);
    QJsonObject toolParis = parse(R"({"role":"tool","content":"18 C"})");
    toolParis.insert(QLatin1String("tool_call_id"), kCallParis);
    QJsonObject toolLyon = parse(R"({"role":"tool","content":"21 C"})");
    toolLyon.insert(QLatin1String("tool_call_id"), kCallLyon);
    body.insert(QLatin1String("messages"),
                QJsonArray {parse(R"({"role":"developer","content":"Be terse."})"),
                            parse(R"({"role":"user","content":"Weather in Paris and Lyon?","name":"alice"})"),
                            assistant, toolParis, toolLyon});
    return body;
}

} // namespace

class TestOpenAiTranslator : public QObject {
    Q_OBJECT
private slots:
    void chatRules_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QStringList>("dropped");
        QTest::addColumn<QStringList>("renamed");
        const QByteArray m = R"("messages":[{"role":"user","content":"hi"}])";
        const auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };

        row("max_completion_tokens -> max_tokens")
            << QByteArray("{" + m + R"(,"model":"x","max_completion_tokens":100})")
            << QByteArray("{" + m + R"(,"model":"x","max_tokens":100})") << QStringList()
            << QStringList {QStringLiteral("max_completion_tokens->max_tokens")};
        row("max_tokens wins over max_completion_tokens")
            << QByteArray("{" + m + R"(,"model":"x","max_completion_tokens":100,"max_tokens":50})")
            << QByteArray("{" + m + R"(,"model":"x","max_tokens":50})")
            << QStringList {QStringLiteral("max_completion_tokens")} << QStringList();
        row("seed -> random_seed") << QByteArray("{" + m + R"(,"model":"x","seed":7})")
                                   << QByteArray("{" + m + R"(,"model":"x","random_seed":7})") << QStringList()
                                   << QStringList {QStringLiteral("seed->random_seed")};
        row("safe_mode -> safe_prompt") << QByteArray("{" + m + R"(,"model":"x","safe_mode":true})")
                                        << QByteArray("{" + m + R"(,"model":"x","safe_prompt":true})") << QStringList()
                                        << QStringList {QStringLiteral("safe_mode->safe_prompt")};
        row("tool_choice required -> any")
            << QByteArray("{" + m + R"(,"model":"x","tool_choice":"required"})")
            << QByteArray("{" + m + R"(,"model":"x","tool_choice":"any"})") << QStringList()
            << QStringList {QStringLiteral("tool_choice:required->any")};
        row("tool_choice object kept")
            << QByteArray("{" + m + R"(,"model":"x","tool_choice":{"type":"function","function":{"name":"f"}}})")
            << QByteArray("{" + m + R"(,"model":"x","tool_choice":{"type":"function","function":{"name":"f"}}})")
            << QStringList() << QStringList();
        row("OpenAI-only and unknown fields dropped")
            << QByteArray("{" + m + R"(,"model":"x","stream":true,"stream_options":{"include_usage":true},
                "store":true,"user":"u","logprobs":true,"top_logprobs":2,"logit_bias":{"1":2},"service_tier":"auto",
                "metadata":{"a":"b"},"modalities":["text"],"audio":{"voice":"v"},"function_call":"auto",
                "functions":[{"name":"f","parameters":{}}],"verbosity":"low","web_search_options":{}})")
            << QByteArray("{" + m + R"(,"model":"x","stream":true})")
            << QString::fromLatin1("stream_options store user logprobs top_logprobs logit_bias service_tier "
                                   "metadata modalities audio function_call functions verbosity web_search_options")
                   .split(QLatin1Char(' '))
            << QStringList();
        row("alias resolved") << QByteArray("{" + m + R"(,"model":"large"})")
                              << QByteArray("{" + m + R"(,"model":"mistral-large-latest"})") << QStringList()
                              << QStringList();
        row("unknown model name kept") << QByteArray("{" + m + R"(,"model":"open-mistral-nemo"})")
                                       << QByteArray("{" + m + R"(,"model":"open-mistral-nemo"})") << QStringList()
                                       << QStringList();
        row("missing model -> default") << QByteArray("{" + m + "}")
                                        << QByteArray("{" + m + R"(,"model":"mistral-small-latest"})") << QStringList()
                                        << QStringList();
        row("empty model -> default") << QByteArray("{" + m + R"(,"model":""})")
                                      << QByteArray("{" + m + R"(,"model":"mistral-small-latest"})") << QStringList()
                                      << QStringList();
        row("developer -> system")
            << QByteArray(
                   R"({"model":"x","messages":[{"role":"developer","content":"s"},{"role":"user","content":"u"}]})")
            << QByteArray(R"({"model":"x","messages":[{"role":"system","content":"s"},{"role":"user","content":"u"}]})")
            << QStringList() << QStringList {QStringLiteral("messages[].role:developer->system")};
        row("null content beside tool_calls removed")
            << QByteArray(R"({"model":"x","messages":[{"role":"user","content":"u"},
                {"role":"assistant","content":null,"tool_calls":[{"id":"abcDEF123","type":"function",
                 "function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"abcDEF123","content":"r"}]})")
            << QByteArray(R"({"model":"x","messages":[{"role":"user","content":"u"},
                {"role":"assistant","tool_calls":[{"id":"abcDEF123","type":"function",
                 "function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"abcDEF123","content":"r"}]})")
            << QStringList() << QStringList();
        row("name dropped except on tool messages")
            << QByteArray(R"({"model":"x","messages":[{"role":"system","content":"s","name":"a"},
                {"role":"assistant","content":"c","name":"b","refusal":null},
                {"role":"tool","tool_call_id":"abcDEF123","content":"r","name":"f"},{"role":"user","content":"u","name":"c"}]})")
            << QByteArray(
                   R"({"model":"x","messages":[{"role":"system","content":"s"},{"role":"assistant","content":"c"},
                {"role":"tool","tool_call_id":"abcDEF123","content":"r","name":"f"},{"role":"user","content":"u"}]})")
            << QStringList {QStringLiteral("messages[].name"), QStringLiteral("messages[].refusal")} << QStringList();
        const QByteArray image
            = R"({"model":"vision","messages":[{"role":"user","content":[{"type":"text","text":"what?"},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}}]}]})";
        row("image_url parts kept") << image << QByteArray(image).replace("vision", "pixtral-large-latest")
                                    << QStringList() << QStringList();
        const QByteArray schema = "{" + m + R"(,"model":"x","response_format":{"type":"json_schema",
            "json_schema":{"name":"r","schema":{"type":"object"},"strict":true}}})";
        row("json_schema response_format kept") << schema << schema << QStringList() << QStringList();
        const QByteArray reasoning = "{" + m + R"(,"model":"x","reasoning_effort":"high","prompt_mode":"reasoning"})";
        row("reasoning fields kept") << reasoning << reasoning << QStringList() << QStringList();
        const QByteArray native = R"({"model":"mistral-small-latest","messages":[{"role":"system","content":"s"},
            {"role":"user","content":"u"},{"role":"assistant","content":"Sure:","prefix":true}],"temperature":0.3,
            "top_p":0.9,"max_tokens":10,"stream":false,"stop":["x"],"random_seed":1,"n":1,"presence_penalty":0,
            "frequency_penalty":0,"tools":[],"tool_choice":"any","parallel_tool_calls":false,
            "prediction":{"type":"content","content":"p"},"safe_prompt":true})";
        row("Mistral-native body unchanged") << native << native << QStringList() << QStringList();
    }
    void chatRules()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QFETCH(QStringList, dropped);
        QFETCH(QStringList, renamed);
        ToolCallIdMap ids;
        const OpenAiTranslator translator(ids);
        const Translation t = translator.translateChat(parse(input));
        QVERIFY(t.ok());
        QCOMPARE(text(t.body), text(parse(expected)));
        QCOMPARE(sorted(t.droppedFields), sorted(dropped));
        QCOMPARE(sorted(t.renamedFields), sorted(renamed));
        QCOMPARE(mistralViolation(t.body), QString());
        // The proxy forwards the client's own bytes when nothing changed: the flag must be exact.
        QCOMPARE(t.bodyChanged, text(t.body) != text(parse(input)));
    }

    // bodyChanged decides whether the client's bytes go upstream as they are; every kind of change sets it.
    void bodyChangedOnlyWhenSomethingChanged_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("changed");
        const QByteArray user = "{\"role\":\"user\",\"content\":\"hi\"}";
        const auto body = [&user](const QByteArray &fields, const QByteArray &moreMessages = {}) -> QByteArray {
            return "{\"model\":\"mistral-small-latest\",\"messages\":[" + user + moreMessages + "]" + fields + "}";
        };
        QTest::newRow("plain") << body({}) << false;
        QTest::newRow("allowed fields") << body(",\"stream\":true,\"temperature\":0.2,\"tools\":[]") << false;
        QTest::newRow("alias") << QByteArray("{\"model\":\"small\",\"messages\":[" + user + "]}") << true;
        QTest::newRow("no model") << QByteArray("{\"messages\":[" + user + "]}") << true;
        QTest::newRow("null model") << QByteArray("{\"model\":null,\"messages\":[" + user + "]}") << true;
        QTest::newRow("dropped field") << body(",\"user\":\"u1\"") << true;
        QTest::newRow("renamed field") << body(",\"seed\":1") << true;
        QTest::newRow("tool_choice required") << body(",\"tool_choice\":\"required\"") << true;
        QTest::newRow("developer role") << body({}, ",{\"role\":\"developer\",\"content\":\"d\"}") << true;
        QTest::newRow("name on a message") << body({}, ",{\"role\":\"user\",\"content\":\"x\",\"name\":\"n\"}") << true;
        QTest::newRow("valid Mistral tool ids")
            << body({},
                    ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"abcDEF123\",\"type\":\"function\","
                    "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\","
                    "\"tool_call_id\":\"abcDEF123\",\"content\":\"r\"}")
            << false;
        QTest::newRow("OpenAI tool ids") << body(
            {},
            ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_abc123456789\",\"type\":"
            "\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\","
            "\"tool_call_id\":\"call_abc123456789\",\"content\":\"r\"}")
                                         << true;
        QTest::newRow("null content next to tool calls")
            << body({},
                    ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"abcDEF123\",\"type\":"
                    "\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\","
                    "\"tool_call_id\":\"abcDEF123\",\"content\":\"r\"}")
            << true;
    }
    void fimAndEmbeddingBodiesChangedOnlyWhenTranslated()
    {
        ToolCallIdMap ids;
        const OpenAiTranslator translator(ids);
        QVERIFY(!translator.translateFim(parse("{\"model\":\"codestral-latest\",\"prompt\":\"x\"}")).bodyChanged);
        QVERIFY(translator.translateFim(parse("{\"model\":\"code\",\"prompt\":\"x\"}")).bodyChanged);
        QVERIFY(
            translator.translateFim(parse("{\"prompt\":\"x\",\"seed\":1,\"model\":\"codestral-latest\"}")).bodyChanged);
        QVERIFY(!translator.translateEmbeddings(parse("{\"model\":\"mistral-embed\",\"input\":[\"a\"]}")).bodyChanged);
        QVERIFY(translator.translateEmbeddings(parse("{\"input\":\"a\"}")).bodyChanged);
        QVERIFY(translator
                    .translateEmbeddings(
                        parse("{\"model\":\"mistral-embed\",\"input\":\"a\",\"encoding_format\":\"int8\"}"))
                    .bodyChanged);
    }

    void bodyChangedOnlyWhenSomethingChanged()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, changed);
        ToolCallIdMap ids;
        const OpenAiTranslator translator(ids);
        const Translation t = translator.translateChat(parse(input));
        QVERIFY(t.ok());
        QCOMPARE(t.bodyChanged, changed);
        QCOMPARE(t.bodyChanged, text(t.body) != text(parse(input)));

        // Limits from the environment count as changes when they apply, not when the client's values stand.
        OpenAiTranslator::Config config;
        config.maxTokensCap = 100;
        const OpenAiTranslator capped(ids, config);
        QVERIFY(capped.translateChat(parse(input)).bodyChanged); // no max_tokens: the cap fills in
        const QByteArray withMax = input.chopped(1) + ",\"max_tokens\":50}";
        QCOMPARE(capped.translateChat(parse(withMax)).bodyChanged, changed);
    }

    void configuredLimits_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("nothing set: all forced")
            << QByteArray() << QByteArray(R"(,"max_tokens":1000,"safe_prompt":true,"random_seed":7)");
        QTest::newRow("over the cap") << QByteArray(R"(,"max_tokens":5000)")
                                      << QByteArray(R"(,"max_tokens":1000,"safe_prompt":true,"random_seed":7)");
        QTest::newRow("renamed over the cap") << QByteArray(R"(,"max_completion_tokens":5000)")
                                              << QByteArray(R"(,"max_tokens":1000,"safe_prompt":true,"random_seed":7)");
        QTest::newRow("client values kept") << QByteArray(R"(,"max_tokens":500,"safe_mode":false,"seed":3)")
                                            << QByteArray(R"(,"max_tokens":500,"safe_prompt":false,"random_seed":3)");
        QTest::newRow("null means unset") << QByteArray(R"(,"max_tokens":null,"safe_prompt":null,"random_seed":null)")
                                          << QByteArray(R"(,"max_tokens":1000,"safe_prompt":true,"random_seed":7)");
    }
    void configuredLimits()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QByteArray, expected);
        ToolCallIdMap ids;
        OpenAiTranslator::Config config;
        config.defaultModel = QStringLiteral("mistral-large-latest"); // PRIMARY_MODEL
        config.maxTokensCap = 1000;
        config.safePrompt = true;
        config.randomSeed = 7;
        const OpenAiTranslator translator(ids, config);
        const QByteArray m = R"("messages":[{"role":"user","content":"hi"}])";
        const Translation t = translator.translateChat(parse("{" + m + extra + "}"));
        QVERIFY(t.ok());
        QCOMPARE(text(t.body), text(parse("{" + m + R"(,"model":"mistral-large-latest")" + expected + "}")));
    }

    void unusableChatBodies_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("param");
        QTest::newRow("no messages") << QByteArray(R"({"model":"x"})") << QStringLiteral("messages");
        QTest::newRow("null messages") << QByteArray(R"({"messages":null})") << QStringLiteral("messages");
        QTest::newRow("messages not an array") << QByteArray(R"({"messages":"hi"})") << QStringLiteral("messages");
        QTest::newRow("message not an object") << QByteArray(R"({"messages":["hi"]})") << QStringLiteral("messages");
        QTest::newRow("model not a string")
            << QByteArray(R"({"model":5,"messages":[{"role":"user","content":"hi"}]})") << QStringLiteral("model");
    }
    void unusableChatBodies()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, param);
        ToolCallIdMap ids;
        const Translation t = OpenAiTranslator(ids).translateChat(parse(input));
        QVERIFY(!t.ok());
        QVERIFY(t.body.isEmpty());
        QCOMPARE(OpenAiTranslator::clientStatus(*t.error), 400);
        const QJsonObject error = OpenAiTranslator::openAiError(*t.error).value(QLatin1String("error")).toObject();
        QCOMPARE(error.value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
        QCOMPARE(error.value(QLatin1String("param")).toString(), param);
        QVERIFY(error.value(QLatin1String("code")).isNull());
        QVERIFY(error.value(QLatin1String("message")).toString().contains(param));
    }

    void toolConversationRoundTrips()
    {
        ToolCallIdMap ids;
        const OpenAiTranslator translator(ids);
        const Translation t = translator.translateChat(openAiToolConversation());
        QVERIFY(t.ok());
        QCOMPARE(mistralViolation(t.body), QString());
        QVERIFY(t.streamUsageRequested);
        QCOMPARE(sorted(t.droppedFields),
                 sorted({QStringLiteral("stream_options"), QStringLiteral("store"), QStringLiteral("user"),
                         QStringLiteral("messages[].name"), QStringLiteral("messages[].refusal")}));
        QCOMPARE(
            sorted(t.renamedFields),
            sorted({QStringLiteral("seed->random_seed"), QStringLiteral("max_completion_tokens->max_tokens"),
                    QStringLiteral("tool_choice:required->any"), QStringLiteral("messages[].role:developer->system")}));
        QCOMPARE(t.body.value(QLatin1String("model")).toString(), QStringLiteral("mistral-large-latest"));
        QCOMPARE(t.body.value(QLatin1String("random_seed")).toInt(), 42);
        QCOMPARE(t.body.value(QLatin1String("max_tokens")).toInt(), 256);

        // Each tool result still answers its own call, under the mapped ids.
        const QJsonArray messages = t.body.value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.size(), 5);
        const QJsonArray calls = messages.at(2).toObject().value(QLatin1String("tool_calls")).toArray();
        const QString paris = calls.at(0).toObject().value(QLatin1String("id")).toString();
        const QString lyon = calls.at(1).toObject().value(QLatin1String("id")).toString();
        QVERIFY(paris != lyon);
        QCOMPARE(messages.at(3).toObject().value(QLatin1String("tool_call_id")).toString(), paris);
        QCOMPARE(messages.at(4).toObject().value(QLatin1String("tool_call_id")).toString(), lyon);
        QCOMPARE(calls.at(0).toObject().value(QLatin1String("function")).toObject().value(QLatin1String("arguments")),
                 QJsonValue(QStringLiteral(R"({"city":"Paris"})")));

        // The next turn resends the history: the same ids again.
        const Translation again = translator.translateChat(openAiToolConversation());
        QCOMPARE(text(again.body), text(t.body));

        // A response naming those ids (plus one Mistral made up) goes back with the client's ids,
        // in the whole form and in the streamed form (Mistral sends a whole tool call in one delta).
        const QString made = QStringLiteral("NewId0001");
        QJsonObject completion = responseWithToolCalls(QLatin1String("message"), {paris, lyon, made});
        translator.restoreToolCallIds(completion);
        QCOMPARE(toolCallIds(completion, QLatin1String("message")), QStringList({kCallParis, kCallLyon, made}));
        QCOMPARE(completion.value(QLatin1String("usage")).toObject().value(QLatin1String("total_tokens")).toInt(), 2);

        QJsonObject chunk = responseWithToolCalls(QLatin1String("delta"), {lyon});
        QVERIFY(OpenAiTranslator::mayContainToolCalls(text(chunk)));
        translator.restoreToolCallIds(chunk);
        QCOMPARE(toolCallIds(chunk, QLatin1String("delta")), QStringList({kCallLyon}));
    }

    void toolCallIdsMappedOnlyWhenAnIdChangedForm()
    {
        // The proxy looks for tool calls to restore only in answers to requests whose messages gave
        // the model a mapped id: a plain chat (the common case) is streamed without that search.
        ToolCallIdMap ids;
        const OpenAiTranslator translator(ids);
        QVERIFY(translator.translateChat(openAiToolConversation()).toolCallIdsMapped);
        QVERIFY(!translator.translateChat(parse(R"({"model":"m","messages":[{"role":"user","content":"hi"}]})"))
                     .toolCallIdsMapped);
        // Tools offered, no history of calls: nothing the answer could name was mapped.
        QVERIFY(!translator
                     .translateChat(parse(R"({"model":"m","messages":[{"role":"user","content":"hi"}],)"
                                          R"("tools":[{"type":"function","function":{"name":"f","parameters":{}}}]})"))
                     .toolCallIdsMapped);
        // Ids already in Mistral's form go up unchanged: nothing to map back either.
        const QByteArray mistralIds
            = R"({"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[)"
              R"({"id":"AbCdEf123","type":"function","function":{"name":"f","arguments":"{}"}}]},)"
              R"({"role":"tool","tool_call_id":"AbCdEf123","content":"ok"}]})";
        QVERIFY(!translator.translateChat(parse(mistralIds)).toolCallIdsMapped);
        // A tool result alone with a client id is enough.
        QVERIFY(translator
                    .translateChat(parse(R"({"model":"m","messages":[{"role":"user","content":"hi"},)"
                                         R"({"role":"tool","tool_call_id":"call_1","content":"ok"}]})"))
                    .toolCallIdsMapped);
    }

    void chunkWithoutToolCallsUntouched_data()
    {
        QTest::addColumn<QByteArray>("chunk");
        QTest::newRow("content delta") << QByteArray(R"({"id":"c","object":"chat.completion.chunk","created":1,
            "model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]})");
        QTest::newRow("last chunk with usage") << QByteArray(R"({"id":"c","choices":[{"index":0,"delta":{"content":""},
            "finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}})");
        QTest::newRow("no choices") << QByteArray(R"({"id":"c","choices":[]})");
        QTest::newRow("tool_calls null") << QByteArray(R"({"id":"c","choices":[{"index":0,"message":{"role":"assistant",
            "content":"hi","tool_calls":null},"finish_reason":"stop"}]})");
        QTest::newRow("not a completion") << QByteArray(R"({"object":"list","data":[]})");
        QTest::newRow("unmapped ids") << QByteArray(R"({"choices":[{"index":0,"delta":{"tool_calls":[{"id":"abcDEF123",
            "function":{"name":"f","arguments":"{}"},"index":0}]}}]})");
    }
    void chunkWithoutToolCallsUntouched()
    {
        QFETCH(QByteArray, chunk);
        ToolCallIdMap ids;
        ids.toMistral(QStringLiteral("call_1"));
        const OpenAiTranslator translator(ids);
        QJsonObject object = parse(chunk);
        const QByteArray before = text(object);
        translator.restoreToolCallIds(object);
        QCOMPARE(text(object), before);
        // Only a tool_calls array needs the parse; null or absent is forwarded as it came.
        QCOMPARE(OpenAiTranslator::mayContainToolCalls(chunk), chunk.contains("\"tool_calls\":["));
    }

    void fim()
    {
        ToolCallIdMap ids;
        OpenAiTranslator::Config config;
        config.safePrompt = true; // not a FIM field: must not be added
        config.maxTokensCap = 64;
        const OpenAiTranslator translator(ids, config);
        Translation t = translator.translateFim(parse(R"({"prompt":"def add","suffix":"return x","seed":1,
            "max_completion_tokens":100,"min_tokens":1,"echo":false,"best_of":1,"user":"u","logprobs":null})"));
        QVERIFY(t.ok());
        QCOMPARE(text(t.body), text(parse(R"({"model":"codestral-latest","prompt":"def add","suffix":"return x",
            "random_seed":1,"max_tokens":64,"min_tokens":1})")));
        QCOMPARE(sorted(t.droppedFields),
                 sorted({QStringLiteral("echo"), QStringLiteral("best_of"), QStringLiteral("user"),
                         QStringLiteral("logprobs")}));
        QCOMPARE(sorted(t.renamedFields),
                 sorted({QStringLiteral("seed->random_seed"), QStringLiteral("max_completion_tokens->max_tokens")}));
        t = translator.translateFim(parse(R"({"model":"code","prompt":"x"})"));
        QCOMPARE(t.body.value(QLatin1String("model")).toString(), QStringLiteral("codestral-latest"));
        QVERIFY(!translator.translateFim(parse(R"({"model":"code"})")).ok());
        QVERIFY(!translator.translateFim(parse(R"({"prompt":["a"]})")).ok());
    }

    void embeddings_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QStringList>("dropped");
        QTest::addColumn<QStringList>("renamed");
        QTest::newRow("default model") << QByteArray(R"({"input":"a"})")
                                       << QByteArray(R"({"model":"mistral-embed","input":"a"})") << QStringList()
                                       << QStringList();
        QTest::newRow("alias") << QByteArray(R"({"model":"embed","input":["a","b"]})")
                               << QByteArray(R"({"model":"mistral-embed","input":["a","b"]})") << QStringList()
                               << QStringList();
        QTest::newRow("dimensions") << QByteArray(R"({"model":"codestral-embed","input":"a","dimensions":256})")
                                    << QByteArray(R"({"model":"codestral-embed","input":"a","output_dimension":256})")
                                    << QStringList() << QStringList {QStringLiteral("dimensions->output_dimension")};
        QTest::newRow("float kept") << QByteArray(R"({"input":"a","encoding_format":"float"})")
                                    << QByteArray(R"({"model":"mistral-embed","input":"a","encoding_format":"float"})")
                                    << QStringList() << QStringList();
        QTest::newRow("base64 kept") << QByteArray(R"({"input":"a","encoding_format":"base64"})")
                                     << QByteArray(
                                            R"({"model":"mistral-embed","input":"a","encoding_format":"base64"})")
                                     << QStringList() << QStringList();
        QTest::newRow("other encoding dropped") << QByteArray(R"({"input":"a","encoding_format":"int8"})")
                                                << QByteArray(R"({"model":"mistral-embed","input":"a"})")
                                                << QStringList {QStringLiteral("encoding_format")} << QStringList();
        QTest::newRow("user and unknown dropped")
            << QByteArray(R"({"input":"a","user":"u","foo":1,"output_dtype":"int8"})")
            << QByteArray(R"({"model":"mistral-embed","input":"a","output_dtype":"int8"})")
            << QStringList {QStringLiteral("user"), QStringLiteral("foo")} << QStringList();
    }
    void embeddings()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QFETCH(QStringList, dropped);
        QFETCH(QStringList, renamed);
        ToolCallIdMap ids;
        const Translation t = OpenAiTranslator(ids).translateEmbeddings(parse(input));
        QVERIFY(t.ok());
        QCOMPARE(text(t.body), text(parse(expected)));
        QCOMPARE(sorted(t.droppedFields), sorted(dropped));
        QCOMPARE(sorted(t.renamedFields), sorted(renamed));
    }
    void embeddingsWithoutInput()
    {
        ToolCallIdMap ids;
        const Translation t = OpenAiTranslator(ids).translateEmbeddings(parse(R"({"model":"embed"})"));
        QVERIFY(!t.ok());
        QCOMPARE(t.error->param, QStringLiteral("input"));
    }

    void errorShapes_data()
    {
        QTest::addColumn<ApiError>("error");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("code"); // empty: null
        QTest::addColumn<QString>("message");
        QTest::newRow("400 plain") << ApiError::fromHttp(
            400, R"({"object":"error","message":"Bad","type":"invalid_request_error","param":null,"code":null})")
                                   << 400 << QStringLiteral("invalid_request_error") << QString()
                                   << QStringLiteral("Bad");
        QTest::newRow("400 invalid_model") << ApiError::fromHttp(
            400, R"({"object":"error","message":"Invalid model: x","type":"invalid_model","param":null,"code":"1500"})")
                                           << 400 << QStringLiteral("invalid_model") << QStringLiteral("1500")
                                           << QStringLiteral("Invalid model: x");
        QTest::newRow("422 bare detail") << ApiError::fromHttp(
            422, R"({"detail":[{"loc":["body","x"],"msg":"Extra inputs are not permitted","type":"extra_forbidden"}]})")
                                         << 422 << QStringLiteral("invalid_request_error") << QString()
                                         << QStringLiteral("body.x: Extra inputs are not permitted");
        QTest::newRow("401") << ApiError::fromHttp(401, R"({"message":"Unauthorized","request_id":"r"})") << 401
                             << QStringLiteral("authentication_error") << QString()
                             << QStringLiteral("The Mistral API refused the proxy's API key: Unauthorized");
        QTest::newRow("403") << ApiError::fromHttp(403, R"({"detail":"Forbidden"})") << 403
                             << QStringLiteral("permission_error") << QString() << QStringLiteral("Forbidden");
        QTest::newRow("404") << ApiError::fromHttp(404, R"({"detail":"Not Found"})") << 404
                             << QStringLiteral("not_found_error") << QString() << QStringLiteral("Not Found");
        QTest::newRow("429 bare") << ApiError::fromHttp(429, R"({"message":"Requests rate limit exceeded"})") << 429
                                  << QStringLiteral("rate_limit_error") << QString()
                                  << QStringLiteral("Requests rate limit exceeded");
        QTest::newRow("429 typed") << ApiError::fromHttp(
            429,
            R"({"object":"error","message":"Rate limit exceeded","type":"rate_limited","param":null,"code":"1300"})")
                                   << 429 << QStringLiteral("rate_limited") << QStringLiteral("1300")
                                   << QStringLiteral("Rate limit exceeded");
        QTest::newRow("500") << ApiError::fromHttp(500, R"({"detail":"Internal Server Error"})") << 500
                             << QStringLiteral("api_error") << QString() << QStringLiteral("Internal Server Error");
        QTest::newRow("503 html") << ApiError::fromHttp(503, "<html>down</html>") << 503 << QStringLiteral("api_error")
                                  << QString() << QStringLiteral("<html>down</html>");
        QTest::newRow("network") << ApiError::network(QStringLiteral("Connection refused")) << 502
                                 << QStringLiteral("api_error") << QStringLiteral("upstream_unreachable")
                                 << QStringLiteral("Could not reach the Mistral API: Connection refused");
        QTest::newRow("timeout") << ApiError::timeout(30) << 504 << QStringLiteral("api_error")
                                 << QStringLiteral("upstream_timeout")
                                 << QStringLiteral("The Mistral API did not answer in time: No data received for 30 s");
        QTest::newRow("protocol") << ApiError::protocol(QStringLiteral("bad JSON")) << 502
                                  << QStringLiteral("api_error") << QStringLiteral("upstream_protocol_error")
                                  << QStringLiteral("The Mistral API sent a malformed answer: bad JSON");
        QTest::newRow("cancelled") << ApiError::cancelled() << 502 << QStringLiteral("api_error")
                                   << QStringLiteral("upstream_cancelled")
                                   << QStringLiteral("The upstream request was cancelled before it completed.");
    }
    void errorShapes()
    {
        QFETCH(ApiError, error);
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QCOMPARE(OpenAiTranslator::clientStatus(error), status);
        const QJsonObject body = OpenAiTranslator::openAiError(error);
        QCOMPARE(body.keys(), QStringList {QStringLiteral("error")});
        const QJsonObject e = body.value(QLatin1String("error")).toObject();
        QCOMPARE(sorted(e.keys()),
                 sorted({QStringLiteral("message"), QStringLiteral("type"), QStringLiteral("param"),
                         QStringLiteral("code")}));
        QCOMPARE(e.value(QLatin1String("message")).toString(), message);
        QCOMPARE(e.value(QLatin1String("type")).toString(), type);
        QVERIFY(e.value(QLatin1String("param")).isNull());
        if (code.isEmpty())
            QVERIFY(e.value(QLatin1String("code")).isNull());
        else
            QCOMPARE(e.value(QLatin1String("code")).toString(), code);
    }
    void errorParamKept()
    {
        ApiError error = ApiError::fromHttp(400, R"({"message":"bad","param":"temperature"})");
        QCOMPARE(OpenAiTranslator::openAiError(error)
                     .value(QLatin1String("error"))
                     .toObject()
                     .value(QLatin1String("param"))
                     .toString(),
                 QStringLiteral("temperature"));
    }
};

QTEST_GUILESS_MAIN(TestOpenAiTranslator)
#include "tst_OpenAiTranslator.moc"
