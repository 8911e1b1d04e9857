#include "store/ConversationStore.h"

#include "Logging.h"
#include "store/MessageRow.h"
#include "store/StoreError.h"
#include "store/StoreSchema.h"
#include "store/StoreTransaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <atomic>

namespace md {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject objectFrom(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toByteArray()).object();
}

const QFile::Permissions kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner;

} // namespace

ConversationStore::ConversationStore(QObject *parent)
    : QObject(parent)
{
}

ConversationStore::~ConversationStore()
{
    close();
}

QString ConversationStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/history.sqlite");
}

bool ConversationStore::open(const QString &path, QString *error)
{
    close();
    const QString why = openFile(path);
    if (why.isEmpty()) {
        m_lastError.clear();
        return true;
    }
    close(); // after openFile() let go of its handles, so the connection can be removed
    m_lastError = why;
    if (error)
        *error = why;
    qCWarning(lcStore) << "cannot open history" << path << ":" << why;
    return false;
}

// Empty when the file is open and up to date, else a sentence for the user.
QString ConversationStore::openFile(const QString &path)
{
    auto refuse = [](const QString &sentence) { return sentence; };

    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return refuse(tr("The folder %1 for the history cannot be created.").arg(info.absolutePath()));
    if (info.exists()) {
        if (!info.isFile())
            return refuse(tr("%1 is not a file, so it cannot hold the history.").arg(path));
        if (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable())
            return refuse(tr("The history file %1 is read-only (or its folder is), so chats could not be "
                             "saved; check its permissions.")
                              .arg(path));
    } else {
        // Created empty with owner-only permissions, so the history is never readable by others.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly, kOwnerOnly))
            return refuse(tr("The history file %1 cannot be created: %2.").arg(path, file.errorString()));
    }

    static std::atomic<int> counter {0};
    m_connection = QStringLiteral("md-store-%1").arg(++counter);
    m_path = path;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs));
        if (!db.open())
            return refuse(StoreError::sentence(db.lastError()));
    }
    QSqlDatabase db = database();

    QString why;
    const int version = StoreSchema::version(db, &why);
    if (version < 0)
        return refuse(why);
    if (version > StoreSchema::latestVersion())
        return refuse(tr("This history was saved by a newer version of Mistral Desk (schema %1; this "
                         "version reads up to %2). Update Mistral Desk to open it; the file was left "
                         "unchanged.")
                          .arg(version)
                          .arg(StoreSchema::latestVersion()));
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next())
            return refuse(StoreError::sentence(q.lastError()));
        const qint64 appId = q.value(0).toLongLong();
        q.finish();
        bool foreign = appId != 0 && appId != StoreSchema::applicationId();
        if (version == 0 && !foreign) {
            if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
                return refuse(StoreError::sentence(q.lastError()));
            foreign = q.value(0).toLongLong() > 0;
            q.finish();
        }
        if (foreign)
            return refuse(tr("%1 is a database of another program, not a Mistral Desk history; it was left "
                             "unchanged.")
                              .arg(path));
        if (!q.exec(QStringLiteral("PRAGMA foreign_keys = ON"))
            || !q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"))
            // 16 MB of page cache (default 2 MB): the search index and a long conversation stay warm.
            || !q.exec(QStringLiteral("PRAGMA cache_size = -16384"))
            || !q.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
            return refuse(StoreError::sentence(q.lastError()));
        if (q.next() && q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            qCWarning(lcStore) << "history is not in WAL mode:" << q.value(0).toString();
        q.finish();
    }
    if (version > 0 && version < StoreSchema::latestVersion()) {
        // A copy of the file as it was, before a migration rewrites it: an upgrade that goes wrong
        // in a way no test foresaw still loses nothing.
        const QString backup = backupPath(path, version);
        QFile::remove(backup);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("VACUUM INTO ?"));
        q.addBindValue(backup);
        if (!q.exec())
            return refuse(tr("The history could not be backed up before upgrading it, so it was left unchanged: %1")
                              .arg(StoreError::sentence(q.lastError())));
        QFile::setPermissions(backup, kOwnerOnly);
        qCInfo(lcStore) << "history schema" << version << "backed up to" << backup;
    }
    if (!StoreSchema::migrate(db, StoreSchema::latestVersion(), &why))
        return refuse(why);
    {
        // What was streaming when the app last stopped will never finish: say so, and make it findable.
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("UPDATE messages SET state = 'interrupted' WHERE state = 'streaming'")))
            return refuse(StoreError::sentence(q.lastError()));
        if (q.numRowsAffected() > 0)
            qCInfo(lcStore) << q.numRowsAffected() << "message(s) marked interrupted";
    }
    for (const QString &file : QStringList {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        if (QFile::exists(file) && !QFile::setPermissions(file, kOwnerOnly))
            qCWarning(lcStore) << "cannot restrict permissions of" << file;
    }
    return {};
}

