#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace md {

class ConversationStore;

// One request to the API, from the GUI or from the proxy.
struct UsageRecord {
    QDateTime time;
    QString source; // "chat", "compare", "proxy"
    QString model;
    QString endpoint; // "chat", "fim", "embeddings"...
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    std::optional<double> costUsd; // nullopt = no price known ("unpriced", not $0)
};

struct UsageBucket {
    QDate day; // invalid for perModel() and totals()
    QString model;
    QString source;
    qint64 requests = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    double costUsd = 0;  // sum over priced requests only
    qint64 unpriced = 0; // requests without a price: their cost is unknown, not zero

    void add(const UsageRecord &record); // one more request in this bucket
};

// Every request, on the history database of a ConversationStore (which must stay alive and open).
// Days are local days; `to` is inclusive.
class UsageLedger {
public:
    explicit UsageLedger(ConversationStore *store);
    bool record(const UsageRecord &record);
    bool recordAll(const QList<UsageRecord> &records); // all in one transaction, or none
    QList<UsageRecord> records(const QDateTime &from, const QDateTime &to) const; // [from, to), oldest first
    QList<UsageBucket> perDay(const QDate &from, const QDate &to) const;    // one bucket per day and model (local time)
    QList<UsageBucket> perModel(const QDate &from, const QDate &to) const;  // day invalid
    QList<UsageBucket> perSource(const QDate &from, const QDate &to) const; // day invalid, model empty
    UsageBucket totals(const QDate &from, const QDate &to) const;
    QString toCsv(const QDate &from, const QDate &to) const; // header + one line per record, RFC 4180 quoting
    QString lastError() const;

private:
    QList<UsageBucket> grouped(const QDate &from, const QDate &to, const QString &column) const;

    ConversationStore *m_store;
    mutable QString m_lastError;
};

} // namespace md
