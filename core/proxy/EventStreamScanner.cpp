#include "proxy/EventStreamScanner.h"

#include "proxy/ByteSearch.h"

#include <cstring>

namespace md {

EventStreamScanner::EventStreamScanner(bool restoreToolCallIds)
    : m_restoreToolCallIds(restoreToolCallIds)
{
}

qsizetype EventStreamScanner::firstEventEnd(QByteArrayView bytes)
{
    const qsizetype at = bytes::indexOf(bytes, QByteArrayView("\n\n", 2));
    return at < 0 ? -1 : at + 2;
}

qsizetype EventStreamScanner::lastEventEnd(QByteArrayView bytes)
{
    // From the end: only the unfinished last event (a line or two) lies behind the last blank line.
    const char *const begin = bytes.data();
    qsizetype length = bytes.size();
    while (length > 1) {
        const auto *nl = static_cast<const char *>(::memrchr(begin, '\n', size_t(length)));
        if (!nl)
            return -1;
        if (nl > begin && nl[-1] == '\n')
            return nl - begin + 1;
        length = nl - begin;
    }
    return -1;
}

void EventStreamScanner::feed(QByteArrayView bytes, Runs &out)
{
    m_event.clear();
    if (bytes.isEmpty())
        return;
    if (!m_carry.isEmpty()) {
        // The event begun earlier ends at the first blank line, which may straddle the two reads.
        qsizetype end = m_carry.endsWith('\n') && bytes.front() == '\n' ? 1 : firstEventEnd(bytes);
        if (end < 0) {
            m_carry.append(bytes);
            return;
        }
        m_event.reserve(m_carry.size() + end);
        m_event.append(m_carry);
        m_event.append(bytes.first(end));
        m_carry.clear();
        out.append({m_event, isPlain(m_event)});
        bytes = bytes.sliced(end);
    }
    const qsizetype end = lastEventEnd(bytes);
    if (end > 0) {
        const QByteArrayView events = bytes.first(end);
        out.append({events, isPlain(events)});
        bytes = bytes.sliced(end);
    }
    m_carry.append(bytes);
}

QByteArray EventStreamScanner::finish()
{
    m_event.clear();
    return std::exchange(m_carry, QByteArray());
}

QByteArray EventStreamScanner::takePending()
{
    return finish();
}

bool EventStreamScanner::isPlain(QByteArrayView events) const
{
    const char *at = events.data();
    const char *const end = at + events.size();
    static constexpr char kData[] = "data: {";
    constexpr size_t kDataLength = sizeof(kData) - 1;
    while (at < end) {
        const auto *nl = static_cast<const char *>(std::memchr(at, '\n', size_t(end - at)));
        const char *const lineEnd = nl ? nl : end;
        if (lineEnd != at) {
            if (size_t(lineEnd - at) < kDataLength || std::memcmp(at, kData, kDataLength) != 0)
                return false; // a comment, another field, "data: [DONE]", "data:" without the space
        }
        at = lineEnd + 1;
    }
    if (bytes::contains(events, QByteArrayView("\"usage\"", 7)))
        return false;
    if (m_restoreToolCallIds && bytes::contains(events, QByteArrayView("\"tool_calls\"", 12)))
        return false;
    return true;
}

} // namespace md
