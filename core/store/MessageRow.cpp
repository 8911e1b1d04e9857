#include "store/MessageRow.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace md::MessageRow {

QString columns(const QString &alias)
{
    static const QStringList names
        = {QStringLiteral("id"),         QStringLiteral("conversation_id"), QStringLiteral("parent_id"),
           QStringLiteral("created_at"), QStringLiteral("state"),           QStringLiteral("entry"),
           QStringLiteral("parameters")};
    QStringList out;
    out.reserve(names.size());
    for (const QString &n : names)
        out << alias + n;
    return out.join(QStringLiteral(", "));
}

StoredMessage read(const QSqlQuery &query)
{
    StoredMessage m;
    m.id = query.value(0).toLongLong();
    m.conversationId = query.value(1).toLongLong();
    m.parentId = query.value(2).toLongLong(); // NULL reads as 0
    m.createdAt = fromMs(query.value(3));
    m.entry = ChatEntry::fromJson(QJsonDocument::fromJson(query.value(5).toByteArray()).object());
    m.entry.id = quint64(m.id);
    m.entry.state = ChatEntry::stateFromName(query.value(4).toString());
    const QVariant parameters = query.value(6);
    if (!parameters.isNull())
        m.parameters = QJsonDocument::fromJson(parameters.toByteArray()).object();
    return m;
}

void bindEntry(QSqlQuery &query, const ChatEntry &entry)
{
    query.bindValue(QStringLiteral(":role"), ChatMessage::roleName(entry.message.role));
    query.bindValue(QStringLiteral(":kind"),
                    entry.kind == ChatEntry::Kind::ErrorCard ? QStringLiteral("error") : QStringLiteral("message"));
    query.bindValue(QStringLiteral(":state"), ChatEntry::stateName(entry.state));
    query.bindValue(QStringLiteral(":model"), text(entry.model));
    query.bindValue(QStringLiteral(":entry"), QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact));
    query.bindValue(QStringLiteral(":search_text"), text(searchText(entry)));
    query.bindValue(QStringLiteral(":prompt_tokens"),
                    entry.hasUsage ? QVariant(entry.usage.promptTokens) : QVariant(QMetaType(QMetaType::LongLong)));
    query.bindValue(QStringLiteral(":completion_tokens"),
                    entry.hasUsage ? QVariant(entry.usage.completionTokens) : QVariant(QMetaType(QMetaType::LongLong)));
    query.bindValue(QStringLiteral(":cost_usd"),
                    entry.costUsd ? QVariant(*entry.costUsd) : QVariant(QMetaType(QMetaType::Double)));
    query.bindValue(QStringLiteral(":ttft_ms"),
                    entry.timeToFirstTokenMs >= 0 ? QVariant(entry.timeToFirstTokenMs)
                                                  : QVariant(QMetaType(QMetaType::LongLong)));
    query.bindValue(QStringLiteral(":duration_ms"),
                    entry.durationMs >= 0 ? QVariant(entry.durationMs) : QVariant(QMetaType(QMetaType::LongLong)));
    query.bindValue(QStringLiteral(":finish_reason"), text(entry.finishReason));
}

QString searchText(const ChatEntry &entry)
{
    QStringList parts;
    const QString text = entry.message.plainText();
    if (!text.isEmpty())
        parts << text;
    if (!entry.thinking.isEmpty())
        parts << entry.thinking;
    for (const ToolCall &call : entry.message.toolCalls)
        parts << call.name << call.arguments;
    if (!entry.errorTitle.isEmpty())
        parts << entry.errorTitle;
    if (!entry.errorText.isEmpty())
        parts << entry.errorText;
    return parts.join(QLatin1Char('\n'));
}

qint64 toMs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}

QDateTime fromMs(const QVariant &ms)
{
    return ms.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms.toLongLong());
}

} // namespace md::MessageRow
