#include "api/ChatRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace md;

class TestChatRequest : public QObject {
    Q_OBJECT
private slots:
    void minimalRequestHasOnlyRequiredFields()
    {
        ChatRequest r;
        r.model = QStringLiteral("mistral-small-latest");
        r.messages = {ChatMessage::user(QStringLiteral("hi"))};
        const QJsonObject body = r.toJson(false);
        QCOMPARE(body.keys(), (QStringList {QStringLiteral("messages"), QStringLiteral("model")}));
        QCOMPARE(body.value(QLatin1String("messages")).toArray().first().toObject(),
                 (QJsonObject {{QLatin1String("role"), QLatin1String("user")},
                               {QLatin1String("content"), QLatin1String("hi")}}));
        QVERIFY(r.toJson(true).value(QLatin1String("stream")).toBool());
    }

    void everyFieldUsesTheWireName()
    {
        ChatRequest r;
        r.model = QStringLiteral("m");
        r.messages = {ChatMessage::user(QStringLiteral("q"))};
        r.temperature = 0.3;
        r.topP = 0.9;
        r.maxTokens = 100;
        r.stop = {QStringLiteral("END"), QStringLiteral("STOP")};
        r.randomSeed = 0; // zero is a real seed, not "unset"
        r.n = 2;
        r.presencePenalty = 0.5;
        r.frequencyPenalty = -0.5;
        ResponseFormat format;
        format.type = ResponseFormat::Type::JsonSchema;
        format.schemaName = QStringLiteral("answer");
        format.schema = QJsonObject {{QLatin1String("type"), QLatin1String("object")}};
        format.strict = true;
        r.responseFormat = format;
        ToolDefinition tool;
        tool.name = QStringLiteral("get_weather");
        tool.description = QStringLiteral("Weather for a city");
        tool.parameters = QJsonObject {{QLatin1String("type"), QLatin1String("object")}};
        r.tools = {tool};
        r.toolChoice = ToolChoice {ToolChoice::Mode::Any, {}};
        r.parallelToolCalls = false;
        r.prediction = QStringLiteral("expected");
        r.reasoningEffort = QStringLiteral("high");
        r.safePrompt = true;

        const QJsonObject b = r.toJson(true);
        const QStringList expected {QStringLiteral("frequency_penalty"),
                                    QStringLiteral("max_tokens"),
                                    QStringLiteral("messages"),
                                    QStringLiteral("model"),
                                    QStringLiteral("n"),
                                    QStringLiteral("parallel_tool_calls"),
                                    QStringLiteral("prediction"),
                                    QStringLiteral("presence_penalty"),
                                    QStringLiteral("random_seed"),
                                    QStringLiteral("reasoning_effort"),
                                    QStringLiteral("response_format"),
                                    QStringLiteral("safe_prompt"),
                                    QStringLiteral("stop"),
                                    QStringLiteral("stream"),
                                    QStringLiteral("temperature"),
                                    QStringLiteral("tool_choice"),
                                    QStringLiteral("tools"),
                                    QStringLiteral("top_p")};
        QCOMPARE(b.keys(), expected);
        QVERIFY(!b.contains(QLatin1String("safe_mode")));
        QCOMPARE(b.value(QLatin1String("random_seed")).toInteger(), 0);
        QCOMPARE(b.value(QLatin1String("stop")).toArray().size(), 2);
        QCOMPARE(b.value(QLatin1String("tool_choice")).toString(), QStringLiteral("any"));
        QCOMPARE(b.value(QLatin1String("prediction")).toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("content"));
        const QJsonObject rf = b.value(QLatin1String("response_format")).toObject();
        QCOMPARE(rf.value(QLatin1String("type")).toString(), QStringLiteral("json_schema"));
        QCOMPARE(rf.value(QLatin1String("json_schema")).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("answer"));
        QVERIFY(rf.value(QLatin1String("json_schema")).toObject().value(QLatin1String("strict")).toBool());
        const QJsonObject fn
            = b.value(QLatin1String("tools")).toArray().first().toObject().value(QLatin1String("function")).toObject();
        QCOMPARE(fn.value(QLatin1String("name")).toString(), QStringLiteral("get_weather"));
        QVERIFY(!fn.contains(QLatin1String("strict"))); // unset optional stays out
    }

