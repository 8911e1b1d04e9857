#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QVarLengthArray>

namespace md {

// Cuts the upstream's reads of an event stream into runs of whole events, and tells apart runs the
// proxy may forward byte for byte from runs it has to look into. Nearly every event of a chat
// stream is a lone `data: {...}` line with nothing for the proxy to change; re-framing each one
// (SSE parsing, a substring search for "usage" and "tool_calls" per event, a new QByteArray per
// outgoing event) was most of the proxy's time on a long stream. Here one read costs a memchr per
// line and one memmem per key over the whole run, and a plain run is written out as it came.
//
// A run is *plain* when every line in it is blank or starts with `data: {`, and it holds no
// `"usage"` (the proxy notes usage and model, and may add a usage-only chunk), no `[DONE]`
// (a `data: [` line), and, when the proxy restores tool-call ids, no `"tool_calls"`. Anything
// else (comments, `event:`/`id:` fields, `data:` without the space, multi-line oddities, CR line
// ends) is *special* and goes through SseParser as before, so its handling is unchanged. False
// alarms (the text "usage" quoted inside content) only send a run down the slower path.
//
// Line ends must be LF: the caller switches to SseParser for good when a read holds a CR, because
// runs are cut at blank lines ("\n\n").
class EventStreamScanner {
public:
    struct Run {
        QByteArrayView bytes; // whole events; valid until the next feed() or finish()
        bool plain = false;
    };
    using Runs = QVarLengthArray<Run, 4>;

    // `restoreToolCallIds`: runs holding "tool_calls" are special (the proxy rewrites their ids).
    explicit EventStreamScanner(bool restoreToolCallIds = false);

    // Appends the runs of whole events that `bytes` completes: first the event begun in an earlier
    // read (if any), then the rest up to the last blank line, in order. A special run holds only
    // the special events themselves (one each, e.g. the usage event, then [DONE]); the plain events
    // around them form plain runs, so a read that ends a long stream is not re-framed whole.
    // The bytes after the last blank line are kept for the next read.
    void feed(QByteArrayView bytes, Runs &out);
    // End of input: the bytes of an event never closed by a blank line (empty if none).
    QByteArray finish();
    // The bytes kept from earlier reads (for a caller that changes to another parser).
    QByteArray takePending();
    qsizetype pendingBytes() const { return m_carry.size(); }

    bool isPlain(QByteArrayView events) const { return firstSpecial(events) < 0; }
    // Where the first thing that makes `events` special starts (a line, or a key), or -1.
    qsizetype firstSpecial(QByteArrayView events) const;

private:
    static qsizetype firstEventEnd(QByteArrayView bytes);
    static qsizetype lastEventEnd(QByteArrayView bytes);
    void split(QByteArrayView events, Runs &out) const;

    QByteArray m_carry; // an event begun but not closed yet
    QByteArray m_event; // the event closed by the current read, when it began in an earlier one
    bool m_restoreToolCallIds = false;
};

} // namespace md
