#include "conversation/ConversationMirror.h"

#include "chat/ConversationModel.h"
#include "store/ConversationStore.h"

namespace md {

ConversationMirror::ConversationMirror(ConversationStore *store, ConversationModel *model, qint64 conversationId,
                                       QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_model(model)
    , m_conversationId(conversationId)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &ConversationMirror::flush);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) { onRowsAboutToBeRemoved(first, last); });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) { onDataChanged(from.row(), to.row()); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_loading) // a reset that did not come from load(): the rows are new to the store
            onRowsInserted(0, m_model->rowCount() - 1);
    });
}

ConversationMirror::~ConversationMirror()
{
    flush();
}

void ConversationMirror::load()
{
    const QList<StoredMessage> path = m_store->activePath(m_conversationId);
    QList<ChatEntry> entries;
    entries.reserve(path.size());
    for (const StoredMessage &message : path)
        entries.append(message.entry);
    m_loading = true;
    m_storeIds.clear();
    m_pending.clear();
    m_model->setEntries(entries);
    for (int row = 0; row < m_model->rowCount(); ++row)
        m_storeIds.insert(m_model->entry(row).id, path.at(row).id);
    // One query for the branch counts of the whole path, not one per message.
    const QHash<qint64, QList<qint64>> children = m_store->childrenByParent(m_conversationId);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QList<qint64> siblings = children.value(path.at(row).parentId);
        m_model->setBranchInfo(row, int(siblings.indexOf(path.at(row).id)) + 1, int(siblings.size()));
    }
    m_loading = false;
}

void ConversationMirror::adoptShown()
{
    if (m_model->rowCount() > 0)
        onRowsInserted(0, m_model->rowCount() - 1);
}

qint64 ConversationMirror::storeId(int row) const
{
    if (row < 0 || row >= m_model->rowCount())
        return 0;
    return m_storeIds.value(m_model->entry(row).id);
}

void ConversationMirror::onRowsInserted(int first, int last)
{
    if (m_loading)
        return;
    bool failed = false;
    for (int row = first; row <= last; ++row)
        failed |= storeRow(row) == 0;
    if (failed)
        emit storeFailed(m_store->lastError());
}

qint64 ConversationMirror::storeRow(int row)
{
    if (row < 0)
        return 0;
    if (const qint64 known = storeId(row))
        return known;
    // A row is stored under the one before it. When that one could not be stored (a full disk),
    // it is tried again first; if it still fails this row waits too: stored without its parent it
    // would become a new root, and the conversation's active path would leave what was saved.
    const qint64 parent = row > 0 ? storeRow(row - 1) : 0;
    if (row > 0 && parent == 0)
        return 0;
    const ChatEntry &entry = m_model->entry(row);
    const qint64 id
        = m_store->appendMessage(m_conversationId, parent, entry,
                                 entry.message.role == ChatMessage::Role::Assistant ? m_parameters : QJsonObject());
    if (id == 0)
        return 0;
    m_storeIds.insert(entry.id, id);
    updateBranchInfo(row);
    return id;
}

void ConversationMirror::onRowsAboutToBeRemoved(int first, int last)
{
    if (m_loading)
        return;
    for (int row = first; row <= last; ++row) {
        const ChatEntry &entry = m_model->entry(row);
        const qint64 id = m_storeIds.take(entry.id);
        m_pending.remove(entry.id);
        const bool holdsNothing = entry.kind == ChatEntry::Kind::ErrorCard
            || (entry.message.role == ChatMessage::Role::Assistant && entry.message.plainText().isEmpty()
                && entry.thinking.isEmpty() && entry.message.toolCalls.isEmpty());
        if (id != 0 && holdsNothing)
            m_store->deleteMessage(id);
    }
}

void ConversationMirror::onDataChanged(int first, int last)
{
    if (m_loading)
        return;
    for (int row = first; row <= last && row < m_model->rowCount(); ++row) {
        const ChatEntry &entry = m_model->entry(row);
        if (entry.state == ChatEntry::State::Streaming) {
            m_pending.insert(entry.id);
            if (!m_flushTimer.isActive())
                m_flushTimer.start();
        } else {
            m_pending.remove(entry.id);
            write(row);
        }
    }
}

void ConversationMirror::write(int row)
{
    if (row < 0)
        return;
    const qint64 known = storeId(row);
    const qint64 id = known ? known : storeRow(row); // a row a full disk kept out is tried again
    if (id == 0 || (known && !m_store->updateMessage(id, m_model->entry(row))))
        emit storeFailed(m_store->lastError());
}

void ConversationMirror::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const QSet<quint64> pending = std::exchange(m_pending, {});
    for (const quint64 entryId : pending)
        write(m_model->rowOfId(entryId));
}

void ConversationMirror::deleteRow(int row)
{
    const qint64 id = storeId(row);
    if (id == 0)
        return;
    flush();
    if (!m_store->deleteMessage(id)) {
        emit storeFailed(m_store->lastError());
        return;
    }
    load(); // the active path may now run through another branch
}

void ConversationMirror::switchBranch(int row, int delta)
{
    const QList<qint64> siblings = m_store->siblings(storeId(row));
    const qsizetype index = siblings.indexOf(storeId(row));
    if (index < 0 || index + delta < 0 || index + delta >= siblings.size())
        return;
    flush();
    if (m_store->selectBranch(siblings.at(index + delta)))
        load();
}

void ConversationMirror::updateBranchInfo(int row)
{
    const qint64 id = storeId(row);
    const QList<qint64> siblings = id ? m_store->siblings(id) : QList<qint64>();
    // The model announces the change; it is not content to write back.
    const bool wasLoading = std::exchange(m_loading, true);
    m_model->setBranchInfo(row, int(siblings.indexOf(id)) + 1, int(siblings.size()));
    m_loading = wasLoading;
}

} // namespace md
