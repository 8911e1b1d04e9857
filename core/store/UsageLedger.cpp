#include "store/UsageLedger.h"

#include "store/ConversationStore.h"
#include "store/MessageRow.h"
#include "store/StoreError.h"
#include "store/StoreTransaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace md {

namespace {

// Local midnight of `day`, in ms since the epoch; `to` days are inclusive, so the end is the next
// day's midnight.
qint64 startOf(const QDate &day)
{
    return day.startOfDay().toMSecsSinceEpoch();
}

qint64 endOf(const QDate &day)
{
    return day.addDays(1).startOfDay().toMSecsSinceEpoch();
}

QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n'))
        && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

void UsageBucket::add(const UsageRecord &record)
{
    ++requests;
    promptTokens += record.promptTokens;
    completionTokens += record.completionTokens;
    if (record.costUsd)
        costUsd += *record.costUsd;
    else
        ++unpriced;
}

UsageLedger::UsageLedger(ConversationStore *store)
    : m_store(store)
{
}

QString UsageLedger::lastError() const
{
    return m_lastError;
}

bool UsageLedger::record(const UsageRecord &r)
{
    QSqlQuery q(m_store->database());
    q.prepare(QStringLiteral("INSERT INTO usage (time, source, model, endpoint, prompt_tokens, completion_tokens,"
                             " cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, r.time.isValid() ? r.time.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch());
    q.bindValue(1, MessageRow::text(r.source));
    q.bindValue(2, MessageRow::text(r.model));
    q.bindValue(3, MessageRow::text(r.endpoint));
    q.bindValue(4, r.promptTokens);
    q.bindValue(5, r.completionTokens);
    q.bindValue(6, r.costUsd ? QVariant(*r.costUsd) : QVariant(QMetaType(QMetaType::Double)));
    if (!q.exec()) {
        m_lastError = StoreError::sentence(q.lastError());
        return false;
    }
    return true;
}

bool UsageLedger::recordAll(const QList<UsageRecord> &records)
{
    StoreTransaction transaction(m_store->database());
    if (!transaction.isOpen()) {
        m_lastError = StoreError::sentence(transaction.error());
        return false;
    }
    for (const UsageRecord &r : records) {
        if (!record(r))
            return false; // the transaction rolls back: none of them is kept
    }
    if (!transaction.commit()) {
        m_lastError = StoreError::sentence(transaction.error());
        return false;
    }
    return true;
}

QList<UsageRecord> UsageLedger::records(const QDateTime &from, const QDateTime &to) const
{
    QList<UsageRecord> out;
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT time, source, model, endpoint, prompt_tokens, completion_tokens, cost_usd"
                             " FROM usage WHERE time >= ? AND time < ? ORDER BY time, id"));
    q.bindValue(0, from.toMSecsSinceEpoch());
    q.bindValue(1, to.toMSecsSinceEpoch());
    if (!q.exec()) {
        m_lastError = StoreError::sentence(q.lastError());
        return out;
    }
    while (q.next()) {
        UsageRecord r;
        r.time = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong());
        r.source = q.value(1).toString();
        r.model = q.value(2).toString();
        r.endpoint = q.value(3).toString();
        r.promptTokens = q.value(4).toLongLong();
        r.completionTokens = q.value(5).toLongLong();
        if (!q.value(6).isNull())
            r.costUsd = q.value(6).toDouble();
        out << r;
    }
    return out;
}

// Grouping happens here rather than in SQL so that "a day" is the same local day Qt shows (SQLite's
// 'localtime' may disagree with Qt's time zone database across DST changes).
QList<UsageBucket> UsageLedger::perDay(const QDate &from, const QDate &to) const
{
    QList<UsageBucket> out;
    QMap<std::pair<QDate, QString>, qsizetype> index;
    const QList<UsageRecord> all = records(from.startOfDay(), to.addDays(1).startOfDay());
    for (const UsageRecord &r : all) {
        const auto key = std::make_pair(r.time.date(), r.model);
        auto it = index.find(key);
        if (it == index.end()) {
            UsageBucket b;
            b.day = key.first;
            b.model = r.model;
            it = index.insert(key, out.size());
            out << b;
        }
        out[*it].add(r);
    }
    std::sort(out.begin(), out.end(), [](const UsageBucket &a, const UsageBucket &b) {
        return a.day != b.day ? a.day < b.day : a.model < b.model;
    });
    return out;
}

QList<UsageBucket> UsageLedger::grouped(const QDate &from, const QDate &to, const QString &column) const
{
    QList<UsageBucket> out;
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    // `column` is one of two names chosen in this file, never user text.
    q.prepare(QStringLiteral("SELECT ") + column
              + QStringLiteral(", count(*), sum(prompt_tokens), sum(completion_tokens), total(cost_usd),"
                               " sum(cost_usd IS NULL) FROM usage WHERE time >= ? AND time < ? GROUP BY 1"
                               " ORDER BY 1"));
    q.bindValue(0, startOf(from));
    q.bindValue(1, endOf(to));
    if (!q.exec()) {
        m_lastError = StoreError::sentence(q.lastError());
        return out;
    }
    while (q.next()) {
        UsageBucket b;
        if (column == QLatin1String("model"))
            b.model = q.value(0).toString();
        else
            b.source = q.value(0).toString();
        b.requests = q.value(1).toLongLong();
        b.promptTokens = q.value(2).toLongLong();
        b.completionTokens = q.value(3).toLongLong();
        b.costUsd = q.value(4).toDouble();
        b.unpriced = q.value(5).toLongLong();
        out << b;
    }
    return out;
}

QList<UsageBucket> UsageLedger::perModel(const QDate &from, const QDate &to) const
{
    return grouped(from, to, QStringLiteral("model"));
}

QList<UsageBucket> UsageLedger::perSource(const QDate &from, const QDate &to) const
{
    return grouped(from, to, QStringLiteral("source"));
}

UsageBucket UsageLedger::totals(const QDate &from, const QDate &to) const
{
    UsageBucket total;
    const QList<UsageBucket> models = perModel(from, to);
    for (const UsageBucket &b : models) {
        total.requests += b.requests;
        total.promptTokens += b.promptTokens;
        total.completionTokens += b.completionTokens;
        total.costUsd += b.costUsd;
        total.unpriced += b.unpriced;
    }
    return total;
}

QString UsageLedger::toCsv(const QDate &from, const QDate &to) const
{
    QString csv = QStringLiteral("time,source,model,endpoint,prompt_tokens,completion_tokens,cost_usd\r\n");
    const QList<UsageRecord> all = records(from.startOfDay(), to.addDays(1).startOfDay());
    for (const UsageRecord &r : all) {
        const QStringList fields = {
            r.time.toUTC().toString(Qt::ISODateWithMs),
            csvField(r.source),
            csvField(r.model),
            csvField(r.endpoint),
            QString::number(r.promptTokens),
            QString::number(r.completionTokens),
            r.costUsd ? QString::number(*r.costUsd, 'f', 6) : QString(),
        };
        csv += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return csv;
}

} // namespace md
