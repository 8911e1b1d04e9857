// ConversationStore, second part: the message trees of conversations.
#include "store/ConversationStore.h"

#include "store/MessageRow.h"
#include "store/StoreTransaction.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace md {

namespace {

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

} // namespace

qint64 ConversationStore::insertMessage(qint64 conversationId, qint64 parentId, const ChatEntry &entry,
                                        const QJsonObject &parameters, qint64 createdAtMs)
{
    qint64 depth = 0;
    if (parentId > 0) {
        QSqlQuery &parent = prepared(QStringLiteral("SELECT depth, conversation_id FROM messages WHERE id = ?"));
        parent.bindValue(0, parentId);
        if (!run(parent))
            return 0;
        if (!parent.next()) {
            failWith(tr("The message this one answers no longer exists."));
            return 0;
        }
        depth = parent.value(0).toLongLong() + 1;
        const qint64 owner = parent.value(1).toLongLong();
        parent.finish();
        if (owner != conversationId) {
            failWith(tr("A message can only follow a message of the same conversation."));
            return 0;
        }
    }
    QSqlQuery &q = prepared(QStringLiteral(
        "INSERT INTO messages (conversation_id, parent_id, depth, created_at, parameters, role, kind, state,"
        " model, entry, search_text, prompt_tokens, completion_tokens, cost_usd, ttft_ms, duration_ms,"
        " finish_reason) VALUES (:conversation_id, :parent_id, :depth, :created_at, :parameters, :role,"
        " :kind, :state, :model, :entry, :search_text, :prompt_tokens, :completion_tokens, :cost_usd,"
        " :ttft_ms, :duration_ms, :finish_reason)"));
    q.bindValue(QStringLiteral(":conversation_id"), conversationId);
    q.bindValue(QStringLiteral(":parent_id"), nullableId(parentId));
    q.bindValue(QStringLiteral(":depth"), depth);
    q.bindValue(QStringLiteral(":created_at"), createdAtMs);
    q.bindValue(QStringLiteral(":parameters"),
                parameters.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                     : QVariant(QJsonDocument(parameters).toJson(QJsonDocument::Compact)));
    MessageRow::bindEntry(q, entry);
    if (!run(q))
        return 0;
    return q.lastInsertId().toLongLong();
}

qint64 ConversationStore::appendMessage(qint64 conversationId, qint64 parentId, const ChatEntry &entry)
{
    return appendMessage(conversationId, parentId, entry, {});
}

