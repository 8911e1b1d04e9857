#pragma once

#include "store/UsageLedger.h"

#include <QDate>
#include <QList>
#include <QString>

namespace md {

// What the Usage page shows for one range and source: per day and model, per model, and totals.
// Built from the ledger's records because the ledger's own groupings can't filter by source; the
// day of a request is its local day, as in UsageLedger::perDay.
struct UsageSummary {
    QDate from, to;              // inclusive
    QString source;              // empty = all
    QList<UsageBucket> perDay;   // sorted by day, then model
    QList<UsageBucket> perModel; // sorted by cost, then tokens, descending
    UsageBucket totals;

    static UsageSummary build(const QList<UsageRecord> &records, const QDate &from, const QDate &to,
                              const QString &source);
    static UsageSummary fromLedger(const UsageLedger &ledger, const QDate &from, const QDate &to,
                                   const QString &source);
};

} // namespace md
