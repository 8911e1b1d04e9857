#include "tools/ToolRound.h"
#include "tools/ToolSet.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace md;

namespace {
ToolCall call(const QString &id, const QString &name, const QString &arguments)
{
    ToolCall c;
    c.id = id;
    c.name = name;
    c.arguments = arguments;
    return c;
}

ToolSpec commandTool(const QString &command, int timeoutMs = 5000, bool allowed = true)
{
    ToolSpec spec;
    spec.definition.name = QStringLiteral("run");
    spec.responder.kind = ToolResponder::Kind::Command;
    spec.responder.command = command;
    spec.responder.commandAllowed = allowed;
    spec.responder.timeoutMs = timeoutMs;
    return spec;
}

// Runs one call of the `run` tool through `command` and waits for it to settle.
const ToolRound::Call &runOne(ToolRound &round)
{
    round.start();
    if (!QTest::qWaitFor([&] { return round.call(0).status != ToolRound::Status::Running; }, 10000))
        qWarning("the command is still running");
    return round.call(0);
}
} // namespace

class TestToolRound : public QObject {
    Q_OBJECT
private slots:
    void fixedAnswersCompleteAtOnceInCallOrder()
    {
        const QList<ToolCall> calls {
            call(QStringLiteral("aaaaaaaa1"), QStringLiteral("get_weather"), QString::fromUtf8("{\"city\":\"Paris\"}")),
            call(QStringLiteral("bbbbbbbb2"), QStringLiteral("calculate"),
                 QString::fromUtf8("{\"expression\":\"2+2\"}"))};
        ToolRound round(7, calls, ToolSet::examples());
        QSignalSpy completed(&round, &ToolRound::completed);
        round.start();
        QCOMPARE(completed.count(), 1);
        QVERIFY(round.isComplete());
        QVERIFY(round.isAutomatic());
        const QList<ChatMessage> messages = round.toolMessages();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].role, ChatMessage::Role::Tool);
        QCOMPARE(messages[0].toolCallId, QStringLiteral("aaaaaaaa1"));
        QCOMPARE(messages[0].name, QStringLiteral("get_weather"));
        QVERIFY(messages[0].content.contains(QStringLiteral("light rain")));
        QCOMPARE(messages[1].toolCallId, QStringLiteral("bbbbbbbb2"));
        QCOMPARE(round.call(0).prettyArguments, QStringLiteral("{\n    \"city\": \"Paris\"\n}"));
    }

    void manualCallsWaitForTheUser()
    {
        ToolSpec manual;
        manual.definition.name = QStringLiteral("lookup");
        ToolRound round(1, {call(QStringLiteral("ccccccccc"), QStringLiteral("lookup"), QStringLiteral("{}"))},
                        {manual});
        QSignalSpy completed(&round, &ToolRound::completed);
        round.start();
        QVERIFY(!round.isComplete());
        QCOMPARE(round.call(0).status, ToolRound::Status::Waiting);
        round.setResult(0, QStringLiteral("  "));
        QVERIFY(!round.isComplete());
        round.setResult(0, QStringLiteral("{\"found\": false}"));
        QCOMPARE(completed.count(), 1);
        QVERIFY(round.isComplete());
        QVERIFY(!round.isAutomatic()); // the user typed it: the tab does not send it by itself
    }

    void argumentsAreCheckedAgainstTheSchema()
    {
        const QList<ToolSpec> tools = ToolSet::examples();
        QCOMPARE(ToolRound::checkArguments(
                     call({}, QStringLiteral("get_weather"), QString::fromUtf8("{\"city\":\"Oslo\"}")), tools),
                 QStringList());
        const QStringList wrong = ToolRound::checkArguments(
            call({}, QStringLiteral("get_weather"), QString::fromUtf8("{\"unit\":\"kelvin\"}")), tools);
        QCOMPARE(wrong.size(), 2);
        QVERIFY(wrong.join(QLatin1Char(' ')).contains(QStringLiteral("unit: must be one of")));
        QVERIFY(wrong.join(QLatin1Char(' ')).contains(QStringLiteral("'city'")));
        QString pretty;
        const QStringList broken = ToolRound::checkArguments(
            call({}, QStringLiteral("calculate"), QString::fromUtf8("{\"expression\": ")), tools, &pretty);
        QCOMPARE(broken.size(), 1);
        QVERIFY(broken.first().startsWith(QStringLiteral("The arguments are not valid JSON. Line 1, column")));
        QCOMPARE(pretty, QString::fromUtf8("{\"expression\": ")); // shown as sent
        const QStringList unknown
            = ToolRound::checkArguments(call({}, QStringLiteral("nope"), QStringLiteral("{}")), tools);
        QCOMPARE(unknown.size(), 1);
        QVERIFY(unknown.first().contains(QStringLiteral("nope")));
    }

    void idsAreMadeMistralValid()
    {
        QList<ToolCall> calls {call(QStringLiteral("call_9f8e7d6c5b4a"), QStringLiteral("a"), {}),
                               call(QStringLiteral("Abc123xyZ"), QStringLiteral("b"), {}),
                               call({}, QStringLiteral("c"), {})};
        QVERIFY(ToolRound::ensureMistralIds(&calls));
        for (const ToolCall &c : calls)
            QVERIFY2(ToolCall::isValidMistralId(c.id), qPrintable(c.id));
        QCOMPARE(calls[1].id, QStringLiteral("Abc123xyZ"));
        QVERIFY(calls[0].id != calls[2].id);
        QVERIFY(!ToolRound::ensureMistralIds(&calls));
    }

    void commandGetsArgumentsOnStdinAndAnswers()
    {
        // Echoes its input with the tool name the environment gave it.
        ToolRound round(
            1, {call(QStringLiteral("ddddddddd"), QStringLiteral("run"), QString::fromUtf8("{\"n\": 2}"))},
            {commandTool(QString::fromUtf8(
                "sh -c 'printf \"{\\\"got\\\": %s, \\\"tool\\\": \\\"%s\\\"}\" \"$(cat)\" \"$MISTRAL_DESK_TOOL\"'"))});
        const ToolRound::Call &c = runOne(round);
        QCOMPARE(c.status, ToolRound::Status::Answered);
        QCOMPARE(c.result, QString::fromUtf8("{\"got\": {\"n\": 2}, \"tool\": \"run\"}"));
        QVERIFY(round.isAutomatic());
    }

    void commandThatHangsIsStoppedAtItsTimeout()
    {
        ToolRound round(1, {call(QStringLiteral("eeeeeeeee"), QStringLiteral("run"), QStringLiteral("{}"))},
                        {commandTool(QStringLiteral("sleep 20"), 300)});
        QElapsedTimer clock;
        clock.start();
        const ToolRound::Call &c = runOne(round);
        QCOMPARE(c.status, ToolRound::Status::Failed);
        QVERIFY2(c.problem.contains(QStringLiteral("within 0.3 s")), qPrintable(c.problem));
        QVERIFY(clock.elapsed() < 3000);
        QVERIFY(!round.isComplete());
        // The user can still answer it by hand.
        round.setResult(0, QStringLiteral("{\"timed_out\": true}"));
        QVERIFY(round.isComplete());
    }

    void commandPrintingInvalidJsonFailsWithItsOutputKept()
    {
        ToolRound round(1, {call(QStringLiteral("fffffffff"), QStringLiteral("run"), QStringLiteral("{}"))},
                        {commandTool(QString::fromUtf8("sh -c 'echo \"{result: 1}\"'"))});
        const ToolRound::Call &c = runOne(round);
        QCOMPARE(c.status, ToolRound::Status::Failed);
        QVERIFY2(c.problem.contains(QStringLiteral("not JSON")), qPrintable(c.problem));
        QVERIFY2(c.problem.contains(QStringLiteral("Line 1, column 3")), qPrintable(c.problem));
        QCOMPARE(c.output, QStringLiteral("{result: 1}"));
    }

    void commandFailuresSayWhat_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected");
        QTest::newRow("exit code") << QString::fromUtf8("sh -c 'echo boom >&2; exit 3'")
                                   << QStringLiteral("code 3: boom");
        QTest::newRow("silent") << QStringLiteral("true") << QStringLiteral("printed nothing");
        QTest::newRow("missing program") << QStringLiteral("/nonexistent/tool --x")
                                         << QStringLiteral("code 127");
        QTest::newRow("empty") << QStringLiteral("  ") << QStringLiteral("No command");
    }
    void commandFailuresSayWhat()
    {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        ToolRound round(1, {call(QStringLiteral("ggggggggg"), QStringLiteral("run"), QStringLiteral("{}"))},
                        {commandTool(command)});
        round.start();
        QVERIFY(QTest::qWaitFor([&] { return round.call(0).status == ToolRound::Status::Failed; }, 10000));
        QVERIFY2(round.call(0).problem.contains(expected), qPrintable(round.call(0).problem));
    }

    void commandNotAllowedNeverRuns()
    {
        ToolRound round(1, {call(QStringLiteral("hhhhhhhhh"), QStringLiteral("run"), QStringLiteral("{}"))},
                        {commandTool(QStringLiteral("touch /tmp/should-not-exist-md"), 5000, false)});
        round.start();
        QCOMPARE(round.call(0).status, ToolRound::Status::Waiting);
        QVERIFY(round.call(0).problem.contains(QStringLiteral("not been allowed")));
        QTest::qWait(100);
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/should-not-exist-md")));
    }

    void parallelCommandsRunTogether()
    {
        ToolRound round(1,
                        {call(QStringLiteral("iiiiiiii1"), QStringLiteral("run"), QStringLiteral("{}")),
                         call(QStringLiteral("iiiiiiii2"), QStringLiteral("run"), QStringLiteral("{}")),
                         call(QStringLiteral("iiiiiiii3"), QStringLiteral("run"), QStringLiteral("{}"))},
                        {commandTool(QString::fromUtf8(
                            "sh -c 'sleep 0.4; echo \"{\\\"id\\\": \\\"$MISTRAL_DESK_TOOL_CALL_ID\\\"}\"'"))});
        QSignalSpy completed(&round, &ToolRound::completed);
        QElapsedTimer clock;
        clock.start();
        round.start();
        QVERIFY(round.isRunning());
        QVERIFY(completed.wait(5000));
        QVERIFY2(clock.elapsed() < 1100, qPrintable(QString::number(clock.elapsed()))); // not 3 x 0.4 s
        QCOMPARE(round.toolMessages().at(2).content, QString::fromUtf8("{\"id\": \"iiiiiiii3\"}"));
    }
};

QTEST_GUILESS_MAIN(TestToolRound)
#include "tst_ToolRound.moc"
