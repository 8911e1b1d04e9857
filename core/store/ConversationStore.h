#pragma once

#include "store/ChatEntry.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>

class QSqlError;

namespace md {

struct ConversationSummary {
    qint64 id = 0;
    QString title;
    QDateTime createdAt, updatedAt;
    bool pinned = false;
    QString model;                // model of the latest message or the conversation's parameters
    qint64 messageCount = 0;      // messages on the active path
    qint64 forkedFromMessage = 0; // 0 = not a fork
    qint64 activeLeaf = 0;        // 0 = no message yet
    bool deleted = false;         // soft-deleted (only conversation(id) returns those)
};

struct StoredMessage {
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 parentId = 0; // 0 = first
    ChatEntry entry;     // entry.id == id
    QDateTime createdAt;
    QJsonObject parameters; // the request parameters that produced it (assistant), if given
};

struct SearchHit {
    qint64 conversationId = 0;
    qint64 messageId = 0; // 0 = the hit is in the title
    QString title;
    QString snippet; // plain text with hits wrapped in \x02 ... \x03
};

// The conversation history on one SQLite file (WAL, foreign keys, FTS5, 0600); see README.md.
// Use it from one thread (the GUI thread). A call returns once its data would survive an app crash
// (WAL, synchronous=NORMAL: a power cut may lose the last commits). A failing call returns
// false / 0 / -1 / empty and leaves a sentence for the user in lastError() (not cleared by successes).
class ConversationStore : public QObject {
    Q_OBJECT
public:
    explicit ConversationStore(QObject *parent = nullptr);
    ~ConversationStore() override;

    static QString defaultPath(); // QStandardPaths::AppDataLocation + "/history.sqlite"

    // Creates or opens, runs migrations, WAL + foreign keys + synchronous=NORMAL, file mode 0600;
    // messages left Streaming by a crash become ChatEntry::State::Interrupted. False with a sentence
    // for the user in `error` (locked, corrupt, read-only, full disk, newer schema than this app).
    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const;
    QString lastError() const;
    QString path() const;

    // Conversations
    qint64 createConversation(const QString &title, const QJsonObject &parameters = {});
    bool renameConversation(qint64 id, const QString &title);
    bool setPinned(qint64 id, bool pinned);
    bool setParameters(qint64 id, const QJsonObject &parameters); // the tab's ChatParameters JSON
    QJsonObject parameters(qint64 id) const;
    bool deleteConversation(qint64 id);  // soft delete: hidden at once, undoable
    bool restoreConversation(qint64 id); // the undo
    int purgeDeleted();                  // really removes soft-deleted ones (at startup/quit); how many, -1 on error
    qint64 duplicateConversation(qint64 id);          // whole tree copied, new ids
    qint64 forkConversation(qint64 messageId);        // new conversation = path root..message; remembers the source
    QList<ConversationSummary> conversations() const; // not deleted; pinned first, then by updatedAt desc
    std::optional<ConversationSummary> conversation(qint64 id) const; // also a soft-deleted one

    // Messages form a tree per conversation (edits and regenerations are siblings under one parent);
    // each conversation has an active leaf, and activePath() is root..leaf.
    qint64 appendMessage(qint64 conversationId, qint64 parentId, const ChatEntry &entry); // becomes the active leaf
    qint64 appendMessage(qint64 conversationId, qint64 parentId, const ChatEntry &entry, const QJsonObject &parameters);
    bool updateMessage(qint64 messageId, const ChatEntry &entry); // also while streaming (caller throttles)
    bool deleteMessage(qint64 messageId); // with its descendants; active leaf moves to a survivor
    std::optional<StoredMessage> message(qint64 messageId) const;
    QList<StoredMessage> activePath(qint64 conversationId) const;
    QList<StoredMessage> pathTo(qint64 messageId) const;
    QList<qint64> siblings(qint64 messageId) const; // same parent, creation order (incl. itself)
    // Every message of a conversation by parent (0 = first messages), creation order: the branch
    // counts of a whole path in one query.
    QHash<qint64, QList<qint64>> childrenByParent(qint64 conversationId) const;
    // Makes the path through `messageId` active: the leaf becomes its newest deepest descendant.
    bool selectBranch(qint64 messageId);

    // Full-text search (FTS5) over message text and titles; newest first within equal rank.
    // Any text is accepted: it is turned into a query of quoted terms, the last one a prefix.
    QList<SearchHit> search(const QString &query, int limit = 50) const;

    // Open tabs, moved here from QSettings: conversation ids in tab order, and the current one.
    QList<qint64> openTabs(int *current = nullptr) const;
    bool setOpenTabs(const QList<qint64> &ids, int current);

    // Named presets (JSON of ChatParameters without the model).
    QMap<QString, QJsonObject> presets() const;
    bool savePreset(const QString &name, const QJsonObject &parameters);
    bool removePreset(const QString &name);

    QSqlDatabase database() const; // for UsageLedger and HistoryExport on the same file

signals:
    void conversationsChanged(); // list-level changes (create/rename/pin/delete/restore/dup/fork)
    // Its messages changed in a way the list shows (updatedAt, message count, model): a message was
    // appended or deleted, or an answer finished streaming. Not emitted for each streamed write.
    void conversationUpdated(qint64 conversationId);

public:
    // Where open() copies a file of an older schema `version` before upgrading it.
    static QString backupPath(const QString &path, int version);
    // How long a call waits for another program's write to finish before it reports "locked".
    void setBusyTimeout(int milliseconds);

private:
    friend class HistoryImport;
    QString openFile(const QString &path);
    QSqlQuery &prepared(const QString &sql) const; // prepared once per connection, then reused
    bool run(QSqlQuery &query) const;
    bool fail(const QSqlError &error) const;
    bool failWith(const QString &sentence) const;
    bool updateConversationColumn(qint64 id, const QString &sql, const QVariant &value);
    QList<ConversationSummary> summaries(const QString &where, qint64 id) const;
    qint64 insertConversation(const ConversationSummary &summary, const QJsonObject &parameters);
    qint64 insertMessage(qint64 conversationId, qint64 parentId, const ChatEntry &entry, const QJsonObject &parameters,
                         qint64 createdAtMs);
    qint64 copyMessages(qint64 targetConversation, const QList<StoredMessage> &messages, qint64 oldLeaf);
    qint64 newestDescendant(qint64 messageId) const;
    bool setActiveLeaf(qint64 conversationId, qint64 leaf);

    QString m_connection;
    QString m_path;
    int m_busyTimeoutMs = 5000;
    mutable QString m_lastError;
    mutable QHash<QString, QSqlQuery *> m_queries;
    mutable std::unique_ptr<QSqlQuery> m_failedQuery;
};

} // namespace md
