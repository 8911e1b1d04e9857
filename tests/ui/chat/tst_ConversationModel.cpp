#include "chat/ConversationModel.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace md;

namespace {

ChatEntry message(ChatMessage::Role role, const QString &text)
{
    ChatEntry e;
    e.message.role = role;
    e.message.content = text;
    return e;
}

ChatEntry richEntry()
{
    ChatEntry e;
    e.id = 77;
    e.state = ChatEntry::State::Cancelled;
    e.message = ChatMessage::assistant(QStringLiteral("Partial **answer**"));
    e.message.prefix = true;
    e.message.toolCalls.append(
        {QStringLiteral("abcDEF123"), QStringLiteral("get_weather"), QStringLiteral("{\"city\":\"Paris\"}"), 0});
    e.thinking = QStringLiteral("Let me think");
    e.model = QStringLiteral("magistral-medium-latest");
    e.usage = {12, 34, 46};
    e.hasUsage = true;
    e.costUsd = 0.000123;
    e.timeToFirstTokenMs = 420;
    e.durationMs = 3210;
    e.tokensPerSecond = 48.25;
    e.finishReason = QStringLiteral("length");
    return e;
}

} // namespace

class tst_ConversationModel : public QObject {
    Q_OBJECT
private slots:
    void appendAssignsUniqueIds()
    {
        ConversationModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        const int a = model.append(message(ChatMessage::Role::User, QStringLiteral("hi")));
        const int b = model.append(message(ChatMessage::Role::Assistant, QStringLiteral("hello")));
        ChatEntry fixed = message(ChatMessage::Role::User, QStringLiteral("x"));
        fixed.id = 500;
        const int c = model.append(fixed);
        ChatEntry clash = fixed; // same id again: must get a fresh one
        const int d = model.append(clash);
        QCOMPARE(a, 0);
        QCOMPARE(b, 1);
        QCOMPARE(c, 2);
        QCOMPARE(d, 3);
        QCOMPARE(inserted.count(), 4);
        QVERIFY(model.entry(0).id != 0);
        QVERIFY(model.entry(0).id != model.entry(1).id);
        QCOMPARE(model.entry(2).id, quint64(500));
        QVERIFY(model.entry(3).id != 500);
        QCOMPARE(model.rowOfId(500), 2);
        QCOMPARE(model.rowOfId(model.entry(3).id), 3);
        QCOMPARE(model.rowOfId(123456), -1);
        QCOMPARE(model.data(model.index(1), ConversationModel::RoleNameRole).toString(), QStringLiteral("assistant"));
        QCOMPARE(model.data(model.index(1), ConversationModel::EntryIdRole).toULongLong(), model.entry(1).id);
        QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("hi"));
    }

    void appendTextGrowsAndCoalesces()
    {
        ConversationModel model;
        ChatEntry e = message(ChatMessage::Role::Assistant, QString());
        e.state = ChatEntry::State::Streaming;
        const int row = model.append(e);
        QSignalSpy streamed(&model, &ConversationModel::streamingTextChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const quint64 rev0 = model.revision(row);
        for (int i = 0; i < 500; ++i)
            model.appendText(row, u"tok ");
        model.appendThinking(row, u"hmm");
        QCOMPARE(model.entry(row).message.content.size(), 2000);
        QCOMPARE(model.entry(row).thinking, QStringLiteral("hmm"));
        QVERIFY(model.revision(row) != rev0);
        // The first delta is announced at once, the rest together at most once per interval.
        QCOMPARE(streamed.count(), 1);
        QTRY_COMPARE(streamed.count(), 2);
        QCOMPARE(streamed.last().at(0).toInt(), row);
        QCOMPARE(changed.count(), 2);
        QTest::qWait(3 * ConversationModel::kStreamingNotifyIntervalMs);
        QCOMPARE(streamed.count(), 2);
    }

    void updateEntryKeepsIdAndRevision()
    {
        ConversationModel model;
        const int row = model.append(message(ChatMessage::Role::Assistant, QStringLiteral("a")));
        const quint64 id = model.entry(row).id;
        const quint64 rev = model.revision(row);
        ChatEntry done = model.entry(row);
        done.id = 0;
        done.message.content = QStringLiteral("final");
        done.state = ChatEntry::State::Done;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateEntry(row, done);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.entry(row).id, id);
        QCOMPARE(model.entry(row).message.content, QStringLiteral("final"));
        QVERIFY(model.revision(row) > rev);
    }

    void removeAndTruncate()
    {
        ConversationModel model;
        for (int i = 0; i < 6; ++i)
            model.append(message(i % 2 ? ChatMessage::Role::Assistant : ChatMessage::Role::User, QString::number(i)));
        const quint64 id4 = model.entry(4).id;
        model.removeEntry(1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.entry(1).message.content, QStringLiteral("2"));
        QCOMPARE(model.rowOfId(id4), 3);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.truncateFrom(2);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 2);
        QCOMPARE(removed.first().at(2).toInt(), 4);
        QCOMPARE(model.rowOfId(id4), -1);
        model.truncateFrom(5); // past the end: nothing
        QCOMPARE(model.rowCount(), 2);
        // Ids are never reused after removal.
        const int row = model.append(message(ChatMessage::Role::User, QStringLiteral("new")));
        QVERIFY(model.entry(row).id > id4);
    }

    void requestMessagesSkipsCardsAndEmptyFailures()
    {
        ConversationModel model;
        model.append(message(ChatMessage::Role::System, QStringLiteral("sys")));
        model.append(message(ChatMessage::Role::User, QStringLiteral("q1")));
        ChatEntry failed = message(ChatMessage::Role::Assistant, QString());
        failed.state = ChatEntry::State::Failed;
        model.append(failed);
        model.append(ChatEntry::errorCard(QStringLiteral("Rate limited"), QStringLiteral("wait"), 429));
        ChatEntry partial = message(ChatMessage::Role::Assistant, QStringLiteral("half"));
        partial.state = ChatEntry::State::Cancelled;
        model.append(partial);
        model.append(message(ChatMessage::Role::User, QStringLiteral("q2")));

        const QList<ChatMessage> all = model.requestMessages();
        QCOMPARE(all.size(), 4);
        QCOMPARE(all.at(0).role, ChatMessage::Role::System);
        QCOMPARE(all.at(1).content, QStringLiteral("q1"));
        QCOMPARE(all.at(2).content, QStringLiteral("half"));
        QCOMPARE(all.at(3).content, QStringLiteral("q2"));
        const QList<ChatMessage> upTo = model.requestMessages(1);
        QCOMPARE(upTo.size(), 2);
        QCOMPARE(upTo.last().content, QStringLiteral("q1"));
        QCOMPARE(model.requestMessages(3).size(), 2);
    }

    void entryJsonRoundTripIsLossless()
    {
        const ChatEntry rich = richEntry();
        QCOMPARE(ChatEntry::fromJson(rich.toJson()), rich);
        ChatEntry card = ChatEntry::errorCard(QStringLiteral("Too many requests"), QStringLiteral("Slow down."), 429,
                                              QDateTime::fromMSecsSinceEpoch(1764000000123));
        card.id = 9;
        QCOMPARE(ChatEntry::fromJson(card.toJson()), card);
        ChatEntry image;
        image.id = 3;
        image.message.role = ChatMessage::Role::User;
        image.message.chunks = {ContentChunk::fromText(QStringLiteral("what is this?")),
                                ContentChunk::image(QStringLiteral("data:image/png;base64,iVBORw0KGgo="))};
        QCOMPARE(ChatEntry::fromJson(image.toJson()), image);
        ChatEntry toolOnly;
        toolOnly.id = 4;
        toolOnly.message.role = ChatMessage::Role::Assistant;
        toolOnly.message.toolCalls.append({QStringLiteral("abcDEF123"), QStringLiteral("f"), QStringLiteral("{}"), 0});
        QCOMPARE(ChatEntry::fromJson(toolOnly.toJson()), toolOnly);
        ChatEntry tool;
        tool.id = 5;
        tool.message = ChatMessage::toolResult(QStringLiteral("abcDEF123"), QStringLiteral("f"), QStringLiteral("42"));
        QCOMPARE(ChatEntry::fromJson(tool.toJson()), tool);
        // A free (zero) price stays distinct from "no price".
        ChatEntry free = richEntry();
        free.costUsd = 0.0;
        QCOMPARE(ChatEntry::fromJson(free.toJson()).costUsd, std::optional<double>(0.0));
        free.costUsd.reset();
        QVERIFY(!ChatEntry::fromJson(free.toJson()).costUsd.has_value());
    }

    void modelJsonRoundTrip()
    {
        ConversationModel model;
        model.append(message(ChatMessage::Role::User, QStringLiteral("q")));
        model.append(richEntry());
        model.append(ChatEntry::errorCard(QStringLiteral("t"), QStringLiteral("x"), 500));
        const QByteArray bytes = QJsonDocument(model.toJson()).toJson();
        ConversationModel other;
        QSignalSpy reset(&other, &QAbstractItemModel::modelReset);
        QVERIFY(other.loadJson(QJsonDocument::fromJson(bytes).array()));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(other.entries(), model.entries());
        QCOMPARE(other.rowOfId(77), 1);
        QVERIFY(!other.loadJson(QJsonArray {1, 2}));
        QCOMPARE(other.rowCount(), 3);
    }
};

QTEST_GUILESS_MAIN(tst_ConversationModel)
#include "tst_ConversationModel.moc"
