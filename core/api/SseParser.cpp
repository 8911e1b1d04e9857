#include "api/SseParser.h"

#include <cstring>

namespace md {

namespace {

const char *findByte(const char *from, const char *end, char c)
{
    return static_cast<const char *>(std::memchr(from, c, size_t(end - from)));
}

} // namespace

void SseParser::feed(QByteArrayView bytes, QList<SseEvent> &out)
{
    if (bytes.isEmpty())
        return;
    if (m_skipLeadingLf) {
        m_skipLeadingLf = false;
        if (bytes.front() == '\n')
            bytes = bytes.sliced(1);
    }
    const char *const end = bytes.data() + bytes.size();
    const char *start = bytes.data();
    // memchr is vectorised. Lines end with LF, CRLF or a lone CR; servers nearly always use LF, so
    // the next CR is looked for once and again only after it has been passed (not once per line).
    const char *cr = start < end ? findByte(start, end, '\r') : nullptr; // the first CR at or after `start`
    while (start < end) {
        if (cr && cr < start)
            cr = findByte(start, end, '\r');
        const char *const lf = *start == '\n' ? start : findByte(start, end, '\n'); // blank lines are common
        const bool endsWithCr = cr && (!lf || cr < lf);
        const char *const lineEnd = endsWithCr ? cr : lf;
        if (!lineEnd)
            break;
        const QByteArrayView piece(start, lineEnd - start);
        if (m_buffer.isEmpty()) {
            if (piece.isEmpty())
                dispatch(out); // the blank line after each event: skip the general line handling
            else
                processLine(piece, true, out);
        } else {
            m_buffer.append(piece);
            processLine(m_buffer, false, out);
            m_buffer.clear();
        }
        start = lineEnd + 1;
        if (endsWithCr) {
            if (start < end) {
                if (*start == '\n')
                    ++start;
            } else {
                m_skipLeadingLf = true;
            }
        }
    }
    if (start < end)
        m_buffer.append(QByteArrayView(start, end - start));
    // An event still open keeps its data past this call: it must not point into `bytes`.
    ownData();
}

void SseParser::ownData()
{
    if (m_dataIsInput) {
        m_current.data = QByteArray(m_current.data.constData(), m_current.data.size());
        m_dataIsInput = false;
    }
}

void SseParser::finish(QList<SseEvent> &out)
{
    if (!m_buffer.isEmpty()) {
        processLine(m_buffer, false, out);
        m_buffer.clear();
    }
    dispatch(out);
    m_skipLeadingLf = false;
}

void SseParser::reset()
{
    m_buffer.clear();
    m_current = {};
    m_hasData = false;
    m_dataIsInput = false;
    m_skipLeadingLf = false;
}

void SseParser::processLine(QByteArrayView line, bool lineIsInput, QList<SseEvent> &out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':')
        return; // comment / keep-alive
    // Nearly every line is "data:...": recognised without looking for the colon first.
    const bool isData = line.size() >= 5 && std::memcmp(line.data(), "data:", 5) == 0;
    const char *const colon = isData ? line.data() + 4 : findByte(line.data(), line.end(), ':');
    const QByteArrayView field = colon ? QByteArrayView(line.data(), colon - line.data()) : line;
    QByteArrayView value = colon ? QByteArrayView(colon + 1, line.end() - (colon + 1)) : QByteArrayView();
    if (!value.isEmpty() && value.front() == ' ')
        value = value.sliced(1);
    if (isData || field == "data") {
        if (!m_hasData && lineIsInput) {
            // The common case, one data line inside one read: refer to it instead of copying.
            m_current.data = QByteArray::fromRawData(value.data(), value.size());
            m_dataIsInput = true;
        } else {
            ownData();
            if (m_hasData)
                m_current.data.append('\n');
            m_current.data.append(value);
        }
        m_hasData = true;
    } else if (field == "event") {
        m_current.event = value.toByteArray();
    } else if (field == "id") {
        m_current.id = value.toByteArray();
    }
    // "retry" and unknown fields are ignored, as the format requires.
}

void SseParser::dispatch(QList<SseEvent> &out)
{
    if (m_hasData)
        out.append(std::move(m_current));
    m_current = {};
    m_hasData = false;
    m_dataIsInput = false;
}

} // namespace md
