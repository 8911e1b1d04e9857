#pragma once

#include "store/ConversationStore.h"

class QSqlQuery;

namespace md::MessageRow {

// Columns read by read(), in its order; prefix with a table alias when joining ("m.").
QString columns(const QString &alias = {});

// The StoredMessage of the current row of a query that selected columns() first. The `state`
// column wins over the JSON's (the store rewrites it, e.g. streaming -> interrupted).
StoredMessage read(const QSqlQuery &query);

// Binds :role :kind :state :model :entry :search_text :prompt_tokens :completion_tokens :cost_usd
// :ttft_ms :duration_ms :finish_reason from an entry.
void bindEntry(QSqlQuery &query, const ChatEntry &entry);

QString stateName(ChatEntry::State state);
ChatEntry::State stateFromName(const QString &name);

// What search finds of a message: its text parts, its reasoning, tool calls and error text.
QString searchText(const ChatEntry &entry);

// SQLite's driver binds a null QString as NULL; text columns are NOT NULL, so bind through this.
inline QString text(const QString &s)
{
    return s.isNull() ? QString(QLatin1String("")) : s;
}

// Milliseconds since the epoch <-> QDateTime, as the store keeps times.
qint64 toMs(const QDateTime &time);
QDateTime fromMs(const QVariant &ms);

} // namespace md::MessageRow
