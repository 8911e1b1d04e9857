#include "HistoryKeeper.h"
#include "MainWindow.h"
#include "chat/ChatView.h"
#include "chat/ConversationModel.h"
#include "compare/CompareColumn.h"
#include "compare/CompareView.h"
#include "conversation/Composer.h"
#include "conversation/ConversationTab.h"
#include "conversation/ConversationTabs.h"
#include "integration/ClientFixture.h"
#include "secrets/MemorySecretStore.h"
#include "settings/ApiKeyKeeper.h"
#include "settings/KeyField.h"
#include "settings/SettingsDialog.h"
#include "settings/WelcomePage.h"
#include "store/ConversationStore.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace md;

// The whole window against FakeMistral: first run, keys, sending through the menus' shortcuts,
// tabs, compare, and settings applied to the client.
class TestMainWindow : public QObject {
    Q_OBJECT
private:
    ClientFixture m_fixture;

    static bool storedKey(SecretStore &store, QString *out)
    {
        bool done = false;
        store.read(QStringLiteral("api-key"), [&](const SecretResult &result) {
            *out = result.ok() ? result.value : QString();
            done = true;
        });
        return QTest::qWaitFor([&] { return done; }, 3000);
    }

    static bool waitForMain(MainWindow &window)
    {
        return QTest::qWaitFor([&] { return !window.isShowingWelcome(); }, 5000);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_MainWindow"));
        qunsetenv("MISTRAL_API_KEY");
        QVERIFY(m_fixture.start());
    }

    void init()
    {
        QSettings().clear();
        // Each test starts with no history: tabs would otherwise come back from the last one.
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(ConversationStore::defaultPath() + QLatin1String(suffix));
        m_fixture.fake->clearScripts();
        m_fixture.fake->clearRequests();
    }

    void firstRunAsksForAKeyAndSaysPlainlyWhenItIsWrong()
    {
        MemorySecretStore secrets;
        m_fixture.client->setApiKey(QString());
        MainWindow window(m_fixture.client.get(), &secrets, nullptr);
        window.show();
        window.startUp();
        QTRY_VERIFY(window.isShowingWelcome());

        emit window.welcomePage()->keySubmitted(QStringLiteral("not-the-key"), false);
        QTRY_VERIFY2(window.welcomePage()->errorText().contains(QLatin1String("did not accept")),
                     qPrintable(window.welcomePage()->errorText()));
        QVERIFY(window.isShowingWelcome());

        emit window.welcomePage()->keySubmitted(m_fixture.fake->apiKey(), false);
        QVERIFY(waitForMain(window));
        QString stored;
        QVERIFY(storedKey(secrets, &stored));
        QCOMPARE(stored, m_fixture.fake->apiKey());
        QVERIFY(m_fixture.client->hasApiKey());
        // The key never lands in the settings file.
        QSettings settings;
        for (const QString &name : settings.allKeys())
            QVERIFY2(!settings.value(name).toString().contains(m_fixture.fake->apiKey()), qPrintable(name));
    }

    void sendingFromTheKeyboardCountsInTheSessionTotals()
    {
        MemorySecretStore secrets;
        bool written = false;
        secrets.write(QStringLiteral("api-key"), m_fixture.fake->apiKey(),
                      [&](const SecretResult &) { written = true; });
        QTRY_VERIFY(written);
        MainWindow window(m_fixture.client.get(), &secrets, nullptr);
        window.show();
        window.startUp();
        QVERIFY(waitForMain(window));
        ConversationTab *tab = window.conversations()->currentTab();
        tab->composer()->setText(QStringLiteral("Hello from the keyboard"));
        tab->composer()->focusEditor();
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(tab->conversation()->rowCount() == 2 && !tab->isBusy());
        auto *session = window.findChild<QLabel *>(QStringLiteral("sessionLabel"));
        const qint64 tokens = window.sessionTotals().promptTokens + window.sessionTotals().completionTokens;
        QVERIFY(tokens > 0);
        QVERIFY2(session->text().contains(QLocale().toString(tokens)), qPrintable(session->text()));
        auto *call = window.findChild<QLabel *>(QStringLiteral("callLabel"));
        QVERIFY2(call->text().contains(QLatin1String("first token")), qPrintable(call->text()));
    }

    void ctrlTAndCtrlWOpenAndCloseConversations()
    {
        MemorySecretStore secrets;
        MainWindow window(m_fixture.client.get(), &secrets, nullptr);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int before = window.conversations()->count();
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(window.conversations()->count(), before + 1);
        QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(window.conversations()->count(), before);
    }

