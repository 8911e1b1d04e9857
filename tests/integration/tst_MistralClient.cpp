#include "api/MistralClient.h"
#include "ClientFixture.h"
#include "support/FakeMistral.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace md;
using md::test::FakeMistral;
using md::test::FakeScript;

namespace {

ChatRequest hello(const QString &model = QStringLiteral("mistral-small-latest"))
{
    ChatRequest r;
    r.model = model;
    r.messages = {ChatMessage::user(QStringLiteral("Say hello"))};
    return r;
}

FakeScript script(FakeScript::Kind kind)
{
    FakeScript s;
    s.kind = kind;
    return s;
}

FakeScript errorScript(FakeScript::ErrorShape shape)
{
    FakeScript s = script(FakeScript::Kind::Error);
    s.errorShape = shape;
    return s;
}

// Waits for a chat to end and returns (finished?, result, error).
struct Outcome {
    bool finished = false;
    ChatResult result;
    ApiError error;
    int retries = 0;
    QString text;
};

Outcome run(ChatStream *stream, int timeoutMs = 10000)
{
    Outcome o;
    bool done = false;
    QObject::connect(stream, &ChatStream::textDelta, stream, [&o](const QString &d) { o.text += d; });
    QObject::connect(stream, &ChatStream::retrying, stream, [&o] { ++o.retries; });
    QObject::connect(stream, &ChatStream::finished, stream, [&](const ChatResult &r) {
        o.finished = true;
        o.result = r;
        done = true;
    });
    QObject::connect(stream, &ChatStream::failed, stream, [&](const ApiError &e) {
        o.error = e;
        done = true;
    });
    if (!QTest::qWaitFor([&done] { return done; }, timeoutMs))
        o.error = ApiError::protocol(QStringLiteral("the test waited %1 ms for an outcome").arg(timeoutMs));
    return o;
}

struct CallOutcome {
    bool ok = false;
    QByteArray body;
    ApiError error;
};

CallOutcome run(ApiCall *call, int timeoutMs = 10000)
{
    CallOutcome o;
    bool done = false;
    QObject::connect(call, &ApiCall::finished, call, [&](const QByteArray &b) {
        o.ok = true;
        o.body = b;
        done = true;
    });
    QObject::connect(call, &ApiCall::failed, call, [&](const ApiError &e) {
        o.error = e;
        done = true;
    });
    if (!QTest::qWaitFor([&done] { return done; }, timeoutMs))
        o.error = ApiError::protocol(QStringLiteral("the test waited %1 ms for an outcome").arg(timeoutMs));
    return o;
}

} // namespace

class TestMistralClient : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ClientFixture> m_fixture;
    FakeMistral *m_fake = nullptr;
    MistralClient *m_client = nullptr;

