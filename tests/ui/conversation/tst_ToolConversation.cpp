#include "chat/ConversationModel.h"
#include "conversation/Composer.h"
#include "conversation/ConversationTab.h"
#include "tools/ToolCallCard.h"
#include "tools/ToolCallsPanel.h"
#include "tools/ToolSet.h"
#include "ui/conversation/TabFixture.h"

#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace md;
using md::test::FakeScript;

namespace {
FakeScript toolCalls(const QList<FakeScript::ToolCallSpec> &calls)
{
    FakeScript script;
    script.kind = FakeScript::Kind::ToolCalls;
    script.toolCalls = calls;
    return script;
}

FakeScript text(const QString &answer)
{
    FakeScript script;
    script.text = answer;
    script.tokens = 4;
    return script;
}

ToolSpec commandTool(const QString &name, const QString &command, int timeoutMs)
{
    ToolSpec tool;
    tool.definition.name = name;
    tool.definition.parameters = {{QStringLiteral("type"), QStringLiteral("object")}};
    tool.responder.kind = ToolResponder::Kind::Command;
    tool.responder.command = command;
    tool.responder.commandAllowed = true;
    tool.responder.timeoutMs = timeoutMs;
    return tool;
}

QJsonArray messagesOf(const QJsonObject &body)
{
    return body.value(QStringLiteral("messages")).toArray();
}
} // namespace

// Function calling in a conversation tab against FakeMistral: rounds of parallel calls answered by
// fixed answers and local commands, commands that time out or print something else than JSON, and
// results typed by the user.
class TestToolConversation : public QObject {
    Q_OBJECT
private:
    TabFixture m_fixture;

    std::unique_ptr<ConversationTab> makeTab(const QList<ToolSpec> &tools)
    {
        auto tab = std::make_unique<ConversationTab>(m_fixture.services());
        tab->resize(1100, 800);
        tab->show();
        ChatParameters parameters = tab->parameters();
        parameters.tools = tools;
        tab->setParameters(parameters);
        return tab;
    }

    QList<QJsonObject> bodies() const
    {
        QList<QJsonObject> out;
        for (const test::FakeRequest &request : m_fixture.fake->requests()) {
            if (request.path.endsWith("/chat/completions"))
                out.append(request.json());
        }
        return out;
    }

    static bool lastAnswerIs(ConversationTab *tab, const QString &content)
    {
        ConversationModel *c = tab->conversation();
        return !tab->isBusy() && c->rowCount() > 0 && c->entry(c->rowCount() - 1).message.content == content
            && c->entry(c->rowCount() - 1).state == ChatEntry::State::Done;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ToolConversation"));
        QVERIFY(m_fixture.start());
        QVERIFY(m_fixture.loadModelCards());
    }

    void init()
    {
        m_fixture.fake->clearScripts();
        m_fixture.fake->clearRequests();
    }

    void toolsChoiceAndParallelAreSent()
    {
        QList<ToolSpec> tools = ToolSet::examples();
        tools[2].enabled = false;
        auto tab = makeTab(tools);
        ChatParameters parameters = tab->parameters();
        parameters.toolChoice = ToolChoice::function(QStringLiteral("calculate"));
        parameters.parallelToolCalls = false;
        tab->setParameters(parameters);
        m_fixture.fake->enqueue(text(QStringLiteral("ok")));
        tab->composer()->setText(QStringLiteral("What is 2+2?"));
        tab->send();
        QVERIFY(QTest::qWaitFor([&] { return lastAnswerIs(tab.get(), QStringLiteral("ok")); }, 10000));
        const QJsonObject body = bodies().constLast();
        const QJsonArray sent = body.value(QStringLiteral("tools")).toArray();
        QCOMPARE(sent.size(), 2); // the switched-off tool is not offered
        QCOMPARE(sent.at(1).toObject().value(QStringLiteral("function")).toObject().value(QStringLiteral("name")),
                 QStringLiteral("calculate"));
        QVERIFY(!sent.at(0).toObject().contains(QStringLiteral("x-mistral-desk"))); // ours stays home
        QCOMPARE(body.value(QStringLiteral("tool_choice"))
                     .toObject()
                     .value(QStringLiteral("function"))
                     .toObject()
                     .value(QStringLiteral("name")),
                 QStringLiteral("calculate"));
        QCOMPARE(body.value(QStringLiteral("parallel_tool_calls")), QJsonValue(false));
        QVERIFY(tab->toolCallsPanel()->isHidden());
    }

