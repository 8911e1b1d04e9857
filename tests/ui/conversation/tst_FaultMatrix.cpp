#include "chat/ConversationModel.h"
#include "conversation/Composer.h"
#include "conversation/ConversationTab.h"
#include "store/ConversationStore.h"
#include "ui/conversation/TabFixture.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace md;
using md::test::FakeScript;

namespace {
FakeScript script(FakeScript::Kind kind)
{
    FakeScript s;
    s.kind = kind;
    return s;
}
} // namespace

// The fault matrix, user side: each fault of the network, the server or the disk, and what the
// person at the conversation tab sees. (The client side, through the proxy, is tst_ProxyServer;
// tests/FAULTS.md maps every case to its test.)
class TestFaultMatrix : public QObject {
    Q_OBJECT
private:
    TabFixture m_fixture;

    std::unique_ptr<ConversationTab> send(const QString &text)
    {
        auto tab = std::make_unique<ConversationTab>(m_fixture.services());
        tab->resize(900, 600);
        tab->show();
        tab->composer()->setText(text);
        tab->send();
        return tab;
    }

    static bool idle(ConversationTab *tab)
    {
        return QTest::qWaitFor([tab] { return !tab->isBusy(); }, 15000);
    }

    static const ChatEntry &last(ConversationTab *tab)
    {
        return tab->conversation()->entry(tab->conversation()->rowCount() - 1);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_FaultMatrix"));
        QVERIFY(m_fixture.start());
    }

    void init()
    {
        m_fixture.fake->clearScripts();
        m_fixture.fake->clearRequests();
        m_fixture.client->setBaseUrl(QUrl(m_fixture.fake->baseUrl()));
        m_fixture.client->setTimeoutMs(3000);
    }