    void singleStopIsAString()
    {
        ChatRequest r;
        r.model = QStringLiteral("m");
        r.messages = {ChatMessage::user(QStringLiteral("q"))};
        r.stop = {QStringLiteral("###")};
        QCOMPARE(r.toJson(false).value(QLatin1String("stop")).toString(), QStringLiteral("###"));
    }

    void namedToolChoiceIsAnObject()
    {
        const QJsonValue v = ToolChoice::function(QStringLiteral("lookup")).toJson();
        QCOMPARE(v.toObject().value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("lookup"));
        QCOMPARE(v.toObject().value(QLatin1String("type")).toString(), QStringLiteral("function"));
    }

    void messagesOfAllRoles()
    {
        ChatMessage user;
        user.role = ChatMessage::Role::User;
        user.chunks = {ContentChunk::fromText(QStringLiteral("What is this?")),
                       ContentChunk::image(QStringLiteral("data:image/png;base64,AAAA")),
                       ContentChunk::image(QStringLiteral("https://x/y.png"), QStringLiteral("high")),
                       ContentChunk::document(QStringLiteral("https://x/doc.pdf"), QStringLiteral("doc.pdf"))};
        const QJsonArray parts = user.toJson().value(QLatin1String("content")).toArray();
        QCOMPARE(parts.size(), 4);
        QCOMPARE(parts.at(1).toObject().value(QLatin1String("image_url")).toString(),
                 QStringLiteral("data:image/png;base64,AAAA"));
        QCOMPARE(parts.at(2)
                     .toObject()
                     .value(QLatin1String("image_url"))
                     .toObject()
                     .value(QLatin1String("detail"))
                     .toString(),
                 QStringLiteral("high"));
        QCOMPARE(parts.at(3).toObject().value(QLatin1String("type")).toString(), QStringLiteral("document_url"));
        QCOMPARE(parts.at(3).toObject().value(QLatin1String("document_name")).toString(), QStringLiteral("doc.pdf"));

        ChatMessage caller;
        caller.role = ChatMessage::Role::Assistant;
        caller.toolCalls
            = {ToolCall {QStringLiteral("abcDEF123"), QStringLiteral("f"), QStringLiteral("{\"a\":1}"), 0}};
        const QJsonObject a = caller.toJson();
        QVERIFY(!a.contains(QLatin1String("content"))); // tool-calls-only message carries no content
        QVERIFY(!a.contains(QLatin1String("prefix")));
        const QJsonObject call = a.value(QLatin1String("tool_calls")).toArray().first().toObject();
        QCOMPARE(call.value(QLatin1String("function")).toObject().value(QLatin1String("arguments")).toString(),
                 QStringLiteral("{\"a\":1}")); // arguments stay a JSON string

        ChatMessage prefix = ChatMessage::assistant(QStringLiteral("Once upon"));
        prefix.prefix = true;
        QVERIFY(prefix.toJson().value(QLatin1String("prefix")).toBool());

        const QJsonObject tool
            = ChatMessage::toolResult(QStringLiteral("abcDEF123"), QStringLiteral("f"), QStringLiteral("42")).toJson();
        QCOMPARE(tool.value(QLatin1String("role")).toString(), QStringLiteral("tool"));
        QCOMPARE(tool.value(QLatin1String("tool_call_id")).toString(), QStringLiteral("abcDEF123"));
        QCOMPARE(tool.value(QLatin1String("name")).toString(), QStringLiteral("f"));

        QCOMPARE(ChatMessage::system(QStringLiteral("s")).toJson().value(QLatin1String("role")).toString(),
                 QStringLiteral("system"));
    }

