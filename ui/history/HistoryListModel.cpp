#include "history/HistoryListModel.h"

#include "history/HistoryDates.h"

#include <algorithm>

namespace md {

HistoryListModel::HistoryListModel(ConversationStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
}

QDateTime HistoryListModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTime();
}

void HistoryListModel::reload()
{
    QList<ConversationSummary> all
        = m_store && m_store->isOpen() ? m_store->conversations() : QList<ConversationSummary>();
    const QDate today = now().toLocalTime().date();
    struct Keyed {
        HistoryDates::Group group;
        ConversationSummary summary;
    };
    QList<Keyed> keyed;
    keyed.reserve(all.size());
    for (ConversationSummary &s : all)
        keyed.append({HistoryDates::groupOf(s.pinned, s.updatedAt, today), std::move(s)});
    // The store sorts pinned first, then newest first; sections keep that order inside.
    std::stable_sort(keyed.begin(), keyed.end(), [](const Keyed &a, const Keyed &b) {
        if (a.group.order != b.group.order)
            return a.group.order < b.group.order;
        return a.summary.updatedAt > b.summary.updatedAt;
    });

    beginResetModel();
    m_rows.clear();
    m_rows.reserve(keyed.size() + 8);
    int lastOrder = -1;
    for (Keyed &k : keyed) {
        if (k.group.order != lastOrder) {
            m_rows.append({k.group.label, {}});
            lastOrder = k.group.order;
        }
        m_rows.append({QString(), std::move(k.summary)});
    }
    m_conversationCount = int(keyed.size());
    endResetModel();
}

int HistoryListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant HistoryListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const bool header = !row.header.isEmpty();
    const ConversationSummary &s = row.summary;
    switch (role) {
    case Qt::DisplayRole:
        return header ? row.header : (s.title.isEmpty() ? tr("Untitled conversation") : s.title);
    case Qt::EditRole:
        return header ? QVariant() : QVariant(s.title);
    case Qt::ToolTipRole:
        return header ? QVariant() : QVariant(s.title);
    case Qt::AccessibleTextRole:
        if (header)
            return tr("Section %1").arg(row.header);
        return tr("%1, %2, %3%4")
            .arg(s.title.isEmpty() ? tr("Untitled conversation") : s.title,
                 s.model.isEmpty() ? tr("no model") : s.model, HistoryDates::relativeTime(s.updatedAt, now()),
                 s.pinned ? tr(", pinned") : QString());
    case IsHeaderRole:
        return header;
    case ConversationIdRole:
        return s.id;
    case ModelNameRole:
        return s.model;
    case UpdatedAtRole:
        return s.updatedAt;
    case RelativeTimeRole:
        return header ? QString() : HistoryDates::relativeTime(s.updatedAt, now());
    case PinnedRole:
        return s.pinned;
    default:
        return {};
    }
}

bool HistoryListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.row() >= m_rows.size())
        return false;
    Row &row = m_rows[index.row()];
    const QString title = value.toString().simplified();
    if (!row.header.isEmpty() || title.isEmpty() || title == row.summary.title)
        return false;
    if (!m_store->renameConversation(row.summary.id, title))
        return false;
    // The store also announces conversationsChanged; until the reload, show the new title.
    row.summary.title = title;
    emit dataChanged(index, index);
    return true;
}

Qt::ItemFlags HistoryListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return Qt::NoItemFlags;
    if (!m_rows.at(index.row()).header.isEmpty())
        return Qt::NoItemFlags; // keyboard navigation steps over section headers
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

int HistoryListModel::rowOfConversation(qint64 id) const
{
    if (id == 0)
        return -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).header.isEmpty() && m_rows.at(row).summary.id == id)
            return row;
    }
    return -1;
}

qint64 HistoryListModel::conversationAt(int row) const
{
    const ConversationSummary *s = summaryAt(row);
    return s ? s->id : 0;
}

const ConversationSummary *HistoryListModel::summaryAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || !m_rows.at(row).header.isEmpty())
        return nullptr;
    return &m_rows.at(row).summary;
}

QStringList HistoryListModel::groupLabels() const
{
    QStringList labels;
    for (const Row &row : m_rows) {
        if (!row.header.isEmpty())
            labels << row.header;
    }
    return labels;
}

} // namespace md