    void twoRoundsWithParallelCallsContinueByThemselves()
    {
        QList<ToolSpec> tools = ToolSet::examples(); // get_weather answers with a fixed JSON
        tools[1] = commandTool(QStringLiteral("calculate"),
                               QStringLiteral("printf '{\"result\": 42, \"got\": %s}' \"$(cat)\""), 5000);
        auto tab = makeTab(tools);
        m_fixture.fake->enqueue(toolCalls(
            {{QStringLiteral("wthrParis"), QStringLiteral("get_weather"), QStringLiteral("{\"city\": \"Paris\"}")},
             {QStringLiteral("wthrLondn"), QStringLiteral("get_weather"),
              QStringLiteral("{\"city\": \"London\", \"unit\": \"celsius\"}")}}));
        m_fixture.fake->enqueue(toolCalls(
            {{QStringLiteral("calc00001"), QStringLiteral("calculate"), QStringLiteral("{\"expression\": \"6*7\"}")}}));
        m_fixture.fake->enqueue(text(QStringLiteral("18 °C in both; 6*7 = 42.")));

        tab->composer()->setText(QStringLiteral("Weather in Paris and London, and 6*7?"));
        tab->send();
        QVERIFY(QTest::qWaitFor([&] { return lastAnswerIs(tab.get(), QStringLiteral("18 °C in both; 6*7 = 42.")); },
                                15000));

        const QList<QJsonObject> sent = bodies();
        QCOMPARE(sent.size(), 3);
        // Round 1's results follow the answer that called, in the order of its calls.
        const QJsonArray second = messagesOf(sent[1]);
        QCOMPARE(second.size(), 4);
        QCOMPARE(second[1].toObject().value(QStringLiteral("tool_calls")).toArray().size(), 2);
        QCOMPARE(second[2].toObject().value(QStringLiteral("role")), QStringLiteral("tool"));
        QCOMPARE(second[2].toObject().value(QStringLiteral("tool_call_id")), QStringLiteral("wthrParis"));
        QCOMPARE(second[2].toObject().value(QStringLiteral("name")), QStringLiteral("get_weather"));
        QVERIFY(
            second[2].toObject().value(QStringLiteral("content")).toString().contains(QStringLiteral("light rain")));
        QCOMPARE(second[3].toObject().value(QStringLiteral("tool_call_id")), QStringLiteral("wthrLondn"));
        // Round 2: the command got the arguments on stdin.
        const QJsonArray third = messagesOf(sent[2]);
        QCOMPARE(third.size(), 6);
        QCOMPARE(third[5].toObject().value(QStringLiteral("tool_call_id")), QStringLiteral("calc00001"));
        QCOMPARE(third[5].toObject().value(QStringLiteral("content")),
                 QStringLiteral("{\"result\": 42, \"got\": {\"expression\": \"6*7\"}}"));

        QCOMPARE(tab->conversation()->rowCount(), 7); // you, calls, 2 results, call, result, answer
        QVERIFY(tab->toolCallsPanel()->isHidden());
    }

