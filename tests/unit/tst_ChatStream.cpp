#include "api/ChatStream.h"

#include <QSignalSpy>
#include <QTest>

using namespace md;

namespace {

QByteArray chunk(const QByteArray &delta, const QByteArray &finish = "null", const QByteArray &extra = {})
{
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mistral-small-2603\","
           "\"choices\":[{\"index\":0,\"delta\":"
        + delta + ",\"finish_reason\":" + finish + "}]" + extra + "}\n\n";
}

const QByteArray kUsage = ",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3,\"total_tokens\":13}";

// A complete Mistral stream: role chunk, three tokens, usage on the last content chunk, [DONE].
QByteArray mistralStream()
{
    return chunk("{\"role\":\"assistant\",\"content\":\"\"}") + chunk("{\"content\":\"Bon\"}")
        + chunk("{\"content\":\"jour \"}") + chunk("{\"content\":\"🙂\"}", "\"stop\"", kUsage) + "data: [DONE]\n\n";
}

} // namespace

class TestChatStream : public QObject {
    Q_OBJECT
private slots:
    void textStreamInOneRead()
    {
        ChatStream s;
        QSignalSpy deltas(&s, &ChatStream::textDelta);
        QSignalSpy usage(&s, &ChatStream::usageReceived);
        QSignalSpy finish(&s, &ChatStream::finishReasonReceived);
        QSignalSpy finished(&s, &ChatStream::finished);
        QSignalSpy failed(&s, &ChatStream::failed);
        s.feed(mistralStream());
        QCOMPARE(deltas.count(), 3); // the empty opening delta is not a token
        QCOMPARE(usage.count(), 1);
        QCOMPARE(finish.count(), 1);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(failed.count(), 0);
        const ChatResult r = finished.first().first().value<ChatResult>();
        QCOMPARE(r.content, QStringLiteral("Bonjour 🙂"));
        QCOMPARE(r.finishReason, QStringLiteral("stop"));
        QCOMPARE(r.id, QStringLiteral("c1"));
        QCOMPARE(r.model, QStringLiteral("mistral-small-2603"));
        QVERIFY(r.hasUsage);
        QCOMPARE(r.usage.promptTokens, 10);
        QCOMPARE(r.usage.completionTokens, 3);
        QVERIFY(r.timeToFirstTokenMs >= 0);
        QVERIFY(r.durationMs >= r.timeToFirstTokenMs);
        QVERIFY(s.isFinished());
        s.endOfStream(); // after [DONE]: nothing more happens
        QCOMPARE(finished.count(), 1);
        QCOMPARE(failed.count(), 0);
    }

    void everySplitGivesTheSameResult()
    {
        const QByteArray stream = mistralStream();
        for (int cut = 1; cut < stream.size(); cut += 3) {
            ChatStream s;
            QSignalSpy finished(&s, &ChatStream::finished);
            s.feed(QByteArrayView(stream).first(cut));
            s.feed(QByteArrayView(stream).sliced(cut));
            QCOMPARE(finished.count(), 1);
            QCOMPARE(s.result().content, QStringLiteral("Bonjour 🙂"));
        }
    }

    void byteByByte()
    {
        const QByteArray stream = mistralStream();
        ChatStream s;
        QString text;
        connect(&s, &ChatStream::textDelta, this, [&text](const QString &d) { text += d; });
        for (const char c : stream)
            s.feed(QByteArrayView(&c, 1));
        QVERIFY(s.isFinished());
        QCOMPARE(text, QStringLiteral("Bonjour 🙂"));
    }

    void endWithoutDoneButWithFinishReasonIsComplete()
    {
        ChatStream s;
        QSignalSpy finished(&s, &ChatStream::finished);
        s.feed(chunk("{\"content\":\"x\"}", "\"length\""));
        QCOMPARE(finished.count(), 0);
        s.endOfStream();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(s.result().finishReason, QStringLiteral("length"));
        QVERIFY(!s.result().hasUsage);
    }

    void truncatedStreamFailsAndKeepsThePartialAnswer()
    {
        ChatStream s;
        QSignalSpy failed(&s, &ChatStream::failed);
        s.feed(QByteArray(chunk("{\"content\":\"half an\"}") + "data: {\"id\":\"c1\",\"choi"));
        s.endOfStream();
        QCOMPARE(failed.count(), 1);
        const ApiError e = failed.first().first().value<ApiError>();
        QCOMPARE(e.kind, ApiError::Kind::Protocol);
        QCOMPARE(s.result().content, QStringLiteral("half an")); // nothing the user saw is lost
    }

    void malformedEventIsSkippedAndReported()
    {
        ChatStream s;
        QSignalSpy skipped(&s, &ChatStream::eventSkipped);
        QSignalSpy finished(&s, &ChatStream::finished);
        s.feed(QByteArray(chunk("{\"content\":\"a\"}") + "data: {not json\n\n"
                          + chunk("{\"content\":\"b\"}", "\"stop\"") + "data: [DONE]\n\n"));
        QCOMPARE(skipped.count(), 1);
        QCOMPARE(s.skippedEvents(), 1);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(s.result().content, QStringLiteral("ab"));
    }

