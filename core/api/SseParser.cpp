#include "api/SseParser.h"

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
    qsizetype start = 0;
    const qsizetype size = bytes.size();
    const char *data = bytes.data();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (c != '\n' && c != '\r')
            continue;
        const QByteArrayView piece = bytes.sliced(start, i - start);
        if (m_buffer.isEmpty()) {
            processLine(piece, out);
        } else {
            m_buffer.append(piece);
            processLine(m_buffer, out);
            m_buffer.clear();
        }
        if (c == '\r') {
            if (i + 1 < size) {
                if (data[i + 1] == '\n')
                    ++i;
            } else {
                m_skipLeadingLf = true;
            }
        }
        start = i + 1;
    }
    if (start < size)
        m_buffer.append(bytes.sliced(start));
}

void SseParser::finish(QList<SseEvent> &out)
{
    if (!m_buffer.isEmpty()) {
        processLine(m_buffer, out);
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
    m_skipLeadingLf = false;
}

void SseParser::processLine(QByteArrayView line, QList<SseEvent> &out)
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
        if (m_hasData)
            m_current.data.append('\n');
        m_current.data.append(value);
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
}

} // namespace md
