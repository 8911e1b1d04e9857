// ConversationStore, fourth part: small state that used to live in QSettings.
#include "store/ConversationStore.h"

#include "store/StoreTransaction.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace md {

namespace {

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject objectFrom(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toByteArray()).object();
}

} // namespace

QList<qint64> ConversationStore::openTabs(int *current) const
{
    QList<qint64> ids;
    if (current)
        *current = -1;
    // Tabs of soft-deleted conversations stay listed in the table (an undo brings them back) but
    // are not reopened.
    QSqlQuery &q = prepared(QStringLiteral("SELECT t.conversation_id FROM open_tabs t JOIN conversations c"
                                           " ON c.id = t.conversation_id WHERE c.deleted_at IS NULL"
                                           " ORDER BY t.position"));
    if (!run(q))
        return ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    q.finish();
    if (current) {
        QSqlQuery &c = prepared(QStringLiteral("SELECT value FROM meta WHERE key = 'current_tab'"));
        if (run(c) && c.next())
            *current = int(ids.indexOf(c.value(0).toLongLong()));
        c.finish();
    }
    return ids;
}

bool ConversationStore::setOpenTabs(const QList<qint64> &ids, int current)
{
    StoreTransaction t(database());
    if (!t.isOpen())
        return fail(t.error());
    if (!run(prepared(QStringLiteral("DELETE FROM open_tabs"))))
        return false;
    QSqlQuery &insert = prepared(QStringLiteral("INSERT INTO open_tabs (position, conversation_id) VALUES (?, ?)"));
    for (int i = 0; i < ids.size(); ++i) {
        insert.bindValue(0, i);
        insert.bindValue(1, ids.at(i));
        if (!run(insert))
            return false;
    }
    QSqlQuery &meta = prepared(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('current_tab', ?)"));
    meta.bindValue(0, nullableId(current >= 0 && current < ids.size() ? ids.at(current) : 0));
    if (!run(meta))
        return false;
    return t.commit() || fail(t.error());
}

QMap<QString, QJsonObject> ConversationStore::presets() const
{
    QMap<QString, QJsonObject> out;
    QSqlQuery &q = prepared(QStringLiteral("SELECT name, parameters FROM presets"));
    if (!run(q))
        return out;
    while (q.next())
        out.insert(q.value(0).toString(), objectFrom(q.value(1)));
    q.finish();
    return out;
}

bool ConversationStore::savePreset(const QString &name, const QJsonObject &parameters)
{
    if (name.trimmed().isEmpty())
        return failWith(tr("A preset needs a name."));
    QSqlQuery &q = prepared(QStringLiteral("INSERT OR REPLACE INTO presets (name, parameters) VALUES (?, ?)"));
    q.bindValue(0, name);
    q.bindValue(1, compact(parameters));
    return run(q);
}

bool ConversationStore::removePreset(const QString &name)
{
    QSqlQuery &q = prepared(QStringLiteral("DELETE FROM presets WHERE name = ?"));
    q.bindValue(0, name);
    if (!run(q))
        return false;
    return q.numRowsAffected() > 0 || failWith(tr("There is no preset named %1.").arg(name));
}

} // namespace md