    void upstreamRefusesTheConnection()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        m_fixture.client->setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        auto tab = send(QStringLiteral("Hello?"));
        QVERIFY(idle(tab.get()));
        QCOMPARE(tab->conversation()->rowCount(), 2); // the question stays, the empty answer does not
        QCOMPARE(tab->conversation()->entry(0).message.plainText(), QStringLiteral("Hello?"));
        QCOMPARE(last(tab.get()).kind, ChatEntry::Kind::ErrorCard);
        QCOMPARE(last(tab.get()).errorTitle, QStringLiteral("No connection to the server"));
    }

    void resetMidStreamKeepsWhatArrived()
    {
        FakeScript drop = script(FakeScript::Kind::DropMidStream);
        drop.text = QStringLiteral("one two three four five six");
        drop.tokens = 6;
        drop.dropAfterEvents = 3;
        m_fixture.fake->enqueue(drop);
        auto tab = send(QStringLiteral("Count"));
        QVERIFY(idle(tab.get()));
        QCOMPARE(tab->conversation()->rowCount(), 3);
        const ChatEntry &answer = tab->conversation()->entry(1);
        QCOMPARE(answer.state, ChatEntry::State::Failed);
        QVERIFY2(answer.message.plainText().startsWith(QStringLiteral("one two")),
                 qPrintable(answer.message.plainText()));
        QCOMPARE(last(tab.get()).errorTitle, QStringLiteral("The connection broke during the answer"));
    }

    void stallPastTheTimeout()
    {
        m_fixture.client->setTimeoutMs(400);
        for (int i = 0; i < 4; ++i) // the first attempt and every retry hang
            m_fixture.fake->enqueue(script(FakeScript::Kind::Hang));
        auto tab = send(QStringLiteral("Anyone?"));
        QVERIFY(idle(tab.get()));
        QCOMPARE(last(tab.get()).errorTitle, QStringLiteral("The server stopped answering"));
    }

    void rateLimited_data()
    {
        QTest::addColumn<int>("retryAfter");
        QTest::addColumn<int>("expectedWait");
        QTest::newRow("with Retry-After") << 200 << 200; // longer than the app waits by itself: shown
        QTest::newRow("without Retry-After") << -1 << 5; // retried, then a countdown of 5 s
    }
    void rateLimited()
    {
        QFETCH(int, retryAfter);
        QFETCH(int, expectedWait);
        FakeScript limited = script(FakeScript::Kind::RateLimited);
        limited.retryAfterSeconds = retryAfter;
        for (int i = 0; i < 4; ++i)
            m_fixture.fake->enqueue(limited);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        auto tab = send(QStringLiteral("Quick"));
        QVERIFY(idle(tab.get()));
        const ChatEntry &card = last(tab.get());
        QCOMPARE(card.errorTitle, QStringLiteral("Rate limit reached"));
        QCOMPARE(card.httpStatus, 429);
        const qint64 wait = before.secsTo(card.retryAt);
        QVERIFY2(wait >= expectedWait - 1 && wait <= expectedWait + 2, qPrintable(QString::number(wait)));
        m_fixture.fake->clearScripts();
    }

    void malformedEventIsSkippedAndTheAnswerCompletes()
    {
        FakeScript malformed = script(FakeScript::Kind::MalformedSse);
        malformed.text = QStringLiteral("alpha beta gamma delta");
        malformed.tokens = 4;
        m_fixture.fake->enqueue(malformed);
        auto tab = send(QStringLiteral("Words"));
        QVERIFY(idle(tab.get()));
        const ChatEntry &answer = last(tab.get());
        QCOMPARE(answer.kind, ChatEntry::Kind::Message);
        QCOMPARE(answer.state, ChatEntry::State::Done);
        QCOMPARE(answer.message.plainText(), QStringLiteral("alpha beta gamma delta"));
    }

    void serverErrorAfterRetries()
    {
        FakeScript failing = script(FakeScript::Kind::Error);
        failing.errorShape = FakeScript::ErrorShape::ServiceUnavailable;
        for (int i = 0; i < 4; ++i)
            m_fixture.fake->enqueue(failing);
        auto tab = send(QStringLiteral("Up?"));
        QVERIFY(idle(tab.get()));
        QCOMPARE(m_fixture.fake->requests().size(), 4); // tried, and tried again 3 times
        QCOMPARE(last(tab.get()).errorTitle, QStringLiteral("Mistral's servers had a problem"));
        QCOMPARE(last(tab.get()).httpStatus, 503);
    }

    void diskFullWhileSavingLosesNothingSaved()
    {
        QTemporaryDir dir;
        ConversationStore store;
        QString error;
        QVERIFY2(store.open(dir.filePath(QStringLiteral("history.sqlite")), &error), qPrintable(error));
        auto tab = std::make_unique<ConversationTab>(m_fixture.services());
        tab->useStore(&store);
        tab->composer()->setText(QStringLiteral("First question, saved"));
        tab->send();
        QVERIFY(idle(tab.get()));
        tab->saveToStore();
        const qint64 id = tab->conversationId();
        QVERIFY(id != 0);
        const int savedRows = int(store.activePath(id).size());
        QCOMPARE(savedRows, 2);

        // The disk fills up: SQLite may not grow the file by another page (SQLITE_FULL, "database or
        // disk is full", exactly what a full disk gives).
        QSqlQuery pages(store.database());
        QVERIFY(pages.exec(QStringLiteral("PRAGMA page_count")) && pages.next());
        QSqlQuery limit(store.database());
        QVERIFY(limit.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages.value(0).toLongLong())));

        QSignalSpy status(tab.get(), &ConversationTab::statusMessage);
        m_fixture.fake->enqueue([] {
            FakeScript s;
            s.text = QString(20000, QLatin1Char('x')); // more than the pages left
            s.tokens = 50;
            return s;
        }());
        tab->composer()->setText(QString(20000, QLatin1Char('y')));
        tab->send();
        QVERIFY(idle(tab.get()));
        tab->saveToStore();
        QTRY_VERIFY(!status.isEmpty());
        const QString said = status.constLast().constFirst().toString();
        QVERIFY2(said.contains(QStringLiteral("could not be saved")) && said.contains(QStringLiteral("full")),
                 qPrintable(said));
        // The tab still shows everything; what was saved before is whole.
        QCOMPARE(tab->conversation()->rowCount(), 4);
        QSqlQuery check(store.database());
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
        const QList<StoredMessage> path = store.activePath(id);
        QVERIFY2(path.size() >= savedRows,
                 qPrintable(QStringLiteral("%1 rows; %2").arg(path.size()).arg(store.lastError())));
        QCOMPARE(path.first().entry.message.plainText(), QStringLiteral("First question, saved"));

        // Space again: the next message stores what the full disk kept out, in its place.
        QVERIFY(limit.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
        tab->composer()->setText(QStringLiteral("Third"));
        tab->send();
        QVERIFY(idle(tab.get()));
        tab->saveToStore();
        const QList<StoredMessage> all = store.activePath(id);
        QCOMPARE(all.size(), tab->conversation()->rowCount());
        QCOMPARE(all.at(2).entry.message.plainText(), QString(20000, QLatin1Char('y')));
    }
};

QTEST_MAIN(TestFaultMatrix)
#include "tst_FaultMatrix.moc"
