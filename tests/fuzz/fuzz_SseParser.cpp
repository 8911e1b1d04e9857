// SseParser against a plain reference reading of the event-stream format: the events must not depend
// on how the bytes are cut into reads (whole, byte by byte, random sizes, split inside CRLF), on a
// reset() after a partial stream, and the bytes of a read are freed right after it, so an event that
// still points into them is a use-after-free for ASan (the parser refers to input to avoid copies).

#include "FuzzSupport.h"

#include "api/SseParser.h"

#include <cstring>
#include <memory>

namespace {

struct Event {
    QByteArray event, data, id;
    friend bool operator==(const Event &, const Event &) = default;
};

// Deep copies: the parser's events may refer to the bytes of the read that produced them.
void keep(const QList<md::SseEvent> &events, QList<Event> &out)
{
    for (const md::SseEvent &e : events)
        out.append({QByteArray(e.event.constData(), e.event.size()), QByteArray(e.data.constData(), e.data.size()),
                    QByteArray(e.id.constData(), e.id.size())});
}

// The format as the parser documents it, written for clarity: lines end at LF, CRLF or CR; a blank
// line delivers an event that has data; "data" lines join with LF; one space after the colon is
// dropped; comments and unknown fields are ignored; an unterminated last event is still delivered.
QList<Event> reference(QByteArrayView input)
{
    QList<Event> out;
    Event current;
    bool hasData = false;
    auto line = [&](QByteArrayView l) {
        if (l.isEmpty()) {
            if (hasData)
                out.append(current);
            current = {};
            hasData = false;
            return;
        }
        if (l.front() == ':')
            return;
        const qsizetype colon = l.indexOf(':');
        const QByteArrayView field = colon < 0 ? l : l.first(colon);
        QByteArrayView value = colon < 0 ? QByteArrayView() : l.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
        if (field == "data") {
            if (hasData)
                current.data.append('\n');
            current.data.append(value);
            hasData = true;
        } else if (field == "event") {
            current.event = value.toByteArray();
        } else if (field == "id") {
            current.id = value.toByteArray();
        }
    };
    qsizetype start = 0;
    for (qsizetype i = 0; i < input.size(); ++i) {
        if (input[i] != '\n' && input[i] != '\r')
            continue;
        line(input.sliced(start, i - start));
        if (input[i] == '\r' && i + 1 < input.size() && input[i + 1] == '\n')
            ++i;
        start = i + 1;
    }
    if (start < input.size())
        line(input.sliced(start));
    line({}); // finish()
    return out;
}

// Feeds `input` in reads of the given sizes, each from its own heap block freed right after the
// call, and checks the parser's bookkeeping on the way.
QList<Event> parse(md::SseParser &parser, QByteArrayView input, const QList<qsizetype> &sizes)
{
    QList<Event> out;
    QList<md::SseEvent> events;
    qsizetype at = 0;
    for (const qsizetype n : sizes) {
        const auto block = std::make_unique<char[]>(size_t(n));
        std::memcpy(block.get(), input.data() + at, size_t(n));
        parser.feed(QByteArrayView(block.get(), n), events);
        keep(events, out);
        events.clear();
        at += n;
        // Held bytes are at most one line: the part of the input after its last line end.
        FUZZ_CHECK(parser.pendingBytes() <= at);
    }
    parser.finish(events);
    keep(events, out);
    FUZZ_CHECK(parser.pendingBytes() == 0);
    FUZZ_CHECK(parser.pendingEventBytes() == 0);
    return out;
}

QList<qsizetype> whole(QByteArrayView input)
{
    return input.isEmpty() ? QList<qsizetype>() : QList<qsizetype> {input.size()};
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<Event> expected = reference(input);
    for (const Event &e : expected) {
        FUZZ_CHECK(!e.event.contains('\n') && !e.event.contains('\r') && !e.id.contains('\n') && !e.id.contains('\r'));
        FUZZ_CHECK(!e.data.contains('\r'));
    }

    md::SseParser parser;
    FUZZ_CHECK(parse(parser, input, whole(input)) == expected);
    // The same parser again: finish() must leave it as good as new.
    FUZZ_CHECK(parse(parser, input, fuzz::readSizes(input, 64)) == expected);
    if (size <= 2048)
        FUZZ_CHECK(parse(parser, input, QList<qsizetype>(input.size(), 1)) == expected);
    // A cut right after each CR: the LF that may follow arrives in the next read.
    QList<qsizetype> afterCr;
    qsizetype from = 0;
    for (qsizetype i = 0; i < input.size(); ++i) {
        if (input[i] == '\r') {
            afterCr.append(i + 1 - from);
            from = i + 1;
        }
    }
    if (from < input.size())
        afterCr.append(input.size() - from);
    FUZZ_CHECK(parse(parser, input, afterCr) == expected);

    // A retry: half a stream, reset(), then the whole stream.
    QList<md::SseEvent> ignored;
    parser.feed(input.first(input.size() / 2), ignored);
    parser.reset();
    FUZZ_CHECK(parse(parser, input, whole(input)) == expected);
    return 0;
}