private slots:
    void init()
    {
        m_fixture = std::make_unique<ClientFixture>();
        QVERIFY(m_fixture->start());
        m_fake = m_fixture->fake.get();
        m_client = m_fixture->client.get();
    }

    void cleanup() { m_fixture.reset(); }

    void streamedChat()
    {
        FakeScript s;
        s.text = QStringLiteral("Bonjour, ça va ? 🙂");
        s.tokens = 6;
        m_fake->enqueue(s);
        const Outcome o = run(m_client->chat(hello()));
        QVERIFY2(o.finished, qPrintable(o.error.toString()));
        QCOMPARE(o.result.content, QStringLiteral("Bonjour, ça va ? 🙂"));
        QCOMPARE(o.text, o.result.content);
        QCOMPARE(o.result.finishReason, QStringLiteral("stop"));
        QVERIFY(o.result.hasUsage);
        QCOMPARE(o.result.usage.completionTokens, 6);
        QVERIFY(o.result.usage.promptTokens > 0);
        QVERIFY(o.result.timeToFirstTokenMs >= 0);
        QVERIFY(!o.result.rateLimit.isEmpty());

        const auto &req = m_fake->requests().last();
        QCOMPARE(req.path, QByteArray("/v1/chat/completions"));
        QCOMPARE(req.header("authorization"), "Bearer " + m_fake->apiKey().toUtf8());
        QCOMPARE(req.header("accept"), QByteArray("text/event-stream"));
        QVERIFY(req.json().value(QLatin1String("stream")).toBool());
        QVERIFY(!m_client->lastRateLimit().isEmpty());
    }

    void nonStreamedChat()
    {
        FakeScript s;
        s.text = QStringLiteral("Hello there");
        s.tokens = 2;
        m_fake->enqueue(s);
        const Outcome o = run(m_client->chat(hello(), false));
        QVERIFY2(o.finished, qPrintable(o.error.toString()));
        QCOMPARE(o.result.content, QStringLiteral("Hello there"));
        QCOMPARE(o.result.usage.completionTokens, 2);
        QVERIFY(!m_fake->requests().last().json().contains(QLatin1String("stream")));
    }

    void everyRequestFieldReachesTheServerAccepted()
    {
        ChatRequest r = hello();
        r.temperature = 0.2;
        r.topP = 0.5;
        r.maxTokens = 50;
        r.stop = {QStringLiteral("END")};
        r.randomSeed = 3;
        r.presencePenalty = 0.1;
        r.frequencyPenalty = 0.1;
        r.responseFormat = ResponseFormat {ResponseFormat::Type::JsonObject, {}, {}, {}, {}};
        r.safePrompt = true;
        r.parallelToolCalls = true;
        ToolDefinition t;
        t.name = QStringLiteral("f");
        r.tools = {t};
        r.toolChoice = ToolChoice {};
        r.prediction = QStringLiteral("p");
        const Outcome o = run(m_client->chat(r));
        QVERIFY2(o.finished, qPrintable(o.error.toString())); // the fake rejects any unknown field with 422
        QCOMPARE(m_fake->requests().last().json().value(QLatin1String("safe_prompt")).toBool(), true);
    }

    void maxTokensGivesLength()
    {
        FakeScript s;
        s.tokens = 20;
        m_fake->enqueue(s);
        ChatRequest r = hello();
        r.maxTokens = 5;
        const Outcome o = run(m_client->chat(r));
        QVERIFY(o.finished);
        QCOMPARE(o.result.finishReason, QStringLiteral("length"));
        QCOMPARE(o.result.usage.completionTokens, 5);
    }

    void toolCallsStreamedWholeAndFragmented_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::addColumn<bool>("fragmented");
        QTest::newRow("stream whole") << true << false;
        QTest::newRow("stream fragments") << true << true;
        QTest::newRow("non-stream") << false << false;
    }

    void toolCallsStreamedWholeAndFragmented()
    {
        QFETCH(bool, stream);
        QFETCH(bool, fragmented);
        FakeScript s = script(FakeScript::Kind::ToolCalls);
        s.toolCalls = {{QStringLiteral("abcDEF123"), QStringLiteral("get_weather"),
                        QStringLiteral("{\"city\":\"Lyon\",\"unit\":\"c\"}")},
                       {QStringLiteral("ghiJKL456"), QStringLiteral("get_time"), QStringLiteral("{}")}};
        s.fragmentedToolCalls = fragmented;
        m_fake->enqueue(s);
        const Outcome o = run(m_client->chat(hello(), stream));
        QVERIFY2(o.finished, qPrintable(o.error.toString()));
        QCOMPARE(o.result.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(o.result.toolCalls.size(), 2);
        QCOMPARE(o.result.toolCalls.at(0).id, QStringLiteral("abcDEF123"));
        QCOMPARE(o.result.toolCalls.at(0).name, QStringLiteral("get_weather"));
        QCOMPARE(QJsonDocument::fromJson(o.result.toolCalls.at(0).arguments.toUtf8())
                     .object()
                     .value(QLatin1String("city"))
                     .toString(),
                 QStringLiteral("Lyon"));
        QCOMPARE(o.result.toolCalls.at(1).name, QStringLiteral("get_time"));
    }

    void toolResultRoundTrip()
    {
        ChatRequest r = hello();
        ChatMessage call;
        call.role = ChatMessage::Role::Assistant;
        call.toolCalls
            = {ToolCall {QStringLiteral("abcDEF123"), QStringLiteral("get_weather"), QStringLiteral("{}"), 0}};
        r.messages << call
                   << ChatMessage::toolResult(QStringLiteral("abcDEF123"), QStringLiteral("get_weather"),
                                              QStringLiteral("sunny"));
        const Outcome o = run(m_client->chat(r));
        QVERIFY2(o.finished, qPrintable(o.error.toString()));
    }

    void openAiToolIdIsRejectedLikeTheRealApi()
    {
        ChatRequest r = hello();
        ChatMessage call;
        call.role = ChatMessage::Role::Assistant;
        call.toolCalls = {ToolCall {QStringLiteral("call_abc123"), QStringLiteral("f"), QStringLiteral("{}"), 0}};
        r.messages << call
                   << ChatMessage::toolResult(QStringLiteral("call_abc123"), QStringLiteral("f"), QStringLiteral("x"));
        const Outcome o = run(m_client->chat(r));
        QVERIFY(!o.finished);
        QCOMPARE(o.error.httpStatus, 400);
        QVERIFY(o.error.message.contains(QLatin1String("call_abc123")));
        QCOMPARE(o.retries, 0);
    }

    void thinking()
    {
        FakeScript s;
        s.thinking = QStringLiteral("Let me think about it.");
        s.text = QStringLiteral("42");
        s.tokens = 2;
        m_fake->enqueue(s);
        m_fake->enqueue(s);
        const Outcome streamed = run(m_client->chat(hello(QStringLiteral("magistral-medium-latest"))));
        QVERIFY(streamed.finished);
        QCOMPARE(streamed.result.thinking, QStringLiteral("Let me think about it."));
        QCOMPARE(streamed.result.content, QStringLiteral("42"));
        const Outcome whole = run(m_client->chat(hello(QStringLiteral("magistral-medium-latest")), false));
        QCOMPARE(whole.result.thinking, streamed.result.thinking);
        QCOMPARE(whole.result.content, QStringLiteral("42"));
    }

    void everyErrorShapeIsDecoded_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        using S = FakeScript::ErrorShape;
        QTest::newRow("invalid request") << int(S::InvalidRequest) << 400 << QString();
        QTest::newRow("invalid model") << int(S::InvalidModel) << 400 << QStringLiteral("Invalid model");
        QTest::newRow("422 nested") << int(S::Validation422) << 422 << QStringLiteral("body.");
        QTest::newRow("422 bare") << int(S::BareDetail422) << 422 << QStringLiteral("body.");
        QTest::newRow("401 message") << int(S::UnauthorizedMessage) << 401 << QStringLiteral("Unauthorized");
        QTest::newRow("401 detail") << int(S::UnauthorizedDetail) << 401 << QStringLiteral("Unauthorized");
        QTest::newRow("404") << int(S::NotFound) << 404 << QStringLiteral("Not Found");
    }

    void everyErrorShapeIsDecoded()
    {
        QFETCH(int, shape);
        QFETCH(int, status);
        QFETCH(QString, message);
        m_fake->enqueue(errorScript(FakeScript::ErrorShape(shape)));
        const Outcome o = run(m_client->chat(hello()));
        QVERIFY(!o.finished);
        QCOMPARE(o.error.kind, ApiError::Kind::Http);
        QCOMPARE(o.error.httpStatus, status);
        QVERIFY2(o.error.message.contains(message) && !o.error.message.isEmpty(), qPrintable(o.error.message));
        QCOMPARE(o.retries, 0); // 4xx is final
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void unknownFieldIs422WithTheFieldNamed()
    {
        ApiCall *call = m_client->send(
            "POST", QStringLiteral("/v1/chat/completions"),
            R"({"model":"mistral-small-latest","messages":[{"role":"user","content":"x"}],"safe_mode":true})");
        const CallOutcome o = run(call);
        QVERIFY(!o.ok);
        QCOMPARE(o.error.httpStatus, 422);
        QVERIFY2(o.error.message.contains(QLatin1String("safe_mode")), qPrintable(o.error.message));
    }

    void wrongKeyIs401()
    {
        m_client->setApiKey(QStringLiteral("wrong"));
        const Outcome o = run(m_client->chat(hello()));
        QCOMPARE(o.error.httpStatus, 401);
        QVERIFY(o.error.userMessage().contains(QLatin1String("API key")));
    }

    void retriesServerErrorsThenSucceeds_data()
    {
        QTest::addColumn<int>("shape");
        using S = FakeScript::ErrorShape;
        QTest::newRow("500") << int(S::InternalError);
        QTest::newRow("503") << int(S::ServiceUnavailable);
        QTest::newRow("429 message") << int(S::RateLimitMessage);
        QTest::newRow("429 object") << int(S::RateLimitObject);
    }

    void retriesServerErrorsThenSucceeds()
    {
        QFETCH(int, shape);
        m_fake->enqueue(errorScript(FakeScript::ErrorShape(shape)));
        m_fake->enqueue(errorScript(FakeScript::ErrorShape(shape)));
        const Outcome o = run(m_client->chat(hello()));
        QVERIFY2(o.finished, qPrintable(o.error.toString()));
        QCOMPARE(o.retries, 2);
        QCOMPARE(m_fake->requests().size(), 3);
    }

    void givesUpAfterMaxRetries()
    {
        for (int i = 0; i < 4; ++i)
            m_fake->enqueue(errorScript(FakeScript::ErrorShape::ServiceUnavailable));
        const Outcome o = run(m_client->chat(hello()));
        QVERIFY(!o.finished);
        QCOMPARE(o.error.httpStatus, 503);
        QCOMPARE(o.retries, 3);
        QCOMPARE(m_fake->requests().size(), 4);
    }

    void retryAfterIsWaitedOut()
    {
        FakeScript limited = script(FakeScript::Kind::RateLimited);
        limited.retryAfterSeconds = 1;
        m_fake->enqueue(limited);
        QElapsedTimer clock;
        clock.start();
        int announcedDelay = -1;
        ChatStream *stream = m_client->chat(hello());
        connect(stream, &ChatStream::retrying, this, [&announcedDelay](int, int delayMs, const ApiError &e) {
            announcedDelay = delayMs;
            QCOMPARE(e.httpStatus, 429);
            QCOMPARE(e.rateLimit.retryAfterSeconds, 1);
        });
        const Outcome o = run(stream);
        QVERIFY(o.finished);
        QCOMPARE(announcedDelay, 1000);
        QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
    }

    void rateLimitWithoutRetryAfterBacksOff()
    {
        FakeScript limited = script(FakeScript::Kind::RateLimited);
        limited.retryAfterSeconds = -1;
        m_fake->enqueue(limited);
        const Outcome o = run(m_client->chat(hello()));
        QVERIFY(o.finished);
        QCOMPARE(o.retries, 1);
    }

    void dropMidStreamIsNotRetriedAndKeepsThePartialAnswer()
    {
        FakeScript drop = script(FakeScript::Kind::DropMidStream);
        drop.dropAfterEvents = 3;
        drop.tokens = 10;
        m_fake->enqueue(drop);
        const Outcome o = run(m_client->chat(hello()));
        QVERIFY(!o.finished);
        QVERIFY2(o.error.kind == ApiError::Kind::Network || o.error.kind == ApiError::Kind::Protocol,
                 qPrintable(o.error.toString()));
        QCOMPARE(o.retries, 0); // content had been shown: never restarted
        QVERIFY(!o.text.isEmpty());
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void dropBeforeAnyContentOfANonStreamedCallIsRetried()
    {
        m_fake->enqueue(script(FakeScript::Kind::DropMidStream));
        const Outcome o = run(m_client->chat(hello(), false));
        QVERIFY2(o.finished, qPrintable(o.error.toString()));
        QCOMPARE(o.retries, 1);
    }

    void malformedSseIsSkipped()
    {
        FakeScript bad = script(FakeScript::Kind::MalformedSse);
        bad.tokens = 6;
        m_fake->enqueue(bad);
        ChatStream *stream = m_client->chat(hello());
        QSignalSpy skipped(stream, &ChatStream::eventSkipped);
        const Outcome o = run(stream);
        QVERIFY2(o.finished, qPrintable(o.error.toString()));
        QCOMPARE(skipped.count(), 1);
        QVERIFY(!o.result.content.isEmpty());
    }

    void slowFirstByteIsFine()
    {
        FakeScript slow;
        slow.firstByteDelayMs = 400;
        m_fake->enqueue(slow);
        const Outcome o = run(m_client->chat(hello()));
        QVERIFY(o.finished);
        QVERIFY2(o.result.timeToFirstTokenMs >= 380, qPrintable(QString::number(o.result.timeToFirstTokenMs)));
    }

    void hangTimesOut()
    {
        m_client->setTimeoutMs(500);
        m_fake->enqueue(script(FakeScript::Kind::Hang));
        QElapsedTimer clock;
        clock.start();
        const Outcome o = run(m_client->chat(hello()));
        QCOMPARE(o.error.kind, ApiError::Kind::Timeout);
        QVERIFY(clock.elapsed() >= 450 && clock.elapsed() < 3000);
        QCOMPARE(o.retries, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->openConnections(), 0, 3000);
    }

    void pacedStreamKeepsTheConnectionAlive()
    {
        // 10 tokens at 20/s take 0.5 s in all: longer than the timeout, but never silent that long.
        m_client->setTimeoutMs(300);
        FakeScript paced;
        paced.tokens = 10;
        paced.tokensPerSecond = 20;
        m_fake->enqueue(paced);
        const Outcome o = run(m_client->chat(hello()));
        QVERIFY2(o.finished, qPrintable(o.error.toString()));
        QVERIFY(o.result.tokensPerSecond > 5 && o.result.tokensPerSecond < 60);
    }

    void cancelStopsTheTransferAndClosesTheConnection()
    {
        FakeScript paced;
        paced.tokens = 200;
        paced.tokensPerSecond = 50;
        m_fake->enqueue(paced);
        ChatStream *stream = m_client->chat(hello());
        QString text;
        connect(stream, &ChatStream::textDelta, this, [&text](const QString &d) { text += d; });
        QTRY_VERIFY_WITH_TIMEOUT(!text.isEmpty(), 5000);
        QSignalSpy failed(stream, &ChatStream::failed);
        stream->cancel();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->openConnections(), 0, 3000);
    }

    void cancelDuringRetryWaitStopsRetrying()
    {
        FakeScript limited = script(FakeScript::Kind::RateLimited);
        limited.retryAfterSeconds = 30;
        m_fake->enqueue(limited);
        ChatStream *stream = m_client->chat(hello());
        QSignalSpy retrying(stream, &ChatStream::retrying);
        QTRY_COMPARE_WITH_TIMEOUT(retrying.count(), 1, 5000);
        stream->cancel();
        QTest::qWait(100);
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void deadServerIsANetworkErrorAfterRetries()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        m_client->setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        const Outcome o = run(m_client->chat(hello()));
        QCOMPARE(o.error.kind, ApiError::Kind::Network);
        QCOMPARE(o.retries, m_client->retryPolicy().maxRetries);
        QVERIFY(o.error.userMessage().contains(QLatin1String("base URL")));
    }

    void fim()
    {
        FimRequest r;
        r.prompt = QStringLiteral("def add(a, b):\n    ");
        r.suffix = QStringLiteral("\n");
        FakeScript s;
        s.text = QStringLiteral("return a + b");
        s.tokens = 3;
        m_fake->enqueue(s);
        m_fake->enqueue(s);
        const Outcome streamed = run(m_client->fim(r));
        QVERIFY2(streamed.finished, qPrintable(streamed.error.toString()));
        QCOMPARE(streamed.result.content, QStringLiteral("return a + b"));
        QCOMPARE(m_fake->requests().last().path, QByteArray("/v1/fim/completions"));
        const Outcome whole = run(m_client->fim(r, false));
        QCOMPARE(whole.result.content, QStringLiteral("return a + b"));
    }

    void modelsAndModelCard()
    {
        CallOutcome list = run(m_client->listModels());
        QVERIFY2(list.ok, qPrintable(list.error.toString()));
        const QJsonArray data = QJsonDocument::fromJson(list.body).object().value(QLatin1String("data")).toArray();
        QVERIFY(data.size() >= 5);
        const QString id = data.first().toObject().value(QLatin1String("id")).toString();
        CallOutcome card = run(m_client->model(id));
        QVERIFY(card.ok);
        QCOMPARE(QJsonDocument::fromJson(card.body).object().value(QLatin1String("id")).toString(), id);
        CallOutcome missing = run(m_client->model(QStringLiteral("no-such-model")));
        QVERIFY(!missing.ok);
        QCOMPARE(missing.error.httpStatus, 404);
    }

    void embeddings()
    {
        EmbeddingRequest r;
        r.inputs = {QStringLiteral("one"), QStringLiteral("two")};
        CallOutcome o = run(m_client->embeddings(r));
        QVERIFY(o.ok);
        EmbeddingResult result;
        QString error;
        QVERIFY(EmbeddingResult::fromJson(QJsonDocument::fromJson(o.body).object(), 2, &result, &error));
        QCOMPARE(result.vectors.size(), 2);
        QCOMPARE(result.vectors.first().size(), 1024);
        QVERIFY(result.usage.promptTokens > 0);
    }

    void baseUrlForms()
    {
        MistralClient c;
        QCOMPARE(c.baseUrl(), QUrl(QStringLiteral("https://api.mistral.ai")));
        c.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:8080/v1/")));
        QCOMPARE(c.endpoint(QStringLiteral("/v1/models")), QUrl(QStringLiteral("http://127.0.0.1:8080/v1/models")));
        c.setBaseUrl(QUrl(QStringLiteral("https://gateway.example/mistral")));
        QCOMPARE(c.endpoint(QStringLiteral("/v1/models")),
                 QUrl(QStringLiteral("https://gateway.example/mistral/v1/models")));
    }

    void streamsAreIndependent()
    {
        FakeScript a;
        a.text = QStringLiteral("alpha");
        a.tokens = 5;
        a.tokensPerSecond = 100;
        FakeScript b = a;
        b.text = QStringLiteral("bravo");
        m_fake->enqueue(a);
        m_fake->enqueue(b);
        ChatStream *s1 = m_client->chat(hello());
        ChatStream *s2 = m_client->chat(hello());
        QString t1, t2;
        connect(s1, &ChatStream::finished, this, [&t1](const ChatResult &r) { t1 = r.content; });
        connect(s2, &ChatStream::finished, this, [&t2](const ChatResult &r) { t2 = r.content; });
        QTRY_VERIFY_WITH_TIMEOUT(!t1.isEmpty() && !t2.isEmpty(), 5000);
        QCOMPARE(QSet<QString>({t1, t2}), QSet<QString>({QStringLiteral("alpha"), QStringLiteral("bravo")}));
    }
};

QTEST_GUILESS_MAIN(TestMistralClient)
#include "tst_MistralClient.moc"
