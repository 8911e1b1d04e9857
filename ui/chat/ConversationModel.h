#pragma once

#include "chat/BranchInfo.h"
#include "store/ChatEntry.h"

#include <QAbstractListModel>
#include <QJsonArray>
#include <QList>
#include <QSet>
#include <QTimer>

namespace md {

// The entries of one conversation, one row each. Streaming deltas (appendText/appendThinking) only
// grow a string; the views hear about them at most about 30 times a second (streamingTextChanged
// and dataChanged), so a fast stream costs the view one re-layout per frame, not one per token.
// Every change bumps the row's revision, which views use to key their layout caches.
class ConversationModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        EntryIdRole = Qt::UserRole + 1,
        RoleNameRole,
        StateRole,
        KindRole,
        RevisionRole,
        BranchIndexRole, // 1-based position among siblings, 0 when unknown
        BranchCountRole, // siblings including itself; <= 1 = no switcher
    };
    static constexpr int kStreamingNotifyIntervalMs = 33;

    explicit ConversationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int append(ChatEntry entry); // returns the row
    void appendText(int row, QStringView delta);
    void appendThinking(int row, QStringView delta);
    void updateEntry(int row, const ChatEntry &entry); // replaces the whole entry, keeps its id when entry.id is 0
    const ChatEntry &entry(int row) const;
    quint64 revision(int row) const;
    int rowOfId(quint64 id) const; // -1 when absent
    void removeEntry(int row);
    void truncateFrom(int row); // removes row and all after it
    void setEntries(QList<ChatEntry> entries);
    const QList<ChatEntry> &entries() const { return m_entries; }
    void clear() { setEntries({}); }

    // The messages a request sends: every Message entry in order up to and including `lastRow`
    // (-1 = all), skipping ErrorCards and assistant entries that are Failed with no text.
    QList<ChatMessage> requestMessages(int lastRow = -1) const;

    QJsonArray toJson() const;
    bool loadJson(const QJsonArray &array); // false (and nothing changed) when an item is not an object

    // Delivers pending streaming notifications now (e.g. before the stream's final updateEntry).
    void flushStreamingNotifications();

    // The row's place among its siblings (1-based index); count <= 1 hides the ‹ i/n › switcher.
    // Kept per entry id, so it follows the entry through inserts and removals above it.
    void setBranchInfo(int row, int index, int count);
    BranchInfo branchInfo(int row) const;

signals:
    void streamingTextChanged(int row);

private:
    void noteStreamed(int row);
    void assignIds(ChatEntry &entry);
    void rebuildIdIndex();

    QList<ChatEntry> m_entries;
    QList<quint64> m_revisions;
    QHash<quint64, int> m_rowOfId;
    QHash<quint64, BranchInfo> m_branches; // by entry id; only rows that have siblings
    QSet<int> m_pendingRows;
    QTimer m_notifyTimer;
    quint64 m_nextId = 1;
    quint64 m_nextRevision = 1;
};

} // namespace md
