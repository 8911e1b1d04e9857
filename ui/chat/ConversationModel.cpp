#include "chat/ConversationModel.h"

#include <QJsonObject>

#include <algorithm>

namespace md {

ConversationModel::ConversationModel(QObject *parent)
    : QAbstractListModel(parent)
{
    // Leading edge is delivered at once (the first token shows without delay), the rest at most
    // once per interval.
    m_notifyTimer.setSingleShot(true);
    m_notifyTimer.setInterval(kStreamingNotifyIntervalMs);
    connect(&m_notifyTimer, &QTimer::timeout, this, [this] {
        if (!m_pendingRows.isEmpty()) {
            flushStreamingNotifications();
            m_notifyTimer.start();
        }
    });
}

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const ChatEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return e.kind == ChatEntry::Kind::ErrorCard ? e.errorTitle : e.message.plainText();
    case EntryIdRole:
        return e.id;
    case RoleNameRole:
        return e.kind == ChatEntry::Kind::ErrorCard ? QStringLiteral("error") : ChatMessage::roleName(e.message.role);
    case StateRole:
        return int(e.state);
    case KindRole:
        return int(e.kind);
    case RevisionRole:
        return m_revisions.at(index.row());
    case BranchIndexRole:
        return m_branches.value(e.id).index;
    case BranchCountRole:
        return m_branches.value(e.id).count;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(EntryIdRole, "entryId");
    names.insert(RoleNameRole, "roleName");
    names.insert(StateRole, "state");
    names.insert(KindRole, "kind");
    names.insert(RevisionRole, "revision");
    names.insert(BranchIndexRole, "branchIndex");
    names.insert(BranchCountRole, "branchCount");
    return names;
}

void ConversationModel::assignIds(ChatEntry &entry)
{
    if (entry.id == 0 || m_rowOfId.contains(entry.id))
        entry.id = m_nextId;
    m_nextId = std::max(m_nextId, entry.id + 1);
}

int ConversationModel::append(ChatEntry entry)
{
    assignIds(entry);
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_rowOfId.insert(entry.id, row);
    m_entries.append(std::move(entry));
    m_revisions.append(m_nextRevision++);
    endInsertRows();
    return row;
}

void ConversationModel::appendText(int row, QStringView delta)
{
    if (row < 0 || row >= m_entries.size() || delta.isEmpty())
        return;
    ChatEntry &e = m_entries[row];
    if (e.message.chunks.isEmpty()) {
        e.message.content.append(delta);
    } else if (!e.message.chunks.isEmpty() && e.message.chunks.last().type == ContentChunk::Type::Text) {
        e.message.chunks.last().text.append(delta);
    } else {
        e.message.chunks.append(ContentChunk::fromText(delta.toString()));
    }
    noteStreamed(row);
}

void ConversationModel::appendThinking(int row, QStringView delta)
{
    if (row < 0 || row >= m_entries.size() || delta.isEmpty())
        return;
    m_entries[row].thinking.append(delta);
    noteStreamed(row);
}

void ConversationModel::noteStreamed(int row)
{
    m_revisions[row] = m_nextRevision++;
    m_pendingRows.insert(row);
    if (!m_notifyTimer.isActive()) {
        flushStreamingNotifications();
        m_notifyTimer.start();
    }
}

void ConversationModel::flushStreamingNotifications()
{
    if (m_pendingRows.isEmpty())
        return;
    QList<int> rows(m_pendingRows.cbegin(), m_pendingRows.cend());
    m_pendingRows.clear();
    std::sort(rows.begin(), rows.end());
    for (int row : rows) {
        if (row >= m_entries.size())
            continue;
        emit streamingTextChanged(row);
        const QModelIndex i = index(row);
        emit dataChanged(i, i, {Qt::DisplayRole, RevisionRole});
    }
}

void ConversationModel::updateEntry(int row, const ChatEntry &entry)
{
    if (row < 0 || row >= m_entries.size())
        return;
    const quint64 oldId = m_entries.at(row).id;
    ChatEntry copy = entry;
    if (copy.id == 0 || (copy.id != oldId && m_rowOfId.contains(copy.id)))
        copy.id = oldId;
    m_rowOfId.remove(oldId);
    m_rowOfId.insert(copy.id, row);
    if (copy.id != oldId && m_branches.contains(oldId))
        m_branches.insert(copy.id, m_branches.take(oldId));
    m_nextId = std::max(m_nextId, copy.id + 1);
    m_entries[row] = std::move(copy);
    m_revisions[row] = m_nextRevision++;
    m_pendingRows.remove(row); // this notification covers the deltas too
    const QModelIndex i = index(row);
    emit dataChanged(i, i);
}