    void roundTripThroughJson()
    {
        ChatRequest r;
        r.model = QStringLiteral("m");
        ChatMessage u;
        u.chunks = {ContentChunk::fromText(QStringLiteral("x")), ContentChunk::image(QStringLiteral("https://i"))};
        ChatMessage a;
        a.role = ChatMessage::Role::Assistant;
        a.toolCalls = {ToolCall {QStringLiteral("abcDEF123"), QStringLiteral("f"), QStringLiteral("{}"), 0}};
        r.messages = {ChatMessage::system(QStringLiteral("sys")), u, a,
                      ChatMessage::toolResult(QStringLiteral("abcDEF123"), QStringLiteral("f"), QStringLiteral("ok"))};
        r.temperature = 1.2;
        r.randomSeed = 7;
        r.stop = {QStringLiteral("a"), QStringLiteral("b")};
        r.toolChoice = ToolChoice::function(QStringLiteral("f"));
        r.safePrompt = false;
        const ChatRequest back = ChatRequest::fromJson(r.toJson(false));
        QCOMPARE(back.toJson(false), r.toJson(false));
        QCOMPARE(back.messages, r.messages);
    }

    void validateCatchesWhatTheApiRejects_data()
    {
        QTest::addColumn<int>("variant");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no model") << 0 << QStringLiteral("model");
        QTest::newRow("temperature") << 1 << QStringLiteral("Temperature");
        QTest::newRow("openai tool id") << 2 << QStringLiteral("call_abc");
        QTest::newRow("last is assistant") << 3 << QStringLiteral("last message");
        QTest::newRow("empty assistant") << 4 << QStringLiteral("needs text");
        QTest::newRow("top_p zero") << 5 << QStringLiteral("Top P");
        QTest::newRow("negative seed") << 6 << QStringLiteral("seed");
    }

    void validateCatchesWhatTheApiRejects()
    {
        QFETCH(int, variant);
        QFETCH(QString, fragment);
        ChatRequest r;
        r.model = QStringLiteral("m");
        r.messages = {ChatMessage::user(QStringLiteral("q"))};
        QVERIFY(r.validate().isEmpty());
        switch (variant) {
        case 0:
            r.model.clear();
            break;
        case 1:
            r.temperature = 1.6;
            break;
        case 2: {
            ChatMessage a;
            a.role = ChatMessage::Role::Assistant;
            a.toolCalls = {ToolCall {QStringLiteral("call_abc"), QStringLiteral("f"), QStringLiteral("{}"), 0}};
            r.messages.append(a);
            r.messages.append(
                ChatMessage::toolResult(QStringLiteral("call_abc"), QStringLiteral("f"), QStringLiteral("1")));
            break;
        }
        case 3:
            r.messages.append(ChatMessage::assistant(QStringLiteral("no prefix")));
            break;
        case 4: {
            ChatMessage empty;
            empty.role = ChatMessage::Role::Assistant;
            r.messages.insert(0, empty);
            break;
        }
        case 5:
            r.topP = 0.0;
            break;
        case 6:
            r.randomSeed = -1;
            break;
        }
        const QString problems = r.validate().join(QLatin1Char('\n'));
        QVERIFY2(problems.contains(fragment), qPrintable(problems));
    }

    void toolCallIds()
    {
        QVERIFY(ToolCall::isValidMistralId(QStringLiteral("abcDEF123")));
        QVERIFY(!ToolCall::isValidMistralId(QStringLiteral("abcDEF12")));
        QVERIFY(!ToolCall::isValidMistralId(QStringLiteral("abc_EF123")));
        QVERIFY(!ToolCall::isValidMistralId(QStringLiteral("call_abc123")));
        QVERIFY(!ToolCall::isValidMistralId(QStringLiteral("abcDÉF123")));
    }
};

QTEST_GUILESS_MAIN(TestChatRequest)
#include "tst_ChatRequest.moc"
