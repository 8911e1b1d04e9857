#include "MainWindow.h"
#include "api/MistralClient.h"
#include "chat/ConversationModel.h"
#include "conversation/Composer.h"
#include "conversation/ConversationTab.h"
#include "conversation/ConversationTabs.h"
#include "secrets/MemorySecretStore.h"
#include "store/ConversationStore.h"
#include "support/FakeMistral.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>

using namespace md;

// Issue 5: killing the app with SIGKILL mid-stream loses nothing that was shown more than a second
// earlier, and the next start shows the partial answer marked as interrupted. The app runs as a child
// process of this test (the real MainWindow on its own history database), streams a slow answer from
// FakeMistral in this process, reports on stdout how much of the answer it shows, and is killed.
namespace {

int runChild(const QString &baseUrl)
{
    MistralClient client;
    client.setBaseUrl(QUrl(baseUrl));
    MemorySecretStore secrets;
    MainWindow window(&client, &secrets, nullptr);
    window.show();
    window.startUp(); // MISTRAL_API_KEY is in the environment
    QObject::connect(window.conversations(), &ConversationTabs::callFinished, &window, [] {
        std::printf("finished\n");
        std::fflush(stdout);
    });
    const auto send = [&window](const QString &text) {
        ConversationTab *tab = window.conversations()->currentTab();
        tab->composer()->setText(text);
        tab->send();
        QObject::connect(tab->conversation(), &QAbstractItemModel::dataChanged, tab, [tab] {
            const ConversationModel *model = tab->conversation();
            const ChatEntry &last = model->entry(model->rowCount() - 1);
            std::printf("shown %lld\n", static_cast<long long>(last.message.content.size()));
            std::fflush(stdout);
        });
    };
    // A first question answered in full, then a second one whose answer is killed mid-stream.
    QTimer::singleShot(300, &window, [&] { send(QStringLiteral("first question")); });
    QObject::connect(window.conversations(), &ConversationTabs::callFinished, &window, [&] {
        static bool once = false;
        if (!std::exchange(once, true)) // after a pause in which the parent queues the slow answer
            QTimer::singleShot(1000, &window, [&] { send(QStringLiteral("second question")); });
    });
    return QApplication::exec();
}

} // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT
private slots:
    void sigkillMidStreamLosesNothingShownBeforeTheLastSecond()
    {
        test::FakeMistral fake;
        QVERIFY(fake.listen());
        test::FakeScript quick;
        quick.tokens = 5;
        fake.setDefaultScript(quick); // the model list and the first answer
        test::FakeScript slow;
        slow.tokens = 600;
        slow.tokensPerSecond = 60; // ten seconds of answer: it is killed long before the end

        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("MISTRAL_API_KEY"), fake.apiKey());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        QProcess child;
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), fake.baseUrl()});
        QVERIFY(child.waitForStarted());

        // Read what the child shows; kill it 2.5 s into the second answer.
        QElapsedTimer clock;
        clock.start();
        QList<QPair<qint64, qint64>> shown; // (ms, characters shown), second answer only
        bool firstDone = false;
        qint64 secondStartMs = -1;
        QVERIFY(QTest::qWaitFor(
            [&] {
                while (child.canReadLine()) {
                    const QByteArray line = child.readLine().trimmed();
                    if (line == "finished" && !firstDone) {
                        firstDone = true;
                        fake.enqueue(slow); // the child asks its second question a second later
                    }
                    else if (firstDone && line.startsWith("shown ")) {
                        shown.append({clock.elapsed(), line.mid(6).toLongLong()});
                        if (secondStartMs < 0 && shown.last().second > 0)
                            secondStartMs = clock.elapsed();
                    }
                }
                return secondStartMs >= 0 && clock.elapsed() - secondStartMs > 2500;
            },
            20000));
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        const qint64 killedAtMs = clock.elapsed();
        QVERIFY(child.waitForFinished(5000));

        // What was on screen a second (plus a margin for the pipe) before the kill.
        qint64 mustBeKept = 0;
        for (const auto &[ms, characters] : shown) {
            if (ms <= killedAtMs - 1100)
                mustBeKept = characters;
        }
        QVERIFY2(mustBeKept > 0, "the answer had not started a second before the kill");

        const QString path = home.filePath(QStringLiteral("data/MistralDeskTests/tst_CrashRecovery/history.sqlite"));
        QVERIFY2(QFile::exists(path), qPrintable(path));
        ConversationStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QSqlQuery check(store.database());
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));

        const QList<ConversationSummary> conversations = store.conversations();
        QCOMPARE(conversations.size(), 1);
        const QList<StoredMessage> path2 = store.activePath(conversations.first().id);
        QCOMPARE(path2.size(), 4);
        QCOMPARE(path2.at(0).entry.message.plainText(), QStringLiteral("first question"));
        QCOMPARE(path2.at(1).entry.state, ChatEntry::State::Done); // the older answer, whole
        QVERIFY(!path2.at(1).entry.message.content.isEmpty());
        QCOMPARE(path2.at(2).entry.message.plainText(), QStringLiteral("second question"));
        const ChatEntry &partial = path2.at(3).entry;
        QCOMPARE(partial.state, ChatEntry::State::Interrupted);
        QVERIFY2(partial.message.content.size() >= mustBeKept,
                 qPrintable(QStringLiteral("kept %1 characters, %2 were shown a second before the kill")
                                .arg(partial.message.content.size())
                                .arg(mustBeKept)));
    }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_CrashRecovery"));
    if (argc >= 3 && qstrcmp(argv[1], "--child") == 0)
        return runChild(QString::fromLocal8Bit(argv[2]));
    TestCrashRecovery test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_CrashRecovery.moc"
