#include "store/StoreSchema.h"

#include "store/StoreError.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace md::StoreSchema {

namespace {

// Version 1: conversations and their message trees. Times are milliseconds since the epoch (UTC).
// The ChatEntry JSON in `entry` is the whole message; the other columns copy what is queried.
QStringList step1()
{
    return {
        // Marks the file as ours ("MDsk"), so a foreign SQLite file is recognised and left alone.
        QStringLiteral("PRAGMA application_id = 1296331627"),
        QStringLiteral("CREATE TABLE conversations ("
                       " id INTEGER PRIMARY KEY,"
                       " title TEXT NOT NULL DEFAULT '',"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL,"
                       " pinned INTEGER NOT NULL DEFAULT 0,"
                       " parameters TEXT NOT NULL DEFAULT '{}',"
                       " active_leaf INTEGER,"
                       " forked_from_message INTEGER,"
                       " deleted_at INTEGER)"),
        QStringLiteral("CREATE TABLE messages ("
                       " id INTEGER PRIMARY KEY,"
                       " conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,"
                       " parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,"
                       " depth INTEGER NOT NULL DEFAULT 0,"
                       " created_at INTEGER NOT NULL,"
                       " role TEXT NOT NULL,"
                       " kind TEXT NOT NULL DEFAULT 'message',"
                       " state TEXT NOT NULL DEFAULT 'done',"
                       " model TEXT NOT NULL DEFAULT '',"
                       " entry TEXT NOT NULL,"
                       " search_text TEXT NOT NULL DEFAULT '',"
                       " parameters TEXT,"
                       " prompt_tokens INTEGER,"
                       " completion_tokens INTEGER,"
                       " cost_usd REAL,"
                       " ttft_ms INTEGER,"
                       " duration_ms INTEGER,"
                       " finish_reason TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX messages_conversation ON messages(conversation_id, id)"),
        QStringLiteral("CREATE INDEX messages_children ON messages(conversation_id, parent_id, id)"),
        QStringLiteral("CREATE INDEX messages_parent ON messages(parent_id)"),
        QStringLiteral("CREATE INDEX messages_streaming ON messages(id) WHERE state = 'streaming'"),
        QStringLiteral("CREATE INDEX conversations_list ON conversations(deleted_at, pinned, updated_at)"),
    };
}

// Version 2: full-text search. Message text is indexed from the messages table itself (external
// content) and only once a message has left 'streaming', so the many writes of a growing answer
// touch no index; one trigger does delete-then-insert so the two never run out of order.
QStringList step2()
{
    return {
        // Prefix indexes for 2 and 3 characters: "ra*" as the user types is otherwise a scan of
        // every term starting with "ra".
        QStringLiteral("CREATE VIRTUAL TABLE message_fts USING fts5(search_text, content='messages',"
                       " content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
        QStringLiteral("CREATE VIRTUAL TABLE title_fts USING fts5(title, tokenize='unicode61 remove_diacritics 2')"),
        QStringLiteral("CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages"
                       " WHEN new.state <> 'streaming' BEGIN"
                       " INSERT INTO message_fts(rowid, search_text) VALUES (new.id, new.search_text);"
                       " END"),
        QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages"
                       " WHEN old.state <> 'streaming' BEGIN"
                       " INSERT INTO message_fts(message_fts, rowid, search_text)"
                       " VALUES ('delete', old.id, old.search_text);"
                       " END"),
        QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_text, state ON messages"
                       " WHEN old.state <> 'streaming' OR new.state <> 'streaming' BEGIN"
                       " INSERT INTO message_fts(message_fts, rowid, search_text)"
                       " SELECT 'delete', old.id, old.search_text WHERE old.state <> 'streaming';"
                       " INSERT INTO message_fts(rowid, search_text)"
                       " SELECT new.id, new.search_text WHERE new.state <> 'streaming';"
                       " END"),
        QStringLiteral("CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN"
                       " INSERT INTO title_fts(rowid, title) VALUES (new.id, new.title);"
                       " END"),
        QStringLiteral("CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN"
                       " DELETE FROM title_fts WHERE rowid = old.id;"
                       " INSERT INTO title_fts(rowid, title) VALUES (new.id, new.title);"
                       " END"),
        QStringLiteral("CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN"
                       " DELETE FROM title_fts WHERE rowid = old.id;"
                       " END"),
        // What version 1 stored becomes findable.
        QStringLiteral("INSERT INTO message_fts(rowid, search_text)"
                       " SELECT id, search_text FROM messages WHERE state <> 'streaming'"),
        QStringLiteral("INSERT INTO title_fts(rowid, title) SELECT id, title FROM conversations"),
    };
}

// Version 3: the usage ledger, one row per API request from the GUI or the proxy.
QStringList step3()
{
    return {
        QStringLiteral("CREATE TABLE usage ("
                       " id INTEGER PRIMARY KEY,"
                       " time INTEGER NOT NULL,"
                       " source TEXT NOT NULL,"
                       " model TEXT NOT NULL DEFAULT '',"
                       " endpoint TEXT NOT NULL DEFAULT '',"
                       " prompt_tokens INTEGER NOT NULL DEFAULT 0,"
                       " completion_tokens INTEGER NOT NULL DEFAULT 0,"
                       " cost_usd REAL)"),
        QStringLiteral("CREATE INDEX usage_time ON usage(time)"),
    };
}

// Version 4: state that used to live in QSettings: open tabs, parameter presets, small settings.
QStringList step4()
{
    return {
        QStringLiteral("CREATE TABLE open_tabs ("
                       " position INTEGER PRIMARY KEY,"
                       " conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE)"),
        QStringLiteral("CREATE TABLE presets (name TEXT PRIMARY KEY, parameters TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value)"),
    };
}

} // namespace

QList<QStringList> steps()
{
    return {step1(), step2(), step3(), step4()};
}

qint64 applicationId()
{
    return 1296331627;
}

int latestVersion()
{
    return 4;
}

int version(const QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        if (error)
            *error = StoreError::sentence(q.lastError());
        return -1;
    }
    return q.value(0).toInt();
}

bool migrate(QSqlDatabase &db, int target, QString *error)
{
    const QList<QStringList> all = steps();
    int current = version(db, error);
    if (current < 0)
        return false;
    while (current < target) {
        QSqlQuery q(db);
        auto failed = [&] {
            if (error)
                *error = StoreError::sentence(q.lastError());
            q.exec(QStringLiteral("ROLLBACK"));
            return false;
        };
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return failed();
        for (const QString &statement : all.at(current)) {
            if (!q.exec(statement))
                return failed();
        }
        // PRAGMA takes no bound values; the number comes from this code, never from outside.
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(current + 1)))
            return failed();
        if (!q.exec(QStringLiteral("COMMIT")))
            return failed();
        ++current;
    }
    return true;
}

} // namespace md::StoreSchema
