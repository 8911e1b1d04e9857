#include "api/SseParser.h"

#include <cstring>

namespace md {

void SseParser::feed(QByteArrayView bytes, QList<SseEvent> &out)
{
    if (bytes.isEmpty())
        return;
    if (m_skipLeadingLf) {
        m_skipLeadingLf = false;
        if (bytes.front() == '\n')
            bytes = bytes.sliced(1);
    }
    const char *const begin = bytes.data();
    const char *const end = begin + bytes.size();
    const char *start = begin;
    while (start < end) {
        // memchr is vectorised: find the next LF, then look for a lone CR before it.
        const auto *lf = static_cast<const char *>(std::memchr(start, '\n', size_t(end - start)));
        const char *stop = lf ? lf : end;
        const auto *cr = static_cast<const char *>(std::memchr(start, '\r', size_t(stop - start)));
        const char *lineEnd = cr ? cr : lf;
        if (!lineEnd)
            break;
        const QByteArrayView piece(start, lineEnd - start);
        if (m_buffer.isEmpty()) {
            processLine(piece, true, out);
        } else {
            m_buffer.append(piece);
            processLine(m_buffer, false, out);
            m_buffer.clear();
        }
        start = lineEnd + 1;
        if (cr) {
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
    const qsizetype colon = line.indexOf(':');
    QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (!value.isEmpty() && value.front() == ' ')
        value = value.sliced(1);
    if (field == "data") {
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
