#pragma once

#include "store/ConversationStore.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>

namespace md {

// The conversation list of the sidebar, flattened: a header row per date section (Pinned, Today,
// Yesterday, ...) followed by its conversations. Header rows can't be selected. Editing a title
// (F2, double click) renames the conversation in the store.
class HistoryListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        IsHeaderRole = Qt::UserRole + 1,
        ConversationIdRole, // qint64, 0 for a header
        ModelNameRole,
        UpdatedAtRole,
        RelativeTimeRole, // "5 min ago", computed against now() when asked
        PinnedRole,
    };

    explicit HistoryListModel(ConversationStore *store, QObject *parent = nullptr);

    // Reads the list again from the store.
    void reload();
    // The time "Today" and "5 min ago" are measured from; invalid (the default) = the clock.
    void setNow(const QDateTime &now) { m_now = now; }
    QDateTime now() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    int rowOfConversation(qint64 id) const; // -1 when not listed
    qint64 conversationAt(int row) const;   // 0 for a header or out of range
    const ConversationSummary *summaryAt(int row) const;
    int conversationCount() const { return m_conversationCount; }
    QStringList groupLabels() const; // in display order, for tests and accessibility

private:
    struct Row {
        QString header; // non-empty = a section header
        ConversationSummary summary;
    };

    ConversationStore *m_store;
    QList<Row> m_rows;
    int m_conversationCount = 0;
    QDateTime m_now;
};

} // namespace md
