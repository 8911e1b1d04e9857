#include "store/HistoryExport.h"

#include "store/ConversationStore.h"
#include "store/HistoryImport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <algorithm>

namespace md::HistoryExport {

namespace {

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// lupdate files the messages of this file under the context named here (no Q_OBJECT class).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::HistoryExport)
};

QJsonObject envelope()
{
    QJsonObject o;
    o.insert(QLatin1String("format"), QLatin1String(kFormatName));
    o.insert(QLatin1String("version"), kFormatVersion);
    o.insert(QLatin1String("exported_at"), iso(QDateTime::currentDateTime()));
    o.insert(QLatin1String("app_version"), QStringLiteral(MD_VERSION));
    return o;
}

// Every message of the conversation, parents before children, so an importer can rebuild the tree
// in one pass.
QJsonObject conversationJson(const ConversationStore &store, const ConversationSummary &s)
{
    QJsonObject c;
    c.insert(QLatin1String("id"), QString::number(s.id));
    c.insert(QLatin1String("title"), s.title);
    c.insert(QLatin1String("created_at"), iso(s.createdAt));
    c.insert(QLatin1String("updated_at"), iso(s.updatedAt));
    c.insert(QLatin1String("pinned"), s.pinned);
    c.insert(QLatin1String("parameters"), store.parameters(s.id));
    if (s.forkedFromMessage)
        c.insert(QLatin1String("forked_from_message"), QString::number(s.forkedFromMessage));
    if (s.activeLeaf)
        c.insert(QLatin1String("active_leaf"), QString::number(s.activeLeaf));
    QJsonArray messages;
    QSqlQuery q(store.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM messages WHERE conversation_id = ? ORDER BY id"));
    q.bindValue(0, s.id);
    QList<qint64> ids;
    if (q.exec()) {
        while (q.next())
            ids << q.value(0).toLongLong();
    }
    for (const qint64 id : std::as_const(ids)) {
        const std::optional<StoredMessage> m = store.message(id);
        if (!m)
            continue;
        QJsonObject mo;
        mo.insert(QLatin1String("id"), QString::number(m->id));
        if (m->parentId)
            mo.insert(QLatin1String("parent"), QString::number(m->parentId));
        mo.insert(QLatin1String("created_at"), iso(m->createdAt));
        if (!m->parameters.isEmpty())
            mo.insert(QLatin1String("parameters"), m->parameters);
        QJsonObject entry = m->entry.toJson();
        entry.remove(QLatin1String("id")); // the message's id above is the one that counts
        mo.insert(QLatin1String("entry"), entry);
        messages.append(mo);
    }
    c.insert(QLatin1String("messages"), messages);
    return c;
}

QString roleTitle(const ChatEntry &e)
{
    if (e.kind == ChatEntry::Kind::ErrorCard)
        return Tr::tr("Error");
    switch (e.message.role) {
    case ChatMessage::Role::System:
        return Tr::tr("System");
    case ChatMessage::Role::User:
        return Tr::tr("User");
    case ChatMessage::Role::Assistant:
        return Tr::tr("Assistant");
    case ChatMessage::Role::Tool:
        return Tr::tr("Tool");
    }
    return {};
}

// An image is a note, not megabytes of base64: its type and size for data URIs, the link otherwise.
QString imageNote(const QString &url)
{
    if (!url.startsWith(QLatin1String("data:")))
        return QStringLiteral("![%1](%2)").arg(Tr::tr("image"), url);
    const qsizetype comma = url.indexOf(QLatin1Char(','));
    const QString mime = url.mid(5, url.indexOf(QLatin1Char(';')) - 5);
    const qint64 bytes = comma < 0 ? 0 : qint64(url.size() - comma - 1) * 3 / 4;
    return QStringLiteral("*[%1]*").arg(
        Tr::tr("image: %1, %2, not included")
            .arg(mime.isEmpty() ? Tr::tr("unknown type") : mime, QLocale::c().formattedDataSize(bytes)));
}

} // namespace

QJsonObject exportConversation(const ConversationStore &store, qint64 id)
{
    QJsonObject o = envelope();
    QJsonArray list;
    if (const std::optional<ConversationSummary> s = store.conversation(id))
        list.append(conversationJson(store, *s));
    o.insert(QLatin1String("conversations"), list);
    return o;
}

QJsonObject exportAll(const ConversationStore &store)
{
    QJsonObject o = envelope();
    QJsonArray list;
    QList<ConversationSummary> all = store.conversations();
    // Oldest first (ids break ties), so an import recreates them in the order they were made and
    // exporting the imported history gives the same file.
    std::stable_sort(all.begin(), all.end(), [](const ConversationSummary &a, const ConversationSummary &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    for (const ConversationSummary &s : std::as_const(all))
        list.append(conversationJson(store, s));
    o.insert(QLatin1String("conversations"), list);
    return o;
}

QString toMarkdown(const ConversationStore &store, qint64 id)
{
    const std::optional<ConversationSummary> s = store.conversation(id);
    if (!s)
        return {};
    QStringList out;
    out << QStringLiteral("# ") + (s->title.isEmpty() ? Tr::tr("Untitled conversation") : s->title);
    QString meta = Tr::tr("Exported from Mistral Desk on %1")
                       .arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::LongFormat));
    if (!s->model.isEmpty())
        meta += QStringLiteral(" · ") + Tr::tr("model %1").arg(s->model);
    out << QStringLiteral("_") + meta + QStringLiteral("_");

    const QList<StoredMessage> path = store.activePath(id);
    for (const StoredMessage &m : path) {
        const ChatEntry &e = m.entry;
        QString heading = QStringLiteral("## ") + roleTitle(e);
        if (e.message.role == ChatMessage::Role::Tool && !e.message.name.isEmpty())
            heading += QStringLiteral(" · `") + e.message.name + QLatin1Char('`');
        if (!e.model.isEmpty())
            heading += QStringLiteral(" · ") + e.model;
        out << heading;
        if (e.kind == ChatEntry::Kind::ErrorCard) {
            out << QStringLiteral("> **") + e.errorTitle + QStringLiteral("**  \n> ") + e.errorText;
            continue;
        }
        if (!e.thinking.isEmpty()) {
            QString quoted = e.thinking;
            quoted.replace(QLatin1Char('\n'), QStringLiteral("\n> "));
            out << QStringLiteral("> *") + Tr::tr("Reasoning") + QStringLiteral("*\n> ") + quoted;
        }
        if (e.message.chunks.isEmpty()) {
            if (!e.message.content.isEmpty())
                out << e.message.content;
        } else {
            for (const ContentChunk &c : e.message.chunks) {
                switch (c.type) {
                case ContentChunk::Type::Text:
                    out << c.text;
                    break;
                case ContentChunk::Type::ImageUrl:
                    out << imageNote(c.url);
                    break;
                case ContentChunk::Type::DocumentUrl:
                    out << QStringLiteral("*[%1]*").arg(
                        Tr::tr("document: %1").arg(c.documentName.isEmpty() ? Tr::tr("unnamed") : c.documentName));
                    break;
                case ContentChunk::Type::Thinking:
                    out << QStringLiteral("> ") + c.text;
                    break;
                case ContentChunk::Type::Other:
                    out << QStringLiteral("*[%1]*").arg(Tr::tr("attachment not shown"));
                    break;
                }
            }
        }
        for (const ToolCall &call : e.message.toolCalls) {
            QByteArray args = call.arguments.toUtf8();
            const QJsonDocument doc = QJsonDocument::fromJson(args);
            if (!doc.isNull())
                args = doc.toJson(QJsonDocument::Indented).trimmed();
            out << Tr::tr("Tool call `%1`:").arg(call.name) + QStringLiteral("\n```json\n") + QString::fromUtf8(args)
                    + QStringLiteral("\n```");
        }
        if (e.state == ChatEntry::State::Interrupted || e.state == ChatEntry::State::Cancelled)
            out << QStringLiteral("*") + Tr::tr("(answer incomplete)") + QStringLiteral("*");
    }
    return out.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
}

int importJson(ConversationStore &store, const QByteArray &json, QString *error)
{
    return HistoryImport::run(store, json, error);
}

} // namespace md::HistoryExport
