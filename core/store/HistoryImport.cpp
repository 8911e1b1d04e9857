#include "store/HistoryImport.h"

#include "store/ConversationStore.h"
#include "store/HistoryExport.h"
#include "store/MessageRow.h"
#include "store/StoreTransaction.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace md {

namespace {

// lupdate files the messages of this file under the context named here (no Q_OBJECT class).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::HistoryImport)
};

// Ids are written as strings (a double cannot hold every qint64); numbers are accepted too.
QString idOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return {};
}

QDateTime timeOf(const QJsonValue &v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t : QDateTime::currentDateTime();
}

struct Checked {
    QJsonObject conversation;
    QJsonArray messages;
};

// Everything is checked before anything is written, so the error names the first problem and the
// store is untouched.
bool check(const QJsonObject &root, QList<Checked> *out, QString *why)
{
    if (root.value(QLatin1String("format")).toString() != QLatin1String(HistoryExport::kFormatName)) {
        *why = Tr::tr("This file is not a Mistral Desk history export (its \"format\" is not \"%1\").")
                   .arg(QLatin1String(HistoryExport::kFormatName));
        return false;
    }
    const QJsonValue version = root.value(QLatin1String("version"));
    if (!version.isDouble() || version.toInteger() < 1) {
        *why = Tr::tr("The export has no valid \"version\" number.");
        return false;
    }
    if (version.toInteger() > HistoryExport::kFormatVersion) {
        *why = Tr::tr("This export was made by a newer Mistral Desk (format version %1; this version reads up to "
                      "%2). Update Mistral Desk to import it.")
                   .arg(version.toInteger())
                   .arg(HistoryExport::kFormatVersion);
        return false;
    }
    if (!root.value(QLatin1String("conversations")).isArray()) {
        *why = Tr::tr("The export has no \"conversations\" list.");
        return false;
    }
    const QJsonArray conversations = root.value(QLatin1String("conversations")).toArray();
    for (qsizetype ci = 0; ci < conversations.size(); ++ci) {
        const QString where = Tr::tr("Conversation %1 of the file").arg(ci + 1);
        if (!conversations.at(ci).isObject()) {
            *why = Tr::tr("%1 is not an object.").arg(where);
            return false;
        }
        const QJsonObject c = conversations.at(ci).toObject();
        if (!c.value(QLatin1String("title")).isString()) {
            *why = Tr::tr("%1 has no \"title\".").arg(where);
            return false;
        }
        if (!c.value(QLatin1String("messages")).isArray()) {
            *why = Tr::tr("%1 has no \"messages\" list.").arg(where);
            return false;
        }
        const QJsonArray messages = c.value(QLatin1String("messages")).toArray();
        QSet<QString> seen;
        for (qsizetype mi = 0; mi < messages.size(); ++mi) {
            const QString at = Tr::tr("Message %1 of conversation %2").arg(mi + 1).arg(ci + 1);
            const QJsonObject m = messages.at(mi).toObject();
            const QString id = idOf(m.value(QLatin1String("id")));
            if (!messages.at(mi).isObject() || id.isEmpty()) {
                *why = Tr::tr("%1 has no \"id\".").arg(at);
                return false;
            }
            if (seen.contains(id)) {
                *why = Tr::tr("%1 repeats the id %2.").arg(at, id);
                return false;
            }
            const QString parent = idOf(m.value(QLatin1String("parent")));
            if (!parent.isEmpty() && !seen.contains(parent)) {
                *why = Tr::tr("%1 answers message %2, which does not come before it.").arg(at, parent);
                return false;
            }
            const QJsonObject entry = m.value(QLatin1String("entry")).toObject();
            bool roleOk = false;
            ChatMessage::roleFromName(
                entry.value(QLatin1String("message")).toObject().value(QLatin1String("role")).toString(), &roleOk);
            if (!roleOk) {
                *why = Tr::tr("%1 has no \"entry\" with a message role.").arg(at);
                return false;
            }
            seen.insert(id);
        }
        out->append({c, messages});
    }
    return true;
}

} // namespace

int HistoryImport::run(ConversationStore &store, const QByteArray &json, QString *error)
{
    auto refuse = [&](const QString &why) {
        if (error)
            *error = why;
        store.m_lastError = why;
        return -1;
    };
    if (!store.isOpen())
        return refuse(Tr::tr("The history is not open."));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refuse(
            Tr::tr("The file is not valid JSON (%1 at byte %2).").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return refuse(Tr::tr("This file is not a Mistral Desk history export."));
    QList<Checked> checked;
    QString why;
    if (!check(doc.object(), &checked, &why))
        return refuse(why);

    StoreTransaction t(store.database());
    if (!t.isOpen()) {
        store.fail(t.error());
        return refuse(store.lastError());
    }
    QHash<QString, qint64> newIds; // across the file, for forks of another imported conversation
    QList<std::pair<qint64, QString>> forks;
    for (const Checked &c : std::as_const(checked)) {
        ConversationSummary s;
        s.title = c.conversation.value(QLatin1String("title")).toString();
        s.createdAt = timeOf(c.conversation.value(QLatin1String("created_at")));
        s.updatedAt = timeOf(c.conversation.value(QLatin1String("updated_at")));
        s.pinned = c.conversation.value(QLatin1String("pinned")).toBool();
        const qint64 conversationId
            = store.insertConversation(s, c.conversation.value(QLatin1String("parameters")).toObject());
        if (!conversationId)
            return refuse(store.lastError());
        const QString forkedFrom = idOf(c.conversation.value(QLatin1String("forked_from_message")));
        if (!forkedFrom.isEmpty())
            forks.append({conversationId, forkedFrom});
        QHash<QString, qint64> local;
        qint64 newest = 0;
        for (const QJsonValue &v : c.messages) {
            const QJsonObject m = v.toObject();
            const ChatEntry entry = ChatEntry::fromJson(m.value(QLatin1String("entry")).toObject());
            const qint64 parent = local.value(idOf(m.value(QLatin1String("parent"))));
            const qint64 id
                = store.insertMessage(conversationId, parent, entry, m.value(QLatin1String("parameters")).toObject(),
                                      MessageRow::toMs(timeOf(m.value(QLatin1String("created_at")))));
            if (!id)
                return refuse(store.lastError());
            local.insert(idOf(m.value(QLatin1String("id"))), id);
            newIds.insert(idOf(m.value(QLatin1String("id"))), id);
            newest = id;
        }
        const qint64 leaf = local.value(idOf(c.conversation.value(QLatin1String("active_leaf"))), newest);
        if (!store.setActiveLeaf(conversationId, leaf))
            return refuse(store.lastError());
    }
    for (const auto &[conversationId, source] : std::as_const(forks)) {
        QSqlQuery &q = store.prepared(QStringLiteral("UPDATE conversations SET forked_from_message = ? WHERE id = ?"));
        q.bindValue(0,
                    newIds.value(source) ? QVariant(newIds.value(source)) : QVariant(QMetaType(QMetaType::LongLong)));
        q.bindValue(1, conversationId);
        if (!store.run(q))
            return refuse(store.lastError());
    }
    if (!t.commit()) {
        store.fail(t.error());
        return refuse(store.lastError());
    }
    if (!checked.isEmpty())
        emit store.conversationsChanged();
    return int(checked.size());
}

} // namespace md