    void compareSendsOnePromptToEveryColumn()
    {
        MemorySecretStore secrets;
        MainWindow window(m_fixture.client.get(), &secrets, nullptr);
        window.show();
        CompareView *compare = window.compareView();
        QCOMPARE(compare->columnCount(), 2);
        compare->addColumn(compare->column(0)->parameters());
        QCOMPARE(compare->columnCount(), 3);
        compare->composer()->setText(QStringLiteral("Same question for all"));
        compare->sendToAll();
        QVERIFY(compare->isBusy());
        QTRY_VERIFY(!compare->isBusy());
        QCOMPARE(m_fixture.fake->requests().size(), 3);
        for (int i = 0; i < compare->columnCount(); ++i) {
            QCOMPARE(compare->column(i)->conversation()->rowCount(), 2);
            QVERIFY2(compare->column(i)->statsLabel()->text().contains(QLatin1String("first token")),
                     qPrintable(compare->column(i)->statsLabel()->text()));
        }
        QCOMPARE(window.sessionTotals().calls, 3);
    }

    void escStopsAndTheViewRegenerates()
    {
        MemorySecretStore secrets;
        MainWindow window(m_fixture.client.get(), &secrets, nullptr);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ConversationTab *tab = window.conversations()->currentTab();
        test::FakeScript slow;
        slow.tokens = 400;
        slow.tokensPerSecond = 100;
        m_fixture.fake->enqueue(slow);
        tab->composer()->setText(QStringLiteral("Long answer please"));
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(tab->conversation()->rowCount() == 2 && !tab->conversation()->entry(1).message.content.isEmpty());
        QTest::keyClick(&window, Qt::Key_Escape);
        QTRY_VERIFY(!tab->isBusy());
        QCOMPARE(tab->conversation()->entry(1).state, ChatEntry::State::Cancelled);

        // The view's Regenerate action on that answer replaces it with a whole one.
        emit tab->chatView()->regenerateRequested(1);
        QTRY_VERIFY(!tab->isBusy());
        QCOMPARE(tab->conversation()->rowCount(), 2);
        QCOMPARE(tab->conversation()->entry(1).state, ChatEntry::State::Done);
    }

    void settingsDialogRoundTripsThroughTheWindow()
    {
        MemorySecretStore secrets;
        MainWindow window(m_fixture.client.get(), &secrets, nullptr);
        window.show();
        window.openSettings();
        auto *dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        dialog->findChild<QSpinBox *>(QStringLiteral("timeout"))->setValue(90);
        dialog->findChild<KeyField *>(QStringLiteral("keyField"))->setText(QStringLiteral("a-new-key-1234"));
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("settingsButtons"))->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE(m_fixture.client->timeoutMs(), 90000);
        QCOMPARE(AppSettings::load().timeoutSeconds, 90);
        QString stored;
        QTRY_VERIFY(storedKey(secrets, &stored) && stored == QStringLiteral("a-new-key-1234"));
        QTRY_VERIFY(m_fixture.client->hasApiKey());
        m_fixture.client->setApiKey(m_fixture.fake->apiKey());
        m_fixture.client->setTimeoutMs(3000);
    }

    void regenerationsAreBranchesAndForksAreConversations()
    {
        MemorySecretStore secrets;
        MainWindow window(m_fixture.client.get(), &secrets, nullptr);
        window.show();
        ConversationTab *tab = window.conversations()->currentTab();
        test::FakeScript first;
        first.text = QStringLiteral("first answer");
        first.tokens = 2;
        m_fixture.fake->enqueue(first);
        tab->composer()->setText(QStringLiteral("Question"));
        tab->send();
        QTRY_VERIFY(!tab->isBusy());
        QVERIFY(tab->conversationId() != 0);
        emit tab->chatView()->regenerateRequested(1);
        QTRY_VERIFY(!tab->isBusy());
        QCOMPARE(tab->conversation()->branchInfo(1).count, 2);
        QCOMPARE(tab->conversation()->branchInfo(1).index, 2);

        emit tab->chatView()->branchRequested(1, -1);
        QCOMPARE(tab->conversation()->entry(1).message.content, QStringLiteral("first answer"));
        QCOMPARE(tab->conversation()->branchInfo(1).index, 1);

        emit tab->chatView()->forkRequested(0);
        ConversationTab *fork = window.conversations()->currentTab();
        QVERIFY(fork != tab);
        QCOMPARE(fork->conversation()->rowCount(), 1);
        QVERIFY(fork->title().contains(QLatin1String("fork")));
        QCOMPARE(window.history()->store()->conversations().size(), 2);
    }

    void settingsReachTheClient()
    {
        MemorySecretStore secrets;
        MainWindow window(m_fixture.client.get(), &secrets, nullptr);
        AppSettings settings = window.settings();
        settings.timeoutSeconds = 42;
        settings.prices.setPrice(QStringLiteral("my-model"), {1.0, 2.0});
        window.applySettings(settings);
        QCOMPARE(m_fixture.client->timeoutMs(), 42000);
        QVERIFY(window.settings().prices.price(QStringLiteral("my-model")).has_value());
        QCOMPARE(m_fixture.client->baseUrl(), QUrl(m_fixture.fake->baseUrl())); // unchanged URL: untouched
        m_fixture.client->setTimeoutMs(3000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