const ChatEntry &ConversationModel::entry(int row) const
{
    return m_entries.at(row);
}

quint64 ConversationModel::revision(int row) const
{
    return m_revisions.at(row);
}

int ConversationModel::rowOfId(quint64 id) const
{
    return m_rowOfId.value(id, -1);
}

void ConversationModel::rebuildIdIndex()
{
    m_rowOfId.clear();
    m_rowOfId.reserve(m_entries.size());
    for (int row = 0; row < m_entries.size(); ++row)
        m_rowOfId.insert(m_entries.at(row).id, row);
    // Pending rows past the end (or shifted) are covered by the structural signal just sent.
    m_pendingRows.clear();
}

void ConversationModel::removeEntry(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    beginRemoveRows({}, row, row);
    m_branches.remove(m_entries.at(row).id);
    m_entries.removeAt(row);
    m_revisions.removeAt(row);
    rebuildIdIndex();
    endRemoveRows();
}

void ConversationModel::truncateFrom(int row)
{
    row = std::max(row, 0);
    if (row >= m_entries.size())
        return;
    beginRemoveRows({}, row, int(m_entries.size()) - 1);
    for (int r = row; r < m_entries.size(); ++r)
        m_branches.remove(m_entries.at(r).id);
    m_entries.resize(row);
    m_revisions.resize(row);
    rebuildIdIndex();
    endRemoveRows();
}

void ConversationModel::setEntries(QList<ChatEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    m_branches.clear();
    m_rowOfId.clear();
    m_rowOfId.reserve(m_entries.size());
    m_revisions.resize(m_entries.size());
    for (quint64 &revision : m_revisions)
        revision = m_nextRevision++;
    for (const ChatEntry &e : std::as_const(m_entries))
        m_nextId = std::max(m_nextId, e.id + 1);
    for (int row = 0; row < m_entries.size(); ++row) {
        ChatEntry &e = m_entries[row];
        if (e.id == 0 || m_rowOfId.contains(e.id))
            e.id = m_nextId++;
        m_rowOfId.insert(e.id, row);
    }
    m_pendingRows.clear();
    endResetModel();
}

void ConversationModel::setBranchInfo(int row, int branchIndex, int count)
{
    if (row < 0 || row >= m_entries.size())
        return;
    const BranchInfo info = count > 1 ? BranchInfo {std::clamp(branchIndex, 1, count), count} : BranchInfo {};
    const quint64 id = m_entries.at(row).id;
    if (m_branches.value(id) == info)
        return;
    if (info.isShown())
        m_branches.insert(id, info);
    else
        m_branches.remove(id);
    // A new revision: views key their cached layouts on it, and the header changes width.
    m_revisions[row] = m_nextRevision++;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {BranchIndexRole, BranchCountRole, RevisionRole});
}

BranchInfo ConversationModel::branchInfo(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return {};
    return m_branches.value(m_entries.at(row).id);
}

QList<ChatMessage> ConversationModel::requestMessages(int lastRow) const
{
    const int last = lastRow < 0 ? int(m_entries.size()) - 1 : std::min(lastRow, int(m_entries.size()) - 1);
    QList<ChatMessage> messages;
    messages.reserve(last + 1);
    for (int row = 0; row <= last; ++row) {
        const ChatEntry &e = m_entries.at(row);
        if (e.kind != ChatEntry::Kind::Message)
            continue;
        const bool broken = e.state == ChatEntry::State::Failed || e.state == ChatEntry::State::Interrupted;
        if (e.message.role == ChatMessage::Role::Assistant && broken && e.message.plainText().isEmpty()
            && e.message.toolCalls.isEmpty())
            continue;
        messages.append(e.message);
    }
    return messages;
}

QJsonArray ConversationModel::toJson() const
{
    QJsonArray array;
    for (const ChatEntry &e : m_entries)
        array.append(e.toJson());
    return array;
}

bool ConversationModel::loadJson(const QJsonArray &array)
{
    QList<ChatEntry> entries;
    entries.reserve(array.size());
    for (const QJsonValue &value : array) {
        if (!value.isObject())
            return false;
        entries.append(ChatEntry::fromJson(value.toObject()));
    }
    setEntries(std::move(entries));
    return true;
}

} // namespace md
