#include "store/ConversationStore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace md;

namespace {

ChatEntry userEntry(const QString &text)
{
    ChatEntry e;
    e.message = ChatMessage::user(text);
    return e;
}

ChatEntry answerEntry(const QString &text, ChatEntry::State state = ChatEntry::State::Done)
{
    ChatEntry e;
    e.message = ChatMessage::assistant(text);
    e.state = state;
    e.model = QStringLiteral("mistral-small-latest");
    return e;
}

// The permission bits as the OS sees them (QFile::Permissions also reports "user" bits).
int modeOf(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st { };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
#else
    Q_UNUSED(path);
    return 0600;
#endif
}

QList<qint64> ids(const QList<StoredMessage> &path)
{
    QList<qint64> out;
    for (const StoredMessage &m : path)
        out << m.id;
    return out;
}

} // namespace

class tst_ConversationStore : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("sub/history.sqlite"));
        QString error;
        QVERIFY2(m_store.open(m_path, &error), qPrintable(error));
    }
    void cleanup() { m_store.close(); }

    void opensWithWalForeignKeysAndOwnerOnlyFiles()
    {
        QVERIFY(m_store.isOpen());
        QSqlQuery q(m_store.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1); // NORMAL
        q.finish();
        QVERIFY(m_store.createConversation(QStringLiteral("x")) > 0); // makes sure -wal exists
        QCOMPARE(modeOf(m_path), 0600);
        // Reopening restricts the side files that now exist too.
        m_store.close();
        QString error;
        QVERIFY2(m_store.open(m_path, &error), qPrintable(error));
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            const QString file = m_path + suffix;
            if (QFile::exists(file))
                QCOMPARE(modeOf(file), 0600);
        }
        QVERIFY(ConversationStore::defaultPath().endsWith(QStringLiteral("/history.sqlite")));
    }

    void conversationCrud()
    {
        QSignalSpy changed(&m_store, &ConversationStore::conversationsChanged);
        QJsonObject params {{QStringLiteral("model"), QStringLiteral("mistral-large-latest")},
                            {QStringLiteral("temperature"), 0.3}};
        const qint64 a = m_store.createConversation(QStringLiteral("First"), params);
        const qint64 b = m_store.createConversation(QStringLiteral("Second"));
        QVERIFY(a > 0 && b > a);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(m_store.parameters(a), params);
        QVERIFY(m_store.renameConversation(a, QStringLiteral("Renamed")));
        QVERIFY(m_store.setParameters(b, {{QStringLiteral("top_p"), 0.9}}));
        QCOMPARE(m_store.parameters(b).value(QStringLiteral("top_p")).toDouble(), 0.9);
        // Newest first, pinned before all.
        QList<ConversationSummary> list = m_store.conversations();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).id, b);
        QVERIFY(m_store.setPinned(a, true));
        list = m_store.conversations();
        QCOMPARE(list.at(0).id, a);
        QCOMPARE(list.at(0).title, QStringLiteral("Renamed"));
        QVERIFY(list.at(0).pinned);
        QCOMPARE(list.at(0).model, QStringLiteral("mistral-large-latest")); // from the parameters
        QCOMPARE(list.at(0).messageCount, 0);
        QVERIFY(changed.count() >= 4);
        QVERIFY(!m_store.renameConversation(9999, QStringLiteral("x")));
        QVERIFY(!m_store.lastError().isEmpty());
        // Title with SQL in it is just text.
        QVERIFY(m_store.renameConversation(b, QStringLiteral("'); DROP TABLE messages; --")));
        QCOMPARE(m_store.conversation(b)->title, QStringLiteral("'); DROP TABLE messages; --"));
    }

    void messagesKeepEverything()
    {
        const qint64 c = m_store.createConversation(QStringLiteral("Full"));
        ChatEntry user;
        user.message.role = ChatMessage::Role::User;
        user.message.chunks = {ContentChunk::fromText(QStringLiteral("What is this?")),
                               ContentChunk::image(QStringLiteral("data:image/png;base64,iVBORw0KGgo="))};
        const qint64 u = m_store.appendMessage(c, 0, user);
        ChatEntry a = answerEntry(QStringLiteral("A cat."));
        a.message.toolCalls
            = {ToolCall {QStringLiteral("abcDEF123"), QStringLiteral("lookup"), QStringLiteral("{\"q\":1}"), 0}};
        a.thinking = QStringLiteral("hmm");
        a.usage = Usage {12, 3, 15};
        a.hasUsage = true;
        a.costUsd = 0.00042;
        a.timeToFirstTokenMs = 120;
        a.durationMs = 900;
        a.tokensPerSecond = 3.3;
        a.finishReason = QStringLiteral("tool_calls");
        const QJsonObject params {{QStringLiteral("temperature"), 0.7}};
        const qint64 r = m_store.appendMessage(c, u, a, params);
        QVERIFY(r > u);
        const QList<StoredMessage> path = m_store.activePath(c);
        QCOMPARE(path.size(), 2);
        QCOMPARE(path.at(0).parentId, 0);
        QCOMPARE(path.at(1).parentId, u);
        QCOMPARE(path.at(1).conversationId, c);
        QCOMPARE(path.at(1).parameters, params);
        QVERIFY(path.at(1).createdAt.isValid());
        ChatEntry expectedUser = user;
        expectedUser.id = quint64(u);
        QCOMPARE(path.at(0).entry, expectedUser);
        ChatEntry expected = a;
        expected.id = quint64(r);
        QCOMPARE(path.at(1).entry, expected);
        QCOMPARE(m_store.conversation(c)->messageCount, 2);
        QCOMPARE(m_store.conversation(c)->model, QStringLiteral("mistral-small-latest"));
        // A parent of another conversation is refused.
        const qint64 other = m_store.createConversation(QStringLiteral("Other"));
        QCOMPARE(m_store.appendMessage(other, u, userEntry(QStringLiteral("x"))), 0);
        QVERIFY(!m_store.lastError().isEmpty());
    }

    void streamingUpdatesAndInterruptedOnReopen()
    {
        const qint64 c = m_store.createConversation(QStringLiteral("Stream"));
        const qint64 u = m_store.appendMessage(c, 0, userEntry(QStringLiteral("Tell me")));
        ChatEntry a = answerEntry(QString(), ChatEntry::State::Streaming);
        const qint64 r = m_store.appendMessage(c, u, a);
        for (int i = 0; i < 50; ++i) {
            a.message.content += QStringLiteral("word%1 ").arg(i);
            QVERIFY(m_store.updateMessage(r, a));
        }
        QCOMPARE(m_store.message(r)->entry.state, ChatEntry::State::Streaming);
        QCOMPARE(m_store.message(r)->entry.message.content, a.message.content);
        QVERIFY(!m_store.updateMessage(123456, a));
        // The app "dies" while streaming: reopening marks the message, keeping its text.
        m_store.close();
        QString error;
        QVERIFY2(m_store.open(m_path, &error), qPrintable(error));
        const StoredMessage m = *m_store.message(r);
        QCOMPARE(m.entry.state, ChatEntry::State::Interrupted);
        QCOMPARE(m.entry.message.content, a.message.content);
        QCOMPARE(m_store.message(u)->entry.state, ChatEntry::State::Done);
    }

    void treeBranchesAndSelectBranch()
    {
        const qint64 c = m_store.createConversation(QStringLiteral("Tree"));
        const qint64 u1 = m_store.appendMessage(c, 0, userEntry(QStringLiteral("q1")));
        const qint64 a1 = m_store.appendMessage(c, u1, answerEntry(QStringLiteral("a1")));
        const qint64 a1b = m_store.appendMessage(c, u1, answerEntry(QStringLiteral("a1 regenerated")));
        QCOMPARE(ids(m_store.activePath(c)), (QList<qint64> {u1, a1b}));
        QCOMPARE(m_store.siblings(a1), (QList<qint64> {a1, a1b}));
        QCOMPARE(m_store.siblings(a1b), (QList<qint64> {a1, a1b}));
        const qint64 u2 = m_store.appendMessage(c, a1, userEntry(QStringLiteral("q2 on first answer")));
        const qint64 a2 = m_store.appendMessage(c, u2, answerEntry(QStringLiteral("a2")));
        QCOMPARE(ids(m_store.activePath(c)), (QList<qint64> {u1, a1, u2, a2}));
        QCOMPARE(m_store.conversation(c)->messageCount, 4);
        // An edit of the first message is a sibling root.
        const qint64 u1b = m_store.appendMessage(c, 0, userEntry(QStringLiteral("q1 edited")));
        QCOMPARE(m_store.siblings(u1), (QList<qint64> {u1, u1b}));
        QCOMPARE(ids(m_store.activePath(c)), (QList<qint64> {u1b}));
        // The same tree in one query, as the chat tab reads it for the branch switcher.
        const QHash<qint64, QList<qint64>> children = m_store.childrenByParent(c);
        QCOMPARE(children.value(0), (QList<qint64> {u1, u1b}));
        QCOMPARE(children.value(u1), (QList<qint64> {a1, a1b}));
        QCOMPARE(children.value(a1), (QList<qint64> {u2}));
        QCOMPARE(children.size(), 4);
        // Selecting a branch goes to its newest deepest descendant.
        QVERIFY(m_store.selectBranch(u1));
        QCOMPARE(ids(m_store.activePath(c)), (QList<qint64> {u1, a1, u2, a2}));
        QVERIFY(m_store.selectBranch(a1b));
        QCOMPARE(ids(m_store.activePath(c)), (QList<qint64> {u1, a1b}));
        QCOMPARE(ids(m_store.pathTo(u2)), (QList<qint64> {u1, a1, u2}));
        QVERIFY(!m_store.selectBranch(987654));

        // Deleting the active branch moves the leaf to the newest surviving sibling branch.
        QVERIFY(m_store.selectBranch(a1));
        QVERIFY(m_store.deleteMessage(a1));
        QVERIFY(!m_store.message(a1));
        QVERIFY(!m_store.message(u2)); // descendants go too
        QVERIFY(!m_store.message(a2));
        QCOMPARE(ids(m_store.activePath(c)), (QList<qint64> {u1, a1b}));
        // Deleting a root that holds the leaf moves it to another root's branch.
        QVERIFY(m_store.deleteMessage(u1));
        QCOMPARE(ids(m_store.activePath(c)), (QList<qint64> {u1b}));
        QVERIFY(m_store.deleteMessage(u1b));
        QVERIFY(m_store.activePath(c).isEmpty());
        QCOMPARE(m_store.conversation(c)->messageCount, 0);
        QSqlQuery q(m_store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM messages")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void forkAndDuplicate()
    {
        const qint64 c
            = m_store.createConversation(QStringLiteral("Source"), {{QStringLiteral("model"), QStringLiteral("m")}});
        const qint64 u1 = m_store.appendMessage(c, 0, userEntry(QStringLiteral("q1")));
        const qint64 a1 = m_store.appendMessage(c, u1, answerEntry(QStringLiteral("a1")));
        const qint64 a1b = m_store.appendMessage(c, u1, answerEntry(QStringLiteral("a1b")));
        const qint64 u2 = m_store.appendMessage(c, a1b, userEntry(QStringLiteral("q2")));
        QVERIFY(m_store.selectBranch(a1));

        const qint64 fork = m_store.forkConversation(a1b);
        QVERIFY(fork > 0 && fork != c);
        const ConversationSummary f = *m_store.conversation(fork);
        QCOMPARE(f.forkedFromMessage, a1b);
        QCOMPARE(f.title, QStringLiteral("Source"));
        QCOMPARE(m_store.parameters(fork), m_store.parameters(c));
        const QList<StoredMessage> forkPath = m_store.activePath(fork);
        QCOMPARE(forkPath.size(), 2);
        QCOMPARE(forkPath.at(0).entry.message.content, QStringLiteral("q1"));
        QCOMPARE(forkPath.at(1).entry.message.content, QStringLiteral("a1b"));
        QVERIFY(forkPath.at(0).id != u1);
        QCOMPARE(forkPath.at(1).parentId, forkPath.at(0).id);
        QCOMPARE(m_store.siblings(forkPath.at(1).id).size(), 1); // only the path is copied

        const qint64 dup = m_store.duplicateConversation(c);
        QVERIFY(dup > 0);
        const ConversationSummary d = *m_store.conversation(dup);
        QVERIFY(d.title.contains(QStringLiteral("Source")));
        QCOMPARE(d.forkedFromMessage, 0);
        // The whole tree, with the same active branch, under new ids.
        const QList<StoredMessage> dupPath = m_store.activePath(dup);
        QCOMPARE(dupPath.size(), 2);
        QCOMPARE(dupPath.at(1).entry.message.content, QStringLiteral("a1"));
        QCOMPARE(m_store.siblings(dupPath.at(1).id).size(), 2);
        QSqlQuery q(m_store.database());
        q.prepare(QStringLiteral("SELECT count(*) FROM messages WHERE conversation_id = ?"));
        q.addBindValue(dup);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
        Q_UNUSED(u2);
        QCOMPARE(m_store.forkConversation(424242), 0);
    }

    void softDeleteUndoAndPurge()
    {
        const qint64 a = m_store.createConversation(QStringLiteral("Keep"));
        const qint64 b = m_store.createConversation(QStringLiteral("Bin"));
        const qint64 m = m_store.appendMessage(b, 0, userEntry(QStringLiteral("findme")));
        QVERIFY(m_store.setOpenTabs({a, b}, 1));
        QVERIFY(m_store.deleteConversation(b));
        QCOMPARE(m_store.conversations().size(), 1);
        QVERIFY(m_store.conversation(b)->deleted);
        QVERIFY(m_store.search(QStringLiteral("findme")).isEmpty());
        int current = 0;
        QCOMPARE(m_store.openTabs(&current), (QList<qint64> {a}));
        QCOMPARE(current, -1);
        QVERIFY(m_store.restoreConversation(b));
        QCOMPARE(m_store.conversations().size(), 2);
        QCOMPARE(m_store.search(QStringLiteral("findme")).size(), 1);
        QCOMPARE(m_store.openTabs(&current), (QList<qint64> {a, b}));
        QCOMPARE(current, 1);
        QVERIFY(m_store.deleteConversation(b));
        QCOMPARE(m_store.purgeDeleted(), 1);
        QVERIFY(!m_store.conversation(b));
        QVERIFY(!m_store.message(m));
        QVERIFY(!m_store.restoreConversation(b));
        QCOMPARE(m_store.openTabs(), (QList<qint64> {a}));
        QCOMPARE(m_store.purgeDeleted(), 0);
        QCOMPARE(m_store.conversations().size(), 1);
    }

    void openTabsAndPresets()
    {
        const qint64 a = m_store.createConversation(QStringLiteral("A"));
        const qint64 b = m_store.createConversation(QStringLiteral("B"));
        const qint64 c = m_store.createConversation(QStringLiteral("C"));
        QVERIFY(m_store.setOpenTabs({c, a, b}, 2));
        m_store.close();
        QString error;
        QVERIFY(m_store.open(m_path, &error));
        int current = -5;
        QCOMPARE(m_store.openTabs(&current), (QList<qint64> {c, a, b}));
        QCOMPARE(current, 2);
        QVERIFY(m_store.setOpenTabs({}, -1));
        QVERIFY(m_store.openTabs(&current).isEmpty());
        QCOMPARE(current, -1);

        const QJsonObject precise {{QStringLiteral("temperature"), 0.0}, {QStringLiteral("max_tokens"), 200}};
        QVERIFY(m_store.savePreset(QStringLiteral("Precise"), precise));
        QVERIFY(m_store.savePreset(QStringLiteral("Creative"), {{QStringLiteral("temperature"), 1.2}}));
        QVERIFY(m_store.savePreset(QStringLiteral("Creative"), {{QStringLiteral("temperature"), 1.1}}));
        QVERIFY(!m_store.savePreset(QStringLiteral("  "), precise));
        const QMap<QString, QJsonObject> presets = m_store.presets();
        QCOMPARE(presets.size(), 2);
        QCOMPARE(presets.value(QStringLiteral("Precise")), precise);
        QCOMPARE(presets.value(QStringLiteral("Creative")).value(QStringLiteral("temperature")).toDouble(), 1.1);
        QVERIFY(m_store.removePreset(QStringLiteral("Precise")));
        QVERIFY(!m_store.removePreset(QStringLiteral("Precise")));
        QCOMPARE(m_store.presets().keys(), QStringList {QStringLiteral("Creative")});
    }

    void readOnlyFileIsRefusedClearly()
    {
        m_store.close();
        QVERIFY(QFile::setPermissions(m_path, QFile::ReadOwner));
        if (QFileInfo(m_path).isWritable()) {
            QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
            QSKIP("running as root: file permissions do not bind (see readOnlyDatabaseFailsWritesClearly)");
        }
        QString error;
        QVERIFY(!m_store.open(m_path, &error));
        QVERIFY2(error.contains(QStringLiteral("read-only")), qPrintable(error));
        QCOMPARE(m_store.lastError(), error);
        QVERIFY(!m_store.isOpen());
        QVERIFY(QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(m_store.open(m_path, &error));
    }

    // Whatever makes the file read-only after it was opened, a write says so and nothing crashes.
    void readOnlyDatabaseFailsWritesClearly()
    {
        const qint64 c = m_store.createConversation(QStringLiteral("Before"));
        QSqlQuery q(m_store.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA query_only = ON")));
        QCOMPARE(m_store.createConversation(QStringLiteral("x")), 0);
        QVERIFY2(m_store.lastError().contains(QStringLiteral("cannot be written")), qPrintable(m_store.lastError()));
        QCOMPARE(m_store.appendMessage(c, 0, userEntry(QStringLiteral("x"))), 0);
        QVERIFY(!m_store.renameConversation(c, QStringLiteral("y")));
        QVERIFY(!m_store.setOpenTabs({c}, 0));
        QCOMPARE(m_store.conversations().size(), 1); // reads still work
        QCOMPARE(m_store.conversation(c)->title, QStringLiteral("Before"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA query_only = OFF")));
        QVERIFY(m_store.appendMessage(c, 0, userEntry(QStringLiteral("x"))) > 0);
    }

    // A full disk, simulated by capping the file's size: the write fails with a sentence saying so,
    // and what was saved before is intact.
    void fullDiskFailsWritesClearly()
    {
        const qint64 c = m_store.createConversation(QStringLiteral("Full disk"));
        const qint64 u = m_store.appendMessage(c, 0, userEntry(QStringLiteral("short")));
        QSqlQuery q(m_store.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
        const qint64 pages = q.value(0).toLongLong();
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
        const QString big = QString(QLatin1Char('x')).repeated(200000);
        QCOMPARE(m_store.appendMessage(c, u, answerEntry(big)), 0);
        QVERIFY2(m_store.lastError().contains(QStringLiteral("disk is full")), qPrintable(m_store.lastError()));
        QCOMPARE(ids(m_store.activePath(c)), QList<qint64> {u});
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
        QVERIFY(m_store.appendMessage(c, u, answerEntry(big)) > 0);
    }

    void signalsSayWhatChanged()
    {
        QSignalSpy list(&m_store, &ConversationStore::conversationsChanged);
        QSignalSpy updated(&m_store, &ConversationStore::conversationUpdated);
        const qint64 c = m_store.createConversation(QStringLiteral("s"));
        QCOMPARE(list.count(), 1);
        const qint64 u = m_store.appendMessage(c, 0, userEntry(QStringLiteral("q")));
        QCOMPARE(updated.count(), 1);
        QCOMPARE(updated.at(0).at(0).toLongLong(), c);
        ChatEntry a = answerEntry(QStringLiteral("a"), ChatEntry::State::Streaming);
        const qint64 r = m_store.appendMessage(c, u, a);
        QCOMPARE(updated.count(), 2);
        QVERIFY(m_store.updateMessage(r, a)); // streaming writes stay quiet
        QCOMPARE(updated.count(), 2);
        a.state = ChatEntry::State::Done;
        QVERIFY(m_store.updateMessage(r, a));
        QCOMPARE(updated.count(), 3);
        QVERIFY(m_store.deleteMessage(r));
        QCOMPARE(updated.count(), 4);
        QCOMPARE(list.count(), 1);
    }

    void closedStoreFailsWithoutCrashing()
    {
        m_store.close();
        QVERIFY(!m_store.isOpen());
        QCOMPARE(m_store.createConversation(QStringLiteral("x")), 0);
        QVERIFY(!m_store.lastError().isEmpty());
        QVERIFY(m_store.conversations().isEmpty());
        QVERIFY(m_store.activePath(1).isEmpty());
        QVERIFY(m_store.search(QStringLiteral("x")).isEmpty());
        QVERIFY(!m_store.updateMessage(1, userEntry(QStringLiteral("x"))));
    }

    void corruptAndForeignFilesAreRefusedUnchanged()
    {
        m_store.close();
        const QString corrupt = m_dir->filePath(QStringLiteral("corrupt.sqlite"));
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray junk = QByteArray("this is not a database at all ").repeated(200);
        f.write(junk);
        f.close();
        QString error;
        QVERIFY(!m_store.open(corrupt, &error));
        QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
        QFile check(corrupt);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), junk);

        // A database of another program is not "migrated" into ours.
        const QString foreign = m_dir->filePath(QStringLiteral("foreign.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(foreign);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE notes (x TEXT)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        QVERIFY(!m_store.open(foreign, &error));
        QVERIFY2(error.contains(QStringLiteral("another program")), qPrintable(error));
    }

    void lockedDatabaseGivesAClearError()
    {
        const qint64 c = m_store.createConversation(QStringLiteral("L"));
        m_store.setBusyTimeout(100);
        m_store.close();
        QString error;
        QVERIFY(m_store.open(m_path, &error));
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            other.setDatabaseName(m_path);
            QVERIFY(other.open());
            QSqlQuery q(other);
            QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
            QCOMPARE(m_store.appendMessage(c, 0, userEntry(QStringLiteral("blocked"))), 0);
            QVERIFY2(m_store.lastError().contains(QStringLiteral("locked")), qPrintable(m_store.lastError()));
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        QVERIFY(m_store.appendMessage(c, 0, userEntry(QStringLiteral("now free"))) > 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    ConversationStore m_store;
};

QTEST_GUILESS_MAIN(tst_ConversationStore)
#include "tst_ConversationStore.moc"
