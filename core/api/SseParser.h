#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace md {

struct SseEvent {
    QByteArray event; // "event:" field; empty = "message"
    QByteArray data;  // all "data:" lines joined with '\n'
    QByteArray id;
};

// Note on lifetime: to avoid a copy per event, an event's `data` may refer to the bytes passed to
// feed(). Use the events before those bytes are released, or copy them (QByteArray(data.constData(),
// data.size())) to keep them.

// Incremental server-sent-events framing (the WHATWG event-stream format): bytes in, events out.
// Accepts LF, CRLF and CR line ends (also split across reads), "data:" with or without the space,
// multi-line data, and ":" comment lines (keep-alives). It works on bytes only, so a UTF-8
// sequence split across two reads is never decoded half-way; decoding happens on whole events.
// Hand-written because Qt has no SSE parser.
class SseParser {
public:
    // Appends every event completed by `bytes` to `out`.
    void feed(QByteArrayView bytes, QList<SseEvent> &out);
    // End of input: an event not closed by a blank line is still delivered (lenient servers).
    void finish(QList<SseEvent> &out);
    void reset();

    // Bytes held while waiting for the end of a line (a guard against endless lines).
    qsizetype pendingBytes() const { return m_buffer.size(); }
    // Data held for an event not yet closed by a blank line.
    qsizetype pendingEventBytes() const { return m_current.data.size(); }

private:
    void processLine(QByteArrayView line, bool lineIsInput, QList<SseEvent> &out);
    void dispatch(QList<SseEvent> &out);
    void ownData();

    QByteArray m_buffer;     // an incomplete line
    SseEvent m_current;
    bool m_hasData = false;
    bool m_dataIsInput = false;   // m_current.data points into the caller's bytes (no copy yet)
    bool m_skipLeadingLf = false; // the previous read ended with CR: a following LF belongs to it
};

} // namespace md