QString ConversationStore::backupPath(const QString &path, int version)
{
    return path + QStringLiteral(".schema%1.bak").arg(version);
}

void ConversationStore::close()
{
    qDeleteAll(m_queries);
    m_queries.clear();
    if (m_connection.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

bool ConversationStore::isOpen() const
{
    return !m_connection.isEmpty() && database().isOpen();
}

QString ConversationStore::lastError() const
{
    return m_lastError;
}

QString ConversationStore::path() const
{
    return m_path;
}

void ConversationStore::setBusyTimeout(int milliseconds)
{
    m_busyTimeoutMs = milliseconds;
}

QSqlDatabase ConversationStore::database() const
{
    return m_connection.isEmpty() ? QSqlDatabase() : QSqlDatabase::database(m_connection, false);
}

QSqlQuery &ConversationStore::prepared(const QString &sql) const
{
    if (m_connection.isEmpty()) {
        m_failedQuery = std::make_unique<QSqlQuery>(); // run() refuses it: "not open"
        return *m_failedQuery;
    }
    if (QSqlQuery *q = m_queries.value(sql))
        return *q;
    auto *q = new QSqlQuery(database());
    q->setForwardOnly(true);
    if (q->prepare(sql)) {
        m_queries.insert(sql, q);
        return *q;
    }
    // Kept apart so a failed statement is prepared again next time (the file may have come back).
    m_failedQuery.reset(q);
    return *q;
}

bool ConversationStore::run(QSqlQuery &query) const
{
    if (m_connection.isEmpty()) {
        m_lastError = tr("The history is not open.");
        return false;
    }
    if (query.exec())
        return true;
    return fail(query.lastError());
}

bool ConversationStore::fail(const QSqlError &error) const
{
    m_lastError = StoreError::sentence(error);
    qCWarning(lcStore) << "history:" << error.text();
    return false;
}

bool ConversationStore::failWith(const QString &sentence) const
{
    m_lastError = sentence;
    return false;
}

// ---- Conversations ----

qint64 ConversationStore::createConversation(const QString &title, const QJsonObject &parameters)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery &q = prepared(QStringLiteral("INSERT INTO conversations (title, created_at, updated_at, parameters)"
                                           " VALUES (?, ?, ?, ?)"));
    q.bindValue(0, MessageRow::text(title));
    q.bindValue(1, now);
    q.bindValue(2, now);
    q.bindValue(3, compact(parameters));
    if (!run(q))
        return 0;
    const qint64 id = q.lastInsertId().toLongLong();
    emit conversationsChanged();
    return id;
}

bool ConversationStore::updateConversationColumn(qint64 id, const QString &sql, const QVariant &value)
{
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, value);
    q.bindValue(1, id);
    if (!run(q))
        return false;
    if (q.numRowsAffected() == 0)
        return failWith(tr("That conversation no longer exists."));
    return true;
}

bool ConversationStore::renameConversation(qint64 id, const QString &title)
{
    if (!updateConversationColumn(id, QStringLiteral("UPDATE conversations SET title = ? WHERE id = ?"),
                                  MessageRow::text(title)))
        return false;
    emit conversationsChanged();
    return true;
}

bool ConversationStore::setPinned(qint64 id, bool pinned)
{
    if (!updateConversationColumn(id, QStringLiteral("UPDATE conversations SET pinned = ? WHERE id = ?"),
                                  pinned ? 1 : 0))
        return false;
    emit conversationsChanged();
    return true;
}

