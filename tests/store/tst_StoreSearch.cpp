#include "store/ConversationStore.h"
#include "store/FtsQuery.h"

#include <QTemporaryDir>
#include <QTest>

using namespace md;

namespace {

ChatEntry entry(ChatMessage::Role role, const QString &text, ChatEntry::State state = ChatEntry::State::Done)
{
    ChatEntry e;
    e.message.role = role;
    e.message.content = text;
    e.state = state;
    return e;
}

const QChar kOpen(0x02);
const QChar kClose(0x03);

} // namespace

class tst_StoreSearch : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        QString error;
        QVERIFY2(m_store.open(m_dir->filePath(QStringLiteral("h.sqlite")), &error), qPrintable(error));
    }
    void cleanup() { m_store.close(); }

    void sanitisesWhatUsersType_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("query");
        QTest::newRow("word") << QStringLiteral("hello") << QStringLiteral("\"hello\"*");
        QTest::newRow("finished word") << QStringLiteral("hello ") << QStringLiteral("\"hello\"");
        QTest::newRow("two words") << QStringLiteral("red fox") << QStringLiteral("\"red\" \"fox\"*");
        QTest::newRow("phrase") << QStringLiteral("\"red fox\"") << QStringLiteral("\"red fox\"");
        QTest::newRow("open phrase") << QStringLiteral("\"red fo") << QStringLiteral("\"red fo\"");
        QTest::newRow("lone quote") << QStringLiteral("\"") << QString();
        QTest::newRow("operators") << QStringLiteral("AND( OR NOT") << QStringLiteral("\"AND\" \"OR\" \"NOT\"*");
        QTest::newRow("punctuation") << QStringLiteral("std::vector<int>") << QStringLiteral("\"std vector int\"*");
        QTest::newRow("star and minus") << QStringLiteral("* -x NEAR(a b)") << QStringLiteral("\"x\" \"NEAR a\" \"b\"");
        QTest::newRow("one letter is no prefix") << QStringLiteral("a") << QStringLiteral("\"a\"");
        QTest::newRow("empty") << QStringLiteral("   ") << QString();
    }
    void sanitisesWhatUsersType()
    {
        QFETCH(QString, typed);
        QFETCH(QString, query);
        QCOMPARE(FtsQuery::fromUserText(typed), query);
    }

    void findsMessagesWithMarkedSnippets()
    {
        const qint64 c = m_store.createConversation(QStringLiteral("Gardening"));
        const qint64 u = m_store.appendMessage(
            c, 0, entry(ChatMessage::Role::User, QStringLiteral("When should I prune the apple tree?")));
        m_store.appendMessage(
            c, u,
            entry(ChatMessage::Role::Assistant, QStringLiteral("Prune apple trees in late winter, before buds.")));
        const QList<SearchHit> hits = m_store.search(QStringLiteral("prune"));
        QCOMPARE(hits.size(), 2);
        for (const SearchHit &h : hits) {
            QCOMPARE(h.conversationId, c);
            QCOMPARE(h.title, QStringLiteral("Gardening"));
            QVERIFY2(h.snippet.contains(kOpen + QStringLiteral("prune"), Qt::CaseInsensitive), qPrintable(h.snippet));
            QVERIFY(h.snippet.contains(kClose));
            QVERIFY(h.messageId > 0);
        }
        // Prefix while typing, diacritics folded, case ignored.
        QCOMPARE(m_store.search(QStringLiteral("APPL")).size(), 2);
        m_store.appendMessage(c, 0, entry(ChatMessage::Role::User, QStringLiteral("Un café crème")));
        QCOMPARE(m_store.search(QStringLiteral("cafe creme")).size(), 1);
        QCOMPARE(m_store.search(QStringLiteral("\"late winter\"")).size(), 1);
        QCOMPARE(m_store.search(QStringLiteral("\"winter late\"")).size(), 0);
        QCOMPARE(m_store.search(QStringLiteral("prune"), 1).size(), 1);
    }

    void syntaxErrorsNeverFail_data()
    {
        QTest::addColumn<QString>("typed");
        for (const char *s : {"\"", "AND(", "OR", "a AND", "(((", "*", "NEAR(", "x:y", "\"unclosed phrase", "-", "^a",
                              "col:apple", "apple\"", "'", "\\", "{a b}", "+apple"})
            QTest::newRow(s) << QString::fromUtf8(s);
    }
    void syntaxErrorsNeverFail()
    {
        QFETCH(QString, typed);
        const qint64 c = m_store.createConversation(QStringLiteral("t"));
        m_store.appendMessage(c, 0, entry(ChatMessage::Role::User, QStringLiteral("apple and pear")));
        m_store.search(typed);
        QVERIFY2(m_store.lastError().isEmpty(), qPrintable(m_store.lastError()));
    }

    void titlesAreFoundFirst()
    {
        const qint64 a = m_store.createConversation(QStringLiteral("Quarterly budget"));
        const qint64 b = m_store.createConversation(QStringLiteral("Other"));
        m_store.appendMessage(b, 0, entry(ChatMessage::Role::User, QStringLiteral("the budget is tight")));
        const QList<SearchHit> hits = m_store.search(QStringLiteral("budget"));
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits.at(0).conversationId, a);
        QCOMPARE(hits.at(0).messageId, 0);
        QCOMPARE(hits.at(0).snippet, QStringLiteral("Quarterly ") + kOpen + QStringLiteral("budget") + kClose);
        QCOMPARE(hits.at(1).conversationId, b);
        QVERIFY(m_store.renameConversation(a, QStringLiteral("Annual plan")));
        QCOMPARE(m_store.search(QStringLiteral("budget")).size(), 1);
        QCOMPARE(m_store.search(QStringLiteral("annual")).value(0).conversationId, a);
    }

    void newestFirstWithinEqualRank()
    {
        const qint64 c1 = m_store.createConversation(QStringLiteral("one"));
        const qint64 c2 = m_store.createConversation(QStringLiteral("two"));
        const qint64 older
            = m_store.appendMessage(c1, 0, entry(ChatMessage::Role::User, QStringLiteral("zebra facts")));
        const qint64 newer
            = m_store.appendMessage(c2, 0, entry(ChatMessage::Role::User, QStringLiteral("zebra facts")));
        const QList<SearchHit> hits = m_store.search(QStringLiteral("zebra"));
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits.at(0).messageId, newer);
        QCOMPARE(hits.at(1).messageId, older);
    }

    void streamingTextIsIndexedWhenItEnds()
    {
        const qint64 c = m_store.createConversation(QStringLiteral("s"));
        ChatEntry e = entry(ChatMessage::Role::Assistant, QStringLiteral("partial"), ChatEntry::State::Streaming);
        const qint64 id = m_store.appendMessage(c, 0, e);
        e.message.content = QStringLiteral("partial words about kangaroos");
        QVERIFY(m_store.updateMessage(id, e));
        QVERIFY(m_store.search(QStringLiteral("kangaroos")).isEmpty()); // not while it grows
        e.state = ChatEntry::State::Done;
        QVERIFY(m_store.updateMessage(id, e));
        QCOMPARE(m_store.search(QStringLiteral("kangaroos")).size(), 1);
        // An edit of a finished message replaces its words in the index.
        e.message.content = QStringLiteral("now about wombats");
        QVERIFY(m_store.updateMessage(id, e));
        QVERIFY(m_store.search(QStringLiteral("kangaroos")).isEmpty());
        QCOMPARE(m_store.search(QStringLiteral("wombats")).size(), 1);
        // Cancelled and failed answers are findable too (they are shown).
        e.state = ChatEntry::State::Cancelled;
        QVERIFY(m_store.updateMessage(id, e));
        QCOMPARE(m_store.search(QStringLiteral("wombats")).size(), 1);
        QVERIFY(m_store.deleteMessage(id));
        QVERIFY(m_store.search(QStringLiteral("wombats")).isEmpty());
        QVERIFY(m_store.lastError().isEmpty());
    }

    // Hits in deleted conversations do not use up the limit: search asks again for more.
    void deletedConversationsDoNotStarveResults()
    {
        const qint64 kept = m_store.createConversation(QStringLiteral("kept"));
        for (int i = 0; i < 3; ++i)
            m_store.appendMessage(
                kept, 0, entry(ChatMessage::Role::User, QStringLiteral("long text about alpha and other things")));
        const qint64 binned = m_store.createConversation(QStringLiteral("binned"));
        for (int i = 0; i < 60; ++i)
            m_store.appendMessage(binned, 0, entry(ChatMessage::Role::User, QStringLiteral("alpha alpha")));
        QVERIFY(m_store.deleteConversation(binned));
        const QList<SearchHit> hits = m_store.search(QStringLiteral("alpha"), 5);
        QCOMPARE(hits.size(), 3);
        for (const SearchHit &h : hits)
            QCOMPARE(h.conversationId, kept);
    }

    void findsToolCallsReasoningAndErrors()
    {
        const qint64 c = m_store.createConversation(QStringLiteral("t"));
        ChatEntry e = entry(ChatMessage::Role::Assistant, QString());
        e.message.toolCalls = {ToolCall {QStringLiteral("abcDEF123"), QStringLiteral("get_weather"),
                                         QStringLiteral("{\"city\":\"Reykjavik\"}"), 0}};
        e.thinking = QStringLiteral("the user wants precipitation");
        m_store.appendMessage(c, 0, e);
        m_store.appendMessage(
            c, 0, ChatEntry::errorCard(QStringLiteral("Rate limited"), QStringLiteral("Too many requests")));
        QCOMPARE(m_store.search(QStringLiteral("reykjavik")).size(), 1);
        QCOMPARE(m_store.search(QStringLiteral("precipitation")).size(), 1);
        QCOMPARE(m_store.search(QStringLiteral("requests")).size(), 1);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ConversationStore m_store;
};

QTEST_GUILESS_MAIN(tst_StoreSearch)
#include "tst_StoreSearch.moc"
