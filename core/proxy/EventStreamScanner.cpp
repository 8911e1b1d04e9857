#include "proxy/EventStreamScanner.h"

#include "proxy/ByteSearch.h"

#include <algorithm>
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
        split(bytes.first(end), out);
        bytes = bytes.sliced(end);
    }
    m_carry.append(bytes);
}

void EventStreamScanner::split(QByteArrayView events, Runs &out) const
{
    while (!events.isEmpty()) {
        const qsizetype special = firstSpecial(events);
        if (special < 0) {
            out.append({events, true});
            return;
        }
        // The special event starts after the blank line before the offending spot, ends at the next.
        const qsizetype eventStart = std::max<qsizetype>(lastEventEnd(events.first(special)), 0);
        const qsizetype endFromSpecial = firstEventEnd(events.sliced(special));
        const qsizetype eventEnd = endFromSpecial < 0 ? events.size() : special + endFromSpecial;
        if (eventStart > 0)
            out.append({events.first(eventStart), true});
        out.append({events.sliced(eventStart, eventEnd - eventStart), false});
        events = events.sliced(eventEnd);
    }
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

qsizetype EventStreamScanner::firstSpecial(QByteArrayView events) const
{
    qsizetype first = -1;
    const char *const begin = events.data();
    const char *at = begin;
    const char *const end = at + events.size();
    static constexpr char kData[] = "data: {";
    constexpr size_t kDataLength = sizeof(kData) - 1;
    while (at < end) {
        if (*at == '\n') {
            ++at; // the blank line after each event: no memchr call for it (a third of this loop's time)
            continue;
        }
        const auto *nl = static_cast<const char *>(std::memchr(at, '\n', size_t(end - at)));
        const char *const lineEnd = nl ? nl : end;
        if (size_t(lineEnd - at) < kDataLength || std::memcmp(at, kData, kDataLength) != 0) {
            first = at - begin; // a comment, another field, "data: [DONE]", "data:" without the space
            break;
        }
        at = lineEnd + 1;
    }
    // Keys are looked for only before the first special line: an earlier one moves the cut forward.
    const QByteArrayView searched = first < 0 ? events : events.first(first);
    // Anchored on 'g' and '_': chunk JSON has neither outside content, except finish_reason's '_'.
    const qsizetype usage = bytes::indexOfAnchored(searched, QByteArrayView("\"usage\"", 7), 4);
    if (usage >= 0)
        first = usage;
    if (m_restoreToolCallIds) {
        const qsizetype tools = bytes::indexOfAnchored(usage >= 0 ? searched.first(usage) : searched,
                                                       QByteArrayView("\"tool_calls\"", 12), 5);
        if (tools >= 0)
            first = tools;
    }
    return first;
}

} // namespace md
