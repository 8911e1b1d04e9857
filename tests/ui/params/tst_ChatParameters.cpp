#include "params/ChatParameters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace md;

class tst_ChatParameters : public QObject {
    Q_OBJECT

private:
    static ChatParameters everythingSet()
    {
        ChatParameters p;
        p.model = QStringLiteral("magistral-small-latest");
        p.systemPrompt = QStringLiteral("You are terse.\nAnswer in French.");
        p.temperature = 0.35;
        p.topP = 0.9;
        p.maxTokens = 4096;
        p.randomSeed = 1234567;
        p.safePrompt = true;
        p.stop = {QStringLiteral("\n\n"), QStringLiteral("END")};
        p.presencePenalty = -0.5;
        p.frequencyPenalty = 1.25;
        p.responseFormat.type = ResponseFormat::Type::JsonSchema;
        p.responseFormat.schemaName = QStringLiteral("answer");
        p.responseFormat.schemaDescription = QStringLiteral("One answer");
        p.responseFormat.schema = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}};
        p.responseFormat.strict = false;
        p.reasoningEffort = QStringLiteral("high");
        return p;
    }

private slots:
    void unsetFieldsStayUnset()
    {
        ChatRequest request;
        request.messages = {ChatMessage::user(QStringLiteral("hi"))};
        ChatParameters {}.applyTo(request);
        const QJsonObject body = request.toJson(false);
        QCOMPARE(body.keys(), (QStringList {QStringLiteral("messages"), QStringLiteral("model")}));
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("mistral-small-latest"));
        QCOMPARE(request.messages.size(), 1); // no system prompt, no system message
    }

    void setFieldsReachTheBody()
    {
        ChatRequest request;
        request.messages = {ChatMessage::user(QStringLiteral("hi"))};
        everythingSet().applyTo(request);
        const QJsonObject body = request.toJson(true);
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("magistral-small-latest"));
        QCOMPARE(body.value(QLatin1String("temperature")).toDouble(), 0.35);
        QCOMPARE(body.value(QLatin1String("top_p")).toDouble(), 0.9);
        QCOMPARE(body.value(QLatin1String("max_tokens")).toInteger(), 4096);
        QCOMPARE(body.value(QLatin1String("random_seed")).toInteger(), 1234567);
        QCOMPARE(body.value(QLatin1String("safe_prompt")).toBool(), true);
        QVERIFY(!body.contains(QLatin1String("safe_mode")));
        QCOMPARE(body.value(QLatin1String("stop")).toArray().size(), 2);
        QCOMPARE(body.value(QLatin1String("presence_penalty")).toDouble(), -0.5);
        QCOMPARE(body.value(QLatin1String("frequency_penalty")).toDouble(), 1.25);
        QCOMPARE(body.value(QLatin1String("reasoning_effort")).toString(), QStringLiteral("high"));
        const QJsonObject format = body.value(QLatin1String("response_format")).toObject();
        QCOMPARE(format.value(QLatin1String("type")).toString(), QStringLiteral("json_schema"));
        QCOMPARE(format.value(QLatin1String("json_schema")).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("answer"));
        QVERIFY(request.validate().isEmpty());
    }

    void jsonObjectFormatIsSentTextIsNot()
    {
        ChatParameters p;
        p.responseFormat.type = ResponseFormat::Type::JsonObject;
        ChatRequest request;
        p.applyTo(request);
        QCOMPARE(request.toJson(false)
                     .value(QLatin1String("response_format"))
                     .toObject()
                     .value(QLatin1String("type"))
                     .toString(),
                 QStringLiteral("json_object"));
    }

    void unsetParametersLeaveTheRequestAlone()
    {
        ChatRequest request;
        request.n = 2;
        request.temperature = 0.9;
        ChatParameters {}.applyTo(request);
        QCOMPARE(request.temperature, std::optional<double>(0.9));
        QCOMPARE(request.n, std::optional<int>(2));
    }

    void systemPromptGoesFirst()
    {
        ChatParameters p;
        p.systemPrompt = QStringLiteral("Be brief.");
        ChatRequest request;
        request.messages = {ChatMessage::user(QStringLiteral("a")), ChatMessage::assistant(QStringLiteral("b")),
                            ChatMessage::user(QStringLiteral("c"))};
        p.applyTo(request);
        QCOMPARE(request.messages.size(), 4);
        QCOMPARE(request.messages.first(), ChatMessage::system(QStringLiteral("Be brief.")));
        QCOMPARE(request.messages.last().content, QStringLiteral("c"));
    }

    void systemPromptReplacesALeadingSystemMessage()
    {
        ChatParameters p;
        p.systemPrompt = QStringLiteral("New rules.");
        ChatRequest request;
        request.messages = {ChatMessage::system(QStringLiteral("Old rules.")), ChatMessage::user(QStringLiteral("q"))};
        p.applyTo(request);
        p.applyTo(request); // applying twice must not stack system messages
        QCOMPARE(request.messages.size(), 2);
        QCOMPARE(request.messages.first().content, QStringLiteral("New rules."));
        QCOMPARE(request.messages.first().role, ChatMessage::Role::System);
    }

    void emptySystemPromptKeepsMessages()
    {
        ChatRequest request;
        request.messages = {ChatMessage::system(QStringLiteral("Kept.")), ChatMessage::user(QStringLiteral("q"))};
        ChatParameters {}.applyTo(request);
        QCOMPARE(request.messages.size(), 2);
        QCOMPARE(request.messages.first().content, QStringLiteral("Kept."));
    }

    void jsonRoundTrip_data()
    {
        QTest::addColumn<bool>("full");
        QTest::newRow("defaults") << false;
        QTest::newRow("everything set") << true;
    }

    void jsonRoundTrip()
    {
        QFETCH(bool, full);
        const ChatParameters p = full ? everythingSet() : ChatParameters {};
        QCOMPARE(ChatParameters::fromJson(p.toJson()), p);
        // Also through text, as it is stored.
        const QByteArray text = QJsonDocument(p.toJson()).toJson();
        QCOMPARE(ChatParameters::fromJson(QJsonDocument::fromJson(text).object()), p);
    }

    void roundTripKeepsAnUnnamedSchemaAndZeroes()
    {
        ChatParameters p;
        p.responseFormat.type = ResponseFormat::Type::JsonSchema; // not yet named: stays unnamed
        p.temperature = 0.0;
        p.randomSeed = 0;
        p.presencePenalty = 0.0;
        p.model.clear();
        const ChatParameters back = ChatParameters::fromJson(p.toJson());
        QCOMPARE(back, p);
        QVERIFY(back.responseFormat.schemaName.isEmpty());
        QCOMPARE(back.randomSeed, std::optional<qint64>(0));
    }

    void unsetFieldsAreLeftOutOfJson()
    {
        const QJsonObject json = ChatParameters {}.toJson();
        QCOMPARE(json.keys(), QStringList {QStringLiteral("model")});
    }

    void equalityCoversEveryField()
    {
        const ChatParameters base = everythingSet();
        ChatParameters other = base;
        QCOMPARE(other, base);
        other.responseFormat.schema.insert(QStringLiteral("title"), QStringLiteral("x"));
        QVERIFY(other != base);
        other = base;
        other.stop.removeLast();
        QVERIFY(other != base);
    }
};

QTEST_GUILESS_MAIN(tst_ChatParameters)
#include "tst_ChatParameters.moc"
