#pragma once

#include "store/UsageLedger.h"

#include <QList>
#include <QString>

namespace md {

// Writes a busy producer's usage rows (the headless proxy's requests) in batches: add() keeps a row,
// flush() writes every kept row in one transaction, so a server answering hundreds of requests a
// second does one commit per event-loop pass rather than one per request. A failed flush (disk full,
// database locked by another program) keeps the rows for the next one; only beyond kMaxPending are the
// oldest dropped, and counted, so that a disk that stays full cannot make the server grow unbounded.
class UsageWriter {
public:
    static constexpr qsizetype kMaxPending = 100000; // about 10 MB of rows

    explicit UsageWriter(UsageLedger *ledger);

    void add(const UsageRecord &record);
    bool flush(); // true when every row kept so far is written
    qsizetype pending() const { return m_pending.size(); }
    QString lastError() const { return m_lastError; }

    // What this writer has put in the ledger (day invalid, model and source empty) and what it lost.
    UsageBucket written() const { return m_written; }
    qint64 dropped() const { return m_dropped; }

private:
    UsageLedger *m_ledger;
    QList<UsageRecord> m_pending;
    UsageBucket m_written;
    qint64 m_dropped = 0;
    QString m_lastError;
};

} // namespace md