    void errorInsideTheStreamFails_data()
    {
        QTest::addColumn<QByteArray>("event");
        QTest::addColumn<int>("status");
        QTest::newRow("mistral object") << QByteArray(
            R"(data: {"object":"error","message":"Service overloaded","type":"internal","code":"3000","raw_status_code":503})")
                                        << 503;
        QTest::newRow("openai error") << QByteArray(
            R"(data: {"error":{"message":"Service overloaded","type":"server_error"}})")
                                      << 500;
        QTest::newRow("detail") << QByteArray(R"(data: {"detail":"Service overloaded"})") << 500;
    }

    void errorInsideTheStreamFails()
    {
        QFETCH(QByteArray, event);
        QFETCH(int, status);
        ChatStream s;
        QSignalSpy failed(&s, &ChatStream::failed);
        s.feed(QByteArray(chunk("{\"content\":\"x\"}") + event + "\n\n"));
        QCOMPARE(failed.count(), 1);
        const ApiError e = failed.first().first().value<ApiError>();
        QCOMPARE(e.httpStatus, status);
        QCOMPARE(e.message, QStringLiteral("Service overloaded"));
    }

    void mistralToolCallsArriveWhole()
    {
        ChatStream s;
        QSignalSpy calls(&s, &ChatStream::toolCallReceived);
        QSignalSpy finished(&s, &ChatStream::finished);
        s.feed(chunk("{\"role\":\"assistant\",\"content\":\"\"}"));
        s.feed(chunk("{\"content\":\"\",\"tool_calls\":[{\"id\":\"abcDEF123\",\"type\":\"function\",\"function\":{"
                     "\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"},\"index\":0},{\"id\":"
                     "\"xyzXYZ789\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"},\"index\":1}]}",
                     "\"tool_calls\"", kUsage));
        s.feed("data: [DONE]\n\n");
        QCOMPARE(calls.count(), 2);
        const ChatResult r = finished.first().first().value<ChatResult>();
        QCOMPARE(r.finishReason, QStringLiteral("tool_calls"));
        QCOMPARE(r.toolCalls.size(), 2);
        QCOMPARE(r.toolCalls.at(0),
                 (ToolCall {QStringLiteral("abcDEF123"), QStringLiteral("get_weather"),
                            QStringLiteral("{\"city\":\"Paris\"}"), 0}));
        QCOMPARE(r.toolCalls.at(1).name, QStringLiteral("get_time"));
        QVERIFY(r.content.isEmpty());
    }

    void openAiFragmentsAreJoined()
    {
        ChatStream s;
        QSignalSpy calls(&s, &ChatStream::toolCallReceived);
        s.feed(chunk(
            R"({"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"sum","arguments":""}}]})"));
        s.feed(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":\"}}]}"));
        s.feed(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"1,\\\"b\\\":2}\"}}]}"));
        s.feed(chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\",\"function\":{\"name\":\"neg\",\"arguments\":\"{"
                     "\\\"x\\\":3}\"}}]}"));
        QCOMPARE(calls.count(), 0); // announced only once complete
        s.feed(chunk("{}", "\"tool_calls\""));
        QCOMPARE(calls.count(), 2);
        const ToolCall first = calls.at(0).first().value<ToolCall>();
        QCOMPARE(first.id, QStringLiteral("call_1"));
        QCOMPARE(first.arguments, QStringLiteral("{\"a\":1,\"b\":2}"));
        QCOMPARE(calls.at(1).first().value<ToolCall>().name, QStringLiteral("neg"));
    }

    void thinkingChunks()
    {
        ChatStream s;
        QSignalSpy thinking(&s, &ChatStream::thinkingDelta);
        QSignalSpy text(&s, &ChatStream::textDelta);
        s.feed(chunk(R"({"content":[{"type":"thinking","thinking":[{"type":"text","text":"Let me "}]}]})"));
        s.feed(chunk(R"({"content":[{"type":"thinking","thinking":[{"type":"text","text":"think."}]}]})"));
        s.feed(chunk(R"({"content":[{"type":"text","text":"42"}]})", "\"stop\"", kUsage));
        s.endOfStream();
        QCOMPARE(thinking.count(), 2);
        QCOMPARE(text.count(), 1);
        QCOMPARE(s.result().thinking, QStringLiteral("Let me think."));
        QCOMPARE(s.result().content, QStringLiteral("42"));
    }

    void usageOnAChunkWithoutChoices()
    {
        // OpenAI-compatible servers with include_usage send it last, with empty choices.
        ChatStream s;
        s.feed(chunk("{\"content\":\"x\"}", "\"stop\""));
        s.feed(R"(data: {"id":"c1","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":1,"total_tokens":5}})"
               "\n\n");
        s.feed("data: [DONE]\n\n");
        QVERIFY(s.result().hasUsage);
        QCOMPARE(s.result().usage.totalTokens, 5);
    }

    void usageOnEveryChunk()
    {
        // Some servers report running usage on every chunk; the last one counts.
        ChatStream s;
        s.feed(chunk("{\"content\":\"a\"}", "null",
                     R"(,"usage":{"prompt_tokens":4,"completion_tokens":1,"total_tokens":5})"));
        s.feed(chunk("{\"content\":\"b\"}", "null",
                     R"(,"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6})"));
        s.feed(chunk("{}", "\"stop\""));
        s.endOfStream();
        QCOMPARE(s.result().usage.completionTokens, 2);
    }

    void nonStreamedAnswerGivesTheSameResultType()
    {
        ChatStream s;
        QSignalSpy text(&s, &ChatStream::textDelta);
        QSignalSpy finished(&s, &ChatStream::finished);
        s.completeWith(R"({"id":"x1","object":"chat.completion","created":5,"model":"mistral-large-2512",
            "choices":[{"index":0,"message":{"role":"assistant","content":"Hello","tool_calls":null,"prefix":false},"finish_reason":"stop"}],
            "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}})");
        QCOMPARE(text.count(), 1);
        QCOMPARE(finished.count(), 1);
        const ChatResult r = finished.first().first().value<ChatResult>();
        QCOMPARE(r.content, QStringLiteral("Hello"));
        QCOMPARE(r.model, QStringLiteral("mistral-large-2512"));
        QCOMPARE(r.usage.totalTokens, 4);
        QVERIFY(r.timeToFirstTokenMs >= 0);
    }

    void nonStreamedThinkingAndToolCalls()
    {
        ChatStream s;
        s.completeWith(R"({"id":"x","object":"chat.completion","created":1,"model":"magistral-medium-latest",
            "choices":[{"index":0,"message":{"role":"assistant","content":[{"type":"thinking","thinking":[{"type":"text","text":"hmm"}]},{"type":"text","text":"done"}],
            "tool_calls":[{"id":"abcDEF123","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}],
            "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}})");
        QCOMPARE(s.result().thinking, QStringLiteral("hmm"));
        QCOMPARE(s.result().content, QStringLiteral("done"));
        QCOMPARE(s.result().toolCalls.size(), 1);
    }

    void nonStreamedGarbageFails()
    {
        ChatStream s;
        QSignalSpy failed(&s, &ChatStream::failed);
        s.completeWith("<html>oops</html>");
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::Protocol);
        ChatStream t;
        QSignalSpy failed2(&t, &ChatStream::failed);
        t.completeWith(R"({"id":"x","choices":[]})");
        QCOMPARE(failed2.count(), 1);
    }

    void restartForgetsTheFailedAttempt()
    {
        ChatStream s;
        s.feed(chunk("{\"content\":\"first try\"}"));
        QVERIFY(s.hasDeliveredContent());
        s.restart();
        QVERIFY(!s.hasDeliveredContent());
        s.feed(QByteArray(chunk("{\"content\":\"second\"}", "\"stop\"") + "data: [DONE]\n\n"));
        QCOMPARE(s.result().content, QStringLiteral("second"));
    }

    void cancelKeepsWhatArrived()
    {
        ChatStream s;
        QSignalSpy requested(&s, &ChatStream::cancelRequested);
        QSignalSpy failed(&s, &ChatStream::failed);
        s.feed(chunk("{\"content\":\"partial\"}"));
        s.cancel();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::Cancelled);
        QCOMPARE(s.result().content, QStringLiteral("partial"));
        s.cancel();
        QCOMPARE(failed.count(), 1);
    }

    void endlessEventIsRefused()
    {
        ChatStream s;
        QSignalSpy failed(&s, &ChatStream::failed);
        s.feed(QByteArray("data: {\"content\":\""));
        const QByteArray block(1024 * 1024, 'a');
        for (int i = 0; i < 17 && failed.isEmpty(); ++i)
            s.feed(block);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::Protocol);
    }

    void speedIsMeasured()
    {
        ChatStream s;
        s.feed(chunk("{\"content\":\"a\"}"));
        QTest::qWait(60);
        s.feed(QByteArray(chunk("{\"content\":\"b\"}", "\"stop\"", kUsage) + "data: [DONE]\n\n"));
        const ChatResult r = s.result();
        QVERIFY(r.timeToFirstTokenMs >= 0);
        // 3 completion tokens over >= 60 ms between the first and last token.
        QVERIFY2(r.tokensPerSecond > 0.0 && r.tokensPerSecond <= 3 * 1000.0 / 55,
                 qPrintable(QString::number(r.tokensPerSecond)));
        QCOMPARE(s.tokensPerSecond(), r.tokensPerSecond);
    }
};

QTEST_GUILESS_MAIN(TestChatStream)
#include "tst_ChatStream.moc"
