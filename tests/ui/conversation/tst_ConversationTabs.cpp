#include "chat/ConversationModel.h"
#include "conversation/ConversationTab.h"
#include "conversation/ConversationTabs.h"
#include "ui/conversation/TabFixture.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTest>

using namespace md;

// The row of tabs: new, duplicate, close, reorder, and the set back after a restart.
class TestConversationTabs : public QObject {
    Q_OBJECT
private:
    TabFixture m_fixture;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ConversationTabs"));
        QSettings().clear();
        QVERIFY(m_fixture.start());
    }

    void startsWithOneTabAndNewTabsInheritTheModel()
    {
        ConversationTabs tabs(m_fixture.services());
        tabs.restore();
        QCOMPARE(tabs.count(), 1);
        ChatParameters parameters = tabs.currentTab()->parameters();
        parameters.model = QStringLiteral("codestral-latest");
        parameters.temperature = 0.9;
        tabs.currentTab()->setParameters(parameters);
        ConversationTab *second = tabs.newTab();
        QCOMPARE(tabs.count(), 2);
        QCOMPARE(tabs.currentTab(), second);
        QCOMPARE(second->parameters().model, QStringLiteral("codestral-latest"));
        QCOMPARE(second->parameters().temperature, std::optional<double>(0.9));
        QCOMPARE(second->conversation()->rowCount(), 0);
    }

    void closingTheLastTabLeavesAFreshOne()
    {
        ConversationTabs tabs(m_fixture.services());
        tabs.restore();
        while (tabs.count() > 1)
            tabs.closeTab(0);
        tabs.closeTab(0);
        QCOMPARE(tabs.count(), 1);
        QCOMPARE(tabs.currentTab()->conversation()->rowCount(), 0);
    }

    void duplicateCopiesHistoryAndSettings()
    {
        ConversationTabs tabs(m_fixture.services());
        tabs.restore();
        ConversationTab *source = tabs.currentTab();
        source->setTitle(QStringLiteral("Draft"), true);
        ChatEntry entry;
        entry.message = ChatMessage::user(QStringLiteral("kept"));
        source->conversation()->append(entry);
        tabs.duplicateTab(tabs.indexOf(source));
        ConversationTab *copy = tabs.currentTab();
        QVERIFY(copy != source);
        QCOMPARE(copy->title(), QStringLiteral("Draft (copy)"));
        QCOMPARE(copy->conversation()->rowCount(), 1);
        QCOMPARE(copy->conversation()->entry(0).message.plainText(), QStringLiteral("kept"));
    }

    void tabsComeBackAfterARestartInTheirOrder()
    {
        QSettings().clear();
        {
            ConversationTabs tabs(m_fixture.services());
            tabs.restore();
            tabs.currentTab()->setTitle(QStringLiteral("Alpha"), true);
            tabs.newTab()->setTitle(QStringLiteral("Beta"), true);
            tabs.newTab()->setTitle(QStringLiteral("Gamma"), true);
            ChatEntry entry;
            entry.message = ChatMessage::user(QStringLiteral("in gamma"));
            tabs.currentTab()->conversation()->append(entry);
            tabs.tabBar()->moveTab(0, 2); // Beta, Gamma, Alpha
            tabs.setCurrentIndex(1);
        } // destroyed: pending save written
        ConversationTabs restored(m_fixture.services());
        restored.restore();
        QCOMPARE(restored.count(), 3);
        QCOMPARE(restored.tab(0)->title(), QStringLiteral("Beta"));
        QCOMPARE(restored.tab(1)->title(), QStringLiteral("Gamma"));
        QCOMPARE(restored.tab(2)->title(), QStringLiteral("Alpha"));
        QCOMPARE(restored.currentIndex(), 1);
        QCOMPARE(restored.tab(1)->conversation()->rowCount(), 1);
    }

    void aDamagedSavedTabIsSkipped()
    {
        QSettings settings;
        settings.clear();
        settings.setValue(QStringLiteral("conversationTabs/count"), 2);
        settings.setValue(QStringLiteral("conversationTabs/0"), QByteArrayLiteral("{not json"));
        settings.setValue(QStringLiteral("conversationTabs/1"), QByteArrayLiteral("{\"title\":\"Fine\"}"));
        settings.sync();
        ConversationTabs tabs(m_fixture.services());
        tabs.restore();
        QCOMPARE(tabs.count(), 1);
        QCOMPARE(tabs.tab(0)->title(), QStringLiteral("Fine"));
    }
};

QTEST_MAIN(TestConversationTabs)
#include "tst_ConversationTabs.moc"
