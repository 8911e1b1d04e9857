#include "store/ConversationStore.h"
#include "store/HistoryExport.h"
#include "support/ExportWithoutIds.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

namespace {

ChatEntry make(ChatMessage::Role role, const QString &text)
{
    ChatEntry e;
    e.message.role = role;
    e.message.content = text;
    return e;
}

// Row counts of every table the import writes, to prove a refused file changed nothing.
QList<qint64> counts(const ConversationStore &store)
{
    QList<qint64> out;
    QSqlQuery q(store.database());
    for (const char *table : {"conversations", "messages", "message_fts", "title_fts"}) {
        q.exec(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table));
        out << (q.next() ? q.value(0).toLongLong() : -1);
    }
    return out;
}

} // namespace

class tst_HistoryExport : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        QString error;
        QVERIFY2(m_store.open(m_dir->filePath(QStringLiteral("a.sqlite")), &error), qPrintable(error));
        // A conversation with a tree, an image, a tool call, usage and an error card.
        m_rich = m_store.createConversation(
            QStringLiteral("Rich"),
            {{QStringLiteral("model"), QStringLiteral("pixtral-large-latest")}, {QStringLiteral("temperature"), 0.2}});
        ChatEntry user;
        user.message.role = ChatMessage::Role::User;
        m_image = QStringLiteral("data:image/png;base64,") + QString(QLatin1String("QUFB")).repeated(20000);
        user.message.chunks
            = {ContentChunk::fromText(QStringLiteral("Describe this picture")), ContentChunk::image(m_image)};
        const qint64 u = m_store.appendMessage(m_rich, 0, user);
        ChatEntry answer = make(ChatMessage::Role::Assistant,
                                QStringLiteral("It shows code:\n\n```cpp\nint main() { return 0; }\n```\n"));
        answer.model = QStringLiteral("pixtral-large-latest");
        answer.usage = Usage {1200, 40, 1240};
        answer.hasUsage = true;
        answer.costUsd = 0.0031;
        answer.durationMs = 1500;
        answer.finishReason = QStringLiteral("stop");
        m_store.appendMessage(m_rich, u, make(ChatMessage::Role::Assistant, QStringLiteral("first try")));
        const qint64 a = m_store.appendMessage(m_rich, u, answer, {{QStringLiteral("temperature"), 0.2}});
        ChatEntry call = make(ChatMessage::Role::Assistant, QString());
        call.message.toolCalls = {
            ToolCall {QStringLiteral("abcDEF123"), QStringLiteral("get_time"), QStringLiteral("{\"tz\":\"UTC\"}"), 0}};
        const qint64 t = m_store.appendMessage(m_rich, a, call);
        ChatEntry result;
        result.message
            = ChatMessage::toolResult(QStringLiteral("abcDEF123"), QStringLiteral("get_time"), QStringLiteral("12:00"));
        const qint64 r = m_store.appendMessage(m_rich, t, result);
        m_store.appendMessage(
            m_rich, r, ChatEntry::errorCard(QStringLiteral("Server error"), QStringLiteral("Try again later"), 503));
        QVERIFY(m_store.setPinned(m_rich, true));
        m_plain = m_store.createConversation(QStringLiteral("Plain"));
        m_store.appendMessage(m_plain, 0, make(ChatMessage::Role::User, QStringLiteral("hi")));
        m_forkSource = a;
        m_fork = m_store.forkConversation(a);
        QVERIFY(m_fork > 0);
    }
    void cleanup() { m_store.close(); }

    void exportImportExportRoundTrip()
    {
        const QJsonObject first = HistoryExport::exportAll(m_store);
        QCOMPARE(first.value(QStringLiteral("format")).toString(), QStringLiteral("mistral-desk-history"));
        QCOMPARE(first.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(first.value(QStringLiteral("conversations")).toArray().size(), 3);

        ConversationStore fresh;
        QString error;
        QVERIFY(fresh.open(m_dir->filePath(QStringLiteral("b.sqlite")), &error));
        const qint64 existing = fresh.createConversation(QStringLiteral("already there")); // ids differ from the source
        QCOMPARE(HistoryExport::importJson(fresh, QJsonDocument(first).toJson(), &error), 3);
        QCOMPARE(fresh.conversations().size(), 4);
        QVERIFY(fresh.deleteConversation(existing));
        QVERIFY(fresh.purgeDeleted() == 1);
        const QJsonObject second = HistoryExport::exportAll(fresh);
        const QByteArray a = QJsonDocument(test::withoutIds(first)).toJson();
        const QByteArray b = QJsonDocument(test::withoutIds(second)).toJson();
        if (a != b) {
            QFile fa(m_dir->filePath(QStringLiteral("first.json"))), fb(m_dir->filePath(QStringLiteral("second.json")));
            fa.open(QIODevice::WriteOnly);
            fa.write(a);
            fb.open(QIODevice::WriteOnly);
            fb.write(b);
            fa.close();
            fb.close();
            qWarning("diff %s %s", qPrintable(fa.fileName()), qPrintable(fb.fileName()));
            m_dir->setAutoRemove(false);
        }
        QCOMPARE(b, a);
        // The imported fork points at the imported copy of its source.
        const QList<ConversationSummary> list = fresh.conversations();
        bool sawFork = false;
        for (const ConversationSummary &s : list) {
            if (s.forkedFromMessage) {
                sawFork = true;
                QCOMPARE(fresh.message(s.forkedFromMessage)->entry.message.content,
                         m_store.message(m_forkSource)->entry.message.content);
            }
        }
        QVERIFY(sawFork);
        QCOMPARE(fresh.search(QStringLiteral("picture")).size(), 2); // imported text is findable (source and fork)
    }

    void exportOneConversation()
    {
        const QJsonObject one = HistoryExport::exportConversation(m_store, m_plain);
        const QJsonArray list = one.value(QStringLiteral("conversations")).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("title")).toString(), QStringLiteral("Plain"));
        QCOMPARE(
            HistoryExport::exportConversation(m_store, 9999).value(QStringLiteral("conversations")).toArray().size(),
            0);
    }

    void markdownIsReadable()
    {
        const QString md = HistoryExport::toMarkdown(m_store, m_rich);
        QVERIFY(md.startsWith(QStringLiteral("# Rich\n")));
        QVERIFY(md.contains(QStringLiteral("## User")));
        QVERIFY(md.contains(QStringLiteral("## Assistant · pixtral-large-latest")));
        QVERIFY(md.contains(QStringLiteral("```cpp\nint main() { return 0; }\n```")));
        QVERIFY(md.contains(QStringLiteral("Describe this picture")));
        QVERIFY2(md.contains(QStringLiteral("*[image: image/png, ")), qPrintable(md.left(600)));
        QVERIFY(!md.contains(QStringLiteral("QUFBQUFB"))); // no base64
        QVERIFY(md.size() < 4000);
        QVERIFY(md.contains(QStringLiteral("Tool call `get_time`")));
        QVERIFY(md.contains(QStringLiteral("\"tz\": \"UTC\"")));
        QVERIFY(md.contains(QStringLiteral("## Tool · `get_time`")));
        QVERIFY(md.contains(QStringLiteral("> **Server error**")));
        QVERIFY(!md.contains(QStringLiteral("first try"))); // only the active path
        QVERIFY(HistoryExport::toMarkdown(m_store, 9999).isEmpty());
    }

    void refusedFilesChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << QByteArray("{\"format\": ") << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("not a Mistral Desk history");
        QTest::newRow("wrong format") << QByteArray(R"({"format":"chatgpt","version":1,"conversations":[]})")
                                      << QStringLiteral("\"format\"");
        QTest::newRow("no version") << QByteArray(R"({"format":"mistral-desk-history","conversations":[]})")
                                    << QStringLiteral("version");
        QTest::newRow("newer version") << QByteArray(
            R"({"format":"mistral-desk-history","version":2,"conversations":[]})")
                                       << QStringLiteral("newer");
        QTest::newRow("no conversations")
            << QByteArray(R"({"format":"mistral-desk-history","version":1})") << QStringLiteral("\"conversations\"");
        QTest::newRow("no title") << QByteArray(
            R"({"format":"mistral-desk-history","version":1,"conversations":[{"messages":[]}]})")
                                  << QStringLiteral("title");
        QTest::newRow("bad parent") << QByteArray(
            R"({"format":"mistral-desk-history","version":1,"conversations":[{"title":"ok","messages":[]},)"
            R"({"title":"t","messages":[{"id":"1","parent":"9","entry":{"message":{"role":"user","content":"x"}}}]}]})")
                                    << QStringLiteral("Message 1 of conversation 2");
        QTest::newRow("no role") << QByteArray(
            R"({"format":"mistral-desk-history","version":1,"conversations":[{"title":"t","messages":[{"id":"1","entry":{}}]}]})")
                                 << QStringLiteral("role");
        QTest::newRow("duplicate id") << QByteArray(
            R"({"format":"mistral-desk-history","version":1,"conversations":[{"title":"t","messages":[)"
            R"({"id":"1","entry":{"message":{"role":"user"}}},{"id":"1","entry":{"message":{"role":"user"}}}]}]})")
                                      << QStringLiteral("repeats");
    }
    void refusedFilesChangeNothing()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        const QList<qint64> before = counts(m_store);
        QString error;
        QCOMPARE(HistoryExport::importJson(m_store, json, &error), -1);
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY(error.endsWith(QLatin1Char('.')));
        QCOMPARE(counts(m_store), before);
    }

    // A failure in the middle of writing (here: the database turned read-only) rolls everything back.
    void failureMidImportRollsBack()
    {
        const QByteArray json = QJsonDocument(HistoryExport::exportAll(m_store)).toJson();
        const QList<qint64> before = counts(m_store);
        QSqlQuery q(m_store.database());
        // Lets the first conversation in, then refuses messages of the second.
        QVERIFY(q.exec(QStringLiteral("CREATE TEMP TRIGGER refuse_second BEFORE INSERT ON messages"
                                      " WHEN (SELECT count(DISTINCT conversation_id) FROM messages WHERE id > 0) > 3 "
                                      "AND NEW.conversation_id NOT IN (SELECT conversation_id FROM messages)"
                                      " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")));
        QString error;
        QCOMPARE(HistoryExport::importJson(m_store, json, &error), -1);
        QVERIFY(!error.isEmpty());
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER refuse_second")));
        QCOMPARE(counts(m_store), before);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ConversationStore m_store;
    qint64 m_rich = 0, m_plain = 0, m_fork = 0, m_forkSource = 0;
    QString m_image;
};

QTEST_GUILESS_MAIN(tst_HistoryExport)
#include "tst_HistoryExport.moc"
