#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace md {

class ConversationModel;
class ConversationStore;

// Keeps a conversation on screen and its stored tree in step, so nothing shown is lost:
// - a new row becomes a message under the row before it (a regenerated answer or an edited question
//   is a new sibling: the earlier one stays as a branch);
// - a growing answer is written at most once a second (kFlushMs) while it streams, and at once when it
//   ends, so a crash loses at most the last second;
// - rows that held nothing (an answer that failed before its first token, an error card that was
//   retried) leave the store with them; rows removed because the conversation took another branch
//   stay in the store.
class ConversationMirror : public QObject {
    Q_OBJECT
public:
    static constexpr int kFlushMs = 1000;

    ConversationMirror(ConversationStore *store, ConversationModel *model, qint64 conversationId,
                       QObject *parent = nullptr);
    ~ConversationMirror() override;

    qint64 conversationId() const { return m_conversationId; }
    // Shows the stored active path.
    void load();
    // Stores every row shown now, in order (a tab moved into the database).
    void adoptShown();
    // The parameters recorded with the answers that follow.
    void setParameters(const QJsonObject &parameters) { m_parameters = parameters; }
    qint64 storeId(int row) const;
    // The user deleted the message on `row`: it goes from the store with its replies.
    void deleteRow(int row);
    // Shows the previous (-1) or next (+1) sibling of the message on `row`, and the path below it.
    void switchBranch(int row, int delta);
    // Writes what is still pending now (closing, quitting).
    void flush();

signals:
    void storeFailed(const QString &message);

private:
    void onRowsInserted(int first, int last);
    qint64 storeRow(int row); // its store id, storing it (and unstored rows before it) if needed; 0 = failed
    void onRowsAboutToBeRemoved(int first, int last);
    void onDataChanged(int first, int last);
    void write(int row);
    void updateBranchInfo(int row);

    ConversationStore *m_store;
    ConversationModel *m_model;
    qint64 m_conversationId;
    QJsonObject m_parameters;
    QHash<quint64, qint64> m_storeIds; // model entry id -> store message id
    QSet<quint64> m_pending;           // streaming rows with text not yet written
    QTimer m_flushTimer;
    bool m_loading = false;
};

} // namespace md
