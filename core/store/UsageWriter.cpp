#include "store/UsageWriter.h"

namespace md {

UsageWriter::UsageWriter(UsageLedger *ledger)
    : m_ledger(ledger)
{
}

void UsageWriter::add(const UsageRecord &record)
{
    if (m_pending.size() >= kMaxPending) {
        m_pending.removeFirst();
        ++m_dropped;
    }
    m_pending.append(record);
}

bool UsageWriter::flush()
{
    if (m_pending.isEmpty())
        return true;
    if (!m_ledger->recordAll(m_pending)) {
        m_lastError = m_ledger->lastError();
        return false;
    }
    for (const UsageRecord &r : std::as_const(m_pending))
        m_written.add(r);
    m_pending.clear();
    m_lastError.clear();
    return true;
}

} // namespace md