qint64 ConversationStore::appendMessage(qint64 conversationId, qint64 parentId, const ChatEntry &entry,
                                        const QJsonObject &parameters)
{
    StoreTransaction t(database());
    if (!t.isOpen()) {
        fail(t.error());
        return 0;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 id = insertMessage(conversationId, parentId, entry, parameters, now);
    if (!id)
        return 0;
    QSqlQuery &q = prepared(QStringLiteral("UPDATE conversations SET active_leaf = ?, updated_at = ? WHERE id = ?"));
    q.bindValue(0, id);
    q.bindValue(1, now);
    q.bindValue(2, conversationId);
    if (!run(q))
        return 0;
    if (!t.commit()) {
        fail(t.error());
        return 0;
    }
    emit conversationUpdated(conversationId);
    return id;
}

bool ConversationStore::updateMessage(qint64 messageId, const ChatEntry &entry)
{
    // The hot path while an answer streams in: one prepared UPDATE of one row; the search index
    // trigger does nothing until the state leaves 'streaming'.
    QSqlQuery &q = prepared(QStringLiteral(
        "UPDATE messages SET role = :role, kind = :kind, state = :state, model = :model, entry = :entry,"
        " search_text = :search_text, prompt_tokens = :prompt_tokens, completion_tokens = :completion_tokens,"
        " cost_usd = :cost_usd, ttft_ms = :ttft_ms, duration_ms = :duration_ms, finish_reason = :finish_reason"
        " WHERE id = :id"));
    MessageRow::bindEntry(q, entry);
    q.bindValue(QStringLiteral(":id"), messageId);
    if (!run(q))
        return false;
    if (q.numRowsAffected() == 0)
        return failWith(tr("That message no longer exists."));
    if (entry.state != ChatEntry::State::Streaming) {
        QSqlQuery &touch = prepared(QStringLiteral(
            "UPDATE conversations SET updated_at = ? WHERE id = (SELECT conversation_id FROM messages WHERE id = ?)"));
        touch.bindValue(0, QDateTime::currentMSecsSinceEpoch());
        touch.bindValue(1, messageId);
        if (!run(touch))
            return false;
        if (const std::optional<StoredMessage> m = message(messageId))
            emit conversationUpdated(m->conversationId);
    }
    return true;
}

std::optional<StoredMessage> ConversationStore::message(qint64 messageId) const
{
    QSqlQuery &q
        = prepared(QStringLiteral("SELECT ") + MessageRow::columns() + QStringLiteral(" FROM messages WHERE id = ?"));
    q.bindValue(0, messageId);
    if (!run(q) || !q.next())
        return std::nullopt;
    StoredMessage m = MessageRow::read(q);
    q.finish();
    return m;
}

qint64 ConversationStore::newestDescendant(qint64 messageId) const
{
    // Children always have larger ids than their parent, so the newest descendant is a leaf.
    QSqlQuery &q = prepared(QStringLiteral("WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL"
                                           " SELECT m.id FROM messages m JOIN sub ON m.parent_id = sub.id)"
                                           " SELECT max(id) FROM sub"));
    q.bindValue(0, messageId);
    if (!run(q) || !q.next())
        return 0;
    const qint64 leaf = q.value(0).toLongLong();
    q.finish();
    return leaf;
}

// Walks the parent links in memory (one covering-index scan of the conversation's ids) rather than
// with a recursive query, then reads and parses only the rows on the path: a 5,000-message path
// loads in one sequential scan.
QList<StoredMessage> ConversationStore::pathTo(qint64 messageId) const
{
    QList<StoredMessage> path;
    QSqlQuery &owner = prepared(QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?"));
    owner.bindValue(0, messageId);
    if (!run(owner) || !owner.next())
        return path;
    const qint64 conversationId = owner.value(0).toLongLong();
    owner.finish();

    QSqlQuery &links = prepared(QStringLiteral("SELECT id, parent_id FROM messages WHERE conversation_id = ?"));
    links.bindValue(0, conversationId);
    if (!run(links))
        return path;
    QHash<qint64, qint64> parentOf;
    while (links.next())
        parentOf.insert(links.value(0).toLongLong(), links.value(1).toLongLong());
    links.finish();
    QSet<qint64> onPath;
    for (qint64 id = messageId; id > 0 && !onPath.contains(id); id = parentOf.value(id))
        onPath.insert(id);
    const qint64 first = *std::min_element(onPath.cbegin(), onPath.cend());

    // Children have larger ids than their parents, so id order is path order.
    QSqlQuery &rows = prepared(QStringLiteral("SELECT ") + MessageRow::columns()
                               + QStringLiteral(" FROM messages WHERE conversation_id = ? AND id BETWEEN ? AND ?"
                                                " ORDER BY id"));
    rows.bindValue(0, conversationId);
    rows.bindValue(1, first);
    rows.bindValue(2, messageId);
    if (!run(rows))
        return path;
    path.reserve(onPath.size());
    while (rows.next()) {
        if (onPath.contains(rows.value(0).toLongLong()))
            path << MessageRow::read(rows);
    }
    rows.finish();
    return path;
}

QList<StoredMessage> ConversationStore::activePath(qint64 conversationId) const
{
    QSqlQuery &q = prepared(QStringLiteral("SELECT active_leaf FROM conversations WHERE id = ?"));
    q.bindValue(0, conversationId);
    if (!run(q) || !q.next())
        return {};
    const qint64 leaf = q.value(0).toLongLong();
    q.finish();
    return leaf > 0 ? pathTo(leaf) : QList<StoredMessage>();
}

QList<qint64> ConversationStore::siblings(qint64 messageId) const
{
    QList<qint64> ids;
    QSqlQuery &q = prepared(QStringLiteral("SELECT s.id FROM messages m JOIN messages s"
                                           " ON s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id"
                                           " WHERE m.id = ? ORDER BY s.id"));
    q.bindValue(0, messageId);
    if (!run(q))
        return ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    q.finish();
    return ids;
}

QHash<qint64, QList<qint64>> ConversationStore::childrenByParent(qint64 conversationId) const
{
    QHash<qint64, QList<qint64>> children;
    QSqlQuery &q = prepared(QStringLiteral("SELECT id, parent_id FROM messages WHERE conversation_id = ? ORDER BY id"));
    q.bindValue(0, conversationId);
    if (!run(q))
        return children;
    while (q.next())
        children[q.value(1).toLongLong()].append(q.value(0).toLongLong()); // NULL parent reads as 0
    q.finish();
    return children;
}

bool ConversationStore::setActiveLeaf(qint64 conversationId, qint64 leaf)
{
    QSqlQuery &q = prepared(QStringLiteral("UPDATE conversations SET active_leaf = ? WHERE id = ?"));
    q.bindValue(0, nullableId(leaf));
    q.bindValue(1, conversationId);
    return run(q);
}

bool ConversationStore::selectBranch(qint64 messageId)
{
    const std::optional<StoredMessage> m = message(messageId);
    if (!m)
        return m_lastError.isEmpty() ? failWith(tr("That message no longer exists.")) : false;
    const qint64 leaf = newestDescendant(messageId);
    return leaf > 0 && setActiveLeaf(m->conversationId, leaf);
}

bool ConversationStore::deleteMessage(qint64 messageId)
{
    const std::optional<StoredMessage> m = message(messageId);
    if (!m)
        return failWith(tr("That message no longer exists."));
    StoreTransaction t(database());
    if (!t.isOpen())
        return fail(t.error());
    QSqlQuery &leafQuery = prepared(QStringLiteral("SELECT active_leaf FROM conversations WHERE id = ?"));
    leafQuery.bindValue(0, m->conversationId);
    if (!run(leafQuery) || !leafQuery.next())
        return false;
    const qint64 leaf = leafQuery.value(0).toLongLong();
    leafQuery.finish();
    bool leafGoes = false;
    for (const StoredMessage &p : pathTo(leaf))
        leafGoes = leafGoes || p.id == messageId;

    // The whole subtree at once: its search index rows leave through the delete trigger.
    QSqlQuery &del = prepared(QStringLiteral("WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL"
                                             " SELECT c.id FROM messages c JOIN sub ON c.parent_id = sub.id)"
                                             " DELETE FROM messages WHERE id IN (SELECT id FROM sub)"));
    del.bindValue(0, messageId);
    if (!run(del))
        return false;
    if (leafGoes) {
        // The nearest survivor: the newest branch left under the same parent, else the newest
        // branch of the conversation (a root was deleted).
        qint64 survivor = m->parentId > 0 ? newestDescendant(m->parentId) : 0;
        if (!survivor) {
            QSqlQuery &newest = prepared(QStringLiteral("SELECT max(id) FROM messages WHERE conversation_id = ?"));
            newest.bindValue(0, m->conversationId);
            if (!run(newest))
                return false;
            if (newest.next())
                survivor = newest.value(0).toLongLong();
            newest.finish();
        }
        if (!setActiveLeaf(m->conversationId, survivor))
            return false;
    }
    QSqlQuery &touch = prepared(QStringLiteral("UPDATE conversations SET updated_at = ? WHERE id = ?"));
    touch.bindValue(0, QDateTime::currentMSecsSinceEpoch());
    touch.bindValue(1, m->conversationId);
    if (!run(touch))
        return false;
    if (!t.commit())
        return fail(t.error());
    emit conversationUpdated(m->conversationId);
    return true;
}

qint64 ConversationStore::insertConversation(const ConversationSummary &s, const QJsonObject &parameters)
{
    QSqlQuery &q = prepared(QStringLiteral("INSERT INTO conversations (title, created_at, updated_at, pinned,"
                                           " parameters, forked_from_message) VALUES (?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, MessageRow::text(s.title));
    q.bindValue(1, MessageRow::toMs(s.createdAt));
    q.bindValue(2, MessageRow::toMs(s.updatedAt));
    q.bindValue(3, s.pinned ? 1 : 0);
    q.bindValue(4, QJsonDocument(parameters).toJson(QJsonDocument::Compact));
    q.bindValue(5, nullableId(s.forkedFromMessage));
    if (!run(q))
        return 0;
    return q.lastInsertId().toLongLong();
}

qint64 ConversationStore::copyMessages(qint64 targetConversation, const QList<StoredMessage> &messages, qint64 oldLeaf)
{
    // Parents come before their children (ascending ids), so each parent is mapped when needed.
    QHash<qint64, qint64> newIds;
    for (const StoredMessage &m : messages) {
        const qint64 parent = m.parentId > 0 ? newIds.value(m.parentId) : 0;
        const qint64 id
            = insertMessage(targetConversation, parent, m.entry, m.parameters, MessageRow::toMs(m.createdAt));
        if (!id)
            return -1;
        newIds.insert(m.id, id);
    }
    const qint64 leaf = newIds.value(oldLeaf);
    if (!setActiveLeaf(targetConversation, leaf))
        return -1;
    return leaf;
}

qint64 ConversationStore::duplicateConversation(qint64 id)
{
    const std::optional<ConversationSummary> source = conversation(id);
    if (!source) {
        failWith(tr("That conversation no longer exists."));
        return 0;
    }
    StoreTransaction t(database());
    if (!t.isOpen()) {
        fail(t.error());
        return 0;
    }
    ConversationSummary copy = *source;
    copy.title = tr("%1 (copy)").arg(source->title);
    copy.createdAt = copy.updatedAt = QDateTime::currentDateTime();
    copy.pinned = false;
    const qint64 newId = insertConversation(copy, parameters(id));
    if (!newId)
        return 0;
    QList<StoredMessage> all;
    QSqlQuery &q = prepared(QStringLiteral("SELECT ") + MessageRow::columns()
                            + QStringLiteral(" FROM messages WHERE conversation_id = ? ORDER BY id"));
    q.bindValue(0, id);
    if (!run(q))
        return 0;
    while (q.next())
        all << MessageRow::read(q);
    q.finish();
    if (copyMessages(newId, all, source->activeLeaf) < 0)
        return 0;
    if (!t.commit()) {
        fail(t.error());
        return 0;
    }
    emit conversationsChanged();
    return newId;
}

qint64 ConversationStore::forkConversation(qint64 messageId)
{
    const QList<StoredMessage> path = pathTo(messageId);
    if (path.isEmpty()) {
        failWith(tr("That message no longer exists."));
        return 0;
    }
    const std::optional<ConversationSummary> source = conversation(path.first().conversationId);
    if (!source)
        return 0;
    StoreTransaction t(database());
    if (!t.isOpen()) {
        fail(t.error());
        return 0;
    }
    ConversationSummary fork = *source;
    fork.createdAt = fork.updatedAt = QDateTime::currentDateTime();
    fork.pinned = false;
    fork.forkedFromMessage = messageId;
    const qint64 newId = insertConversation(fork, parameters(source->id));
    if (!newId || copyMessages(newId, path, messageId) < 0)
        return 0;
    if (!t.commit()) {
        fail(t.error());
        return 0;
    }
    emit conversationsChanged();
    return newId;
}

} // namespace md