bool ConversationStore::setParameters(qint64 id, const QJsonObject &parameters)
{
    return updateConversationColumn(id, QStringLiteral("UPDATE conversations SET parameters = ? WHERE id = ?"),
                                    compact(parameters));
}

QJsonObject ConversationStore::parameters(qint64 id) const
{
    QSqlQuery &q = prepared(QStringLiteral("SELECT parameters FROM conversations WHERE id = ?"));
    q.bindValue(0, id);
    if (!run(q) || !q.next())
        return {};
    const QJsonObject o = objectFrom(q.value(0));
    q.finish();
    return o;
}

bool ConversationStore::deleteConversation(qint64 id)
{
    if (!updateConversationColumn(id,
                                  QStringLiteral("UPDATE conversations SET deleted_at = ? WHERE id = ?"
                                                 " AND deleted_at IS NULL"),
                                  QDateTime::currentMSecsSinceEpoch()))
        return false;
    emit conversationsChanged();
    return true;
}

bool ConversationStore::restoreConversation(qint64 id)
{
    QSqlQuery &q = prepared(QStringLiteral("UPDATE conversations SET deleted_at = NULL WHERE id = ?"));
    q.bindValue(0, id);
    if (!run(q))
        return false;
    if (q.numRowsAffected() == 0)
        return failWith(tr("That conversation no longer exists."));
    emit conversationsChanged();
    return true;
}

int ConversationStore::purgeDeleted()
{
    StoreTransaction t(database());
    if (!t.isOpen()) {
        fail(t.error());
        return -1;
    }
    // Messages first, explicitly, so their search index rows go with them.
    QSqlQuery &messages = prepared(QStringLiteral(
        "DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE deleted_at IS NOT NULL)"));
    if (!run(messages))
        return -1;
    QSqlQuery &conversations = prepared(QStringLiteral("DELETE FROM conversations WHERE deleted_at IS NOT NULL"));
    if (!run(conversations))
        return -1;
    const int n = conversations.numRowsAffected();
    if (!t.commit()) {
        fail(t.error());
        return -1;
    }
    return n;
}

QList<ConversationSummary> ConversationStore::summaries(const QString &where, qint64 id) const
{
    QSqlQuery &q = prepared(
        QStringLiteral("SELECT c.id, c.title, c.created_at, c.updated_at, c.pinned, c.forked_from_message,"
                       " c.active_leaf, COALESCE((SELECT depth + 1 FROM messages WHERE id = c.active_leaf), 0),"
                       " COALESCE((SELECT model FROM messages WHERE conversation_id = c.id AND model <> ''"
                       " ORDER BY id DESC LIMIT 1), json_extract(c.parameters, '$.model'), ''),"
                       " c.deleted_at IS NOT NULL"
                       " FROM conversations c WHERE ")
        + where + QStringLiteral(" ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC"));
    if (id)
        q.bindValue(0, id);
    QList<ConversationSummary> out;
    if (!run(q))
        return out;
    while (q.next()) {
        ConversationSummary s;
        s.id = q.value(0).toLongLong();
        s.title = q.value(1).toString();
        s.createdAt = MessageRow::fromMs(q.value(2));
        s.updatedAt = MessageRow::fromMs(q.value(3));
        s.pinned = q.value(4).toBool();
        s.forkedFromMessage = q.value(5).toLongLong();
        s.activeLeaf = q.value(6).toLongLong();
        s.messageCount = q.value(7).toLongLong();
        s.model = q.value(8).toString();
        s.deleted = q.value(9).toBool();
        out << s;
    }
    q.finish();
    return out;
}

QList<ConversationSummary> ConversationStore::conversations() const
{
    return summaries(QStringLiteral("c.deleted_at IS NULL"), 0);
}

std::optional<ConversationSummary> ConversationStore::conversation(qint64 id) const
{
    const QList<ConversationSummary> one = summaries(QStringLiteral("c.id = ?"), id);
    if (one.isEmpty())
        return std::nullopt;
    return one.first();
}

} // namespace md