    void failingCommandsWaitForTheUser()
    {
        const QList<ToolSpec> tools {commandTool(QStringLiteral("slow"), QStringLiteral("sleep 20"), 400),
                                     commandTool(QStringLiteral("broken"), QStringLiteral("echo not-json"), 5000)};
        auto tab = makeTab(tools);
        m_fixture.fake->enqueue(
            toolCalls({{QStringLiteral("slow00001"), QStringLiteral("slow"), QStringLiteral("{}")},
                       {QStringLiteral("brkn00001"), QStringLiteral("broken"), QStringLiteral("{}")}}));
        m_fixture.fake->enqueue(text(QStringLiteral("Thanks.")));
        tab->composer()->setText(QStringLiteral("Run both"));
        tab->send();

        ToolCallsPanel *panel = tab->toolCallsPanel();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return panel->round() && panel->round()->call(0).status == ToolRound::Status::Failed
                    && panel->round()->call(1).status == ToolRound::Status::Failed;
            },
            10000));
        QVERIFY(panel->isVisible());
        QCOMPARE(panel->cards().size(), 2);
        ToolCallCard *slow = panel->cards().at(0);
        ToolCallCard *broken = panel->cards().at(1);
        QVERIFY2(slow->problemLabel()->text().contains(QStringLiteral("did not answer within 0.4 s")),
                 qPrintable(slow->problemLabel()->text()));
        QVERIFY2(broken->problemLabel()->text().contains(QStringLiteral("not JSON")),
                 qPrintable(broken->problemLabel()->text()));
        QCOMPARE(broken->resultEdit()->toPlainText(), QStringLiteral("not-json")); // kept, to fix by hand
        QVERIFY(!panel->sendButton()->isEnabled());
        QTest::qWait(200);
        QCOMPARE(bodies().size(), 1); // nothing went on by itself

        // A message of the user's own is refused while the calls wait.
        QSignalSpy status(tab.get(), &ConversationTab::statusMessage);
        tab->composer()->setText(QStringLiteral("never mind"));
        tab->send();
        QCOMPARE(status.count(), 1);
        QCOMPARE(bodies().size(), 1);
        tab->composer()->clear();

        slow->resultEdit()->setFocus();
        QTest::keyClicks(slow->resultEdit(), QStringLiteral("{\"status\": \"timeout\"}"));
        QVERIFY(!panel->sendButton()->isEnabled());
        broken->resultEdit()->setPlainText(QStringLiteral("{\"text\": \"not-json\"}"));
        QVERIFY(panel->sendButton()->isEnabled());
        QTest::mouseClick(panel->sendButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return lastAnswerIs(tab.get(), QStringLiteral("Thanks.")); }, 10000));

        const QJsonArray messages = messagesOf(bodies().constLast());
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages[2].toObject().value(QStringLiteral("content")), QStringLiteral("{\"status\": \"timeout\"}"));
        QCOMPARE(messages[3].toObject().value(QStringLiteral("content")), QStringLiteral("{\"text\": \"not-json\"}"));
        QVERIFY(panel->isHidden());
    }

    void argumentsThatDoNotFitTheSchemaAreFlagged()
    {
        QList<ToolSpec> tools = ToolSet::examples();
        tools[0].responder.kind = ToolResponder::Kind::Manual;
        auto tab = makeTab(tools);
        m_fixture.fake->enqueue(toolCalls(
            {{QStringLiteral("badArgs01"), QStringLiteral("get_weather"), QStringLiteral("{\"unit\": \"kelvin\"}")}}));
        tab->composer()->setText(QStringLiteral("Weather?"));
        tab->send();
        ToolCallsPanel *panel = tab->toolCallsPanel();
        QVERIFY(QTest::qWaitFor([&] { return !tab->isBusy() && panel->cards().size() == 1; }, 10000));
        ToolCallCard *card = panel->cards().first();
        QVERIFY(card->warningLabel()->isVisible());
        const QString warning = card->warningLabel()->text();
        QVERIFY2(warning.contains(QStringLiteral("unit: must be one of \"celsius\", \"fahrenheit\"")),
                 qPrintable(warning));
        QVERIFY2(warning.contains(QStringLiteral("'city'")), qPrintable(warning));
        QCOMPARE(card->statusLabel()->text(), QStringLiteral("waiting for a result"));
        QVERIFY(!card->runButton()->isVisible()); // manual: nothing to run
    }
};

QTEST_MAIN(TestToolConversation)
#include "tst_ToolConversation.moc"
