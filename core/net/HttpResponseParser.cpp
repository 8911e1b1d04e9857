#include "net/HttpResponseParser.h"

#include <cstring>
#include <limits>

namespace md {

namespace {

bool hasToken(const QByteArray &value, const char *token)
{
    const QList<QByteArray> parts = value.split(',');
    for (const QByteArray &part : parts) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

int hexValue(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
        : c >= 'a' && c <= 'f'  ? c - 'a' + 10
        : c >= 'A' && c <= 'F'  ? c - 'A' + 10
                                : -1;
}

} // namespace

void HttpResponseParser::reset(bool headRequest)
{
    m_buffer.clear();
    m_pos = 0;
    m_headScan = 0;
    m_state = State::Head;
    m_head = {};
    m_body.clear();
    m_inPlaceEnd = -1;
    m_remaining = 0;
    m_bodySeen = 0;
    m_trailerBytes = 0;
    m_headRequest = headRequest;
    m_error.clear();
}

void HttpResponseParser::append(const QByteArray &bytes)
{
    if (m_pos >= m_buffer.size()) {
        m_buffer = bytes; // shares the data: no copy in the common case, everything read last time
        m_pos = 0;
        m_headScan = 0;
        return;
    }
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_headScan = std::max<qsizetype>(m_headScan - m_pos, 0);
        m_pos = 0;
    }
    m_buffer += bytes;
}

void HttpResponseParser::append(QByteArray &&bytes)
{
    if (m_pos >= m_buffer.size()) {
        m_buffer = std::move(bytes);
        m_pos = 0;
        m_headScan = 0;
        return;
    }
    append(std::as_const(bytes));
}

HttpResponseParser::Step HttpResponseParser::next()
{
    switch (m_state) {
    case State::Head:
        return readHead();
    case State::Done:
        return Step::Complete;
    case State::Failed:
        return Step::Error;
    default:
        break;
    }
    readBody();
    if (m_state == State::Failed)
        return Step::Error;
    if (!m_body.isEmpty())
        return Step::Body;
    return m_state == State::Done ? Step::Complete : Step::NeedMore;
}

HttpResponseParser::Step HttpResponseParser::finishAtEndOfStream()
{
    switch (m_state) {
    case State::Done:
        return Step::Complete;
    case State::CloseBody:
        m_state = State::Done;
        return Step::Complete;
    case State::Failed:
        return Step::Error;
    case State::Head:
        return fail(unreadBytes() == 0
                        ? QStringLiteral("the server closed the connection without answering")
                        : QStringLiteral("the server closed the connection in the middle of the answer's head"));
    case State::FixedBody:
        return fail(QStringLiteral("received %1 of %2 bytes").arg(m_bodySeen).arg(m_head.contentLength));
    default:
        return fail(QStringLiteral("the server closed the connection in the middle of a chunked answer"));
    }
}

qsizetype HttpResponseParser::lineEnd() const
{
    if (m_pos >= m_buffer.size())
        return -1;
    const char *const from = m_buffer.constData() + m_pos;
    const auto *nl = static_cast<const char *>(std::memchr(from, '\n', size_t(m_buffer.size() - m_pos)));
    return nl ? m_pos + (nl - from) : -1;
}

HttpResponseParser::Step HttpResponseParser::fail(const QString &error)
{
    m_state = State::Failed;
    m_error = error;
    m_body.clear();
    m_inPlaceEnd = -1;
    return Step::Error;
}

HttpResponseParser::Step HttpResponseParser::readHead()
{
    for (;;) {
        // The head ends with an empty line; a bare LF is accepted for CRLF, as most clients do.
        qsizetype end = -1;
        for (qsizetype i = std::max(m_pos, m_headScan); i < m_buffer.size(); ++i) {
            i = m_buffer.indexOf('\n', i);
            if (i < 0)
                break;
            if (i + 1 < m_buffer.size() && m_buffer.at(i + 1) == '\n') {
                end = i + 2;
                break;
            }
            if (i + 2 < m_buffer.size() && m_buffer.at(i + 1) == '\r' && m_buffer.at(i + 2) == '\n') {
                end = i + 3;
                break;
            }
        }
        if (end < 0) {
            if (m_buffer.size() - m_pos > kMaxHeadBytes)
                return fail(QStringLiteral("the answer's head is longer than %1 bytes").arg(kMaxHeadBytes));
            m_headScan = std::max(m_pos, m_buffer.size() - 2);
            return Step::NeedMore;
        }
        if (end - m_pos > kMaxHeadBytes)
            return fail(QStringLiteral("the answer's head is longer than %1 bytes").arg(kMaxHeadBytes));
        if (!parseHead(end))
            return Step::Error;
        m_pos = end;
        m_headScan = end;
        if (m_head.status == 101)
            return fail(QStringLiteral("the server switched protocols (HTTP 101), which was not asked for"));
        if (m_head.status >= 100 && m_head.status < 200) {
            m_head = {}; // 100 Continue, 103 Early Hints: the real answer follows
            continue;
        }
        if (m_headRequest || m_head.status == 204 || m_head.status == 304) {
            m_state = State::Done;
        } else if (m_head.chunked) {
            m_state = State::ChunkSize;
        } else if (m_head.contentLength >= 0) {
            m_remaining = m_head.contentLength;
            m_state = m_remaining > 0 ? State::FixedBody : State::Done;
        } else {
            m_state = State::CloseBody;
            m_head.keepAlive = false; // the body ends when the connection does
        }
        return Step::Head;
    }
}

bool HttpResponseParser::parseHead(qsizetype end)
{
    const QByteArray text = QByteArray::fromRawData(m_buffer.constData() + m_pos, end - m_pos);
    qsizetype lineStart = 0;
    bool first = true;
    bool connectionClose = false;
    bool connectionKeepAlive = false;
    bool http10 = false;
    bool transferEncoding = false;
    while (lineStart < text.size()) {
        qsizetype lineStop = text.indexOf('\n', lineStart);
        if (lineStop < 0)
            lineStop = text.size();
        qsizetype stop = lineStop;
        if (stop > lineStart && text.at(stop - 1) == '\r')
            --stop;
        const QByteArray line = text.mid(lineStart, stop - lineStart);
        lineStart = lineStop + 1;
        if (first) {
            first = false;
            // "HTTP/1.1 200 OK": the reason phrase may be empty or missing.
            if (!line.startsWith("HTTP/1.") || line.size() < 12 || line.at(8) != ' ') {
                fail(QStringLiteral("the server did not answer in HTTP/1.x"));
                return false;
            }
            http10 = line.at(7) == '0';
            bool ok = false;
            const int status = line.mid(9, 3).toInt(&ok);
            if (!ok || status < 100 || status > 999 || (line.size() > 12 && line.at(12) != ' ')) {
                fail(QStringLiteral("the server's status line is malformed"));
                return false;
            }
            m_head.status = status;
            continue;
        }
        if (line.isEmpty())
            break;
        if (line.at(0) == ' ' || line.at(0) == '\t') {
            // An obsolete folded line continues the previous field's value.
            if (!m_head.headers.isEmpty())
                m_head.headers.last().second += ' ' + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail(QStringLiteral("the server sent a malformed header line"));
            return false;
        }
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (m_head.contentLength >= 0 && m_head.contentLength != length)) {
                fail(QStringLiteral("the server sent an invalid Content-Length"));
                return false;
            }
            m_head.contentLength = length;
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            transferEncoding = true;
            const QList<QByteArray> codings = value.split(',');
            m_head.chunked = codings.last().trimmed().compare("chunked", Qt::CaseInsensitive) == 0;
        } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
            connectionClose = connectionClose || hasToken(value, "close");
            connectionKeepAlive = connectionKeepAlive || hasToken(value, "keep-alive");
        }
        m_head.headers.append({name, value});
    }
    if (transferEncoding) {
        // Transfer-Encoding wins over Content-Length (RFC 9112 6.3); a connection that received
        // both is not trusted with another request. A coding other than chunked last means the
        // body runs until the connection closes.
        if (m_head.contentLength >= 0)
            connectionClose = true;
        m_head.contentLength = -1;
    }
    m_head.keepAlive = !connectionClose && (!http10 || connectionKeepAlive);
    return true;
}

void HttpResponseParser::takeBodyBytes(qint64 max)
{
    const qsizetype available = m_buffer.size() - m_pos;
    const qsizetype n = qsizetype(std::min<qint64>(max, available));
    if (n <= 0)
        return;
    if (mayDechunkInPlace()) {
        // Nobody else holds the read's buffer, and everything before m_pos is consumed (the head
        // is parsed into copies): the body bytes move to the buffer's front, over the chunk-size
        // lines, and the buffer itself becomes the body (readBody). One memmove in memory just
        // read, instead of a new buffer per read to append every chunk to; none at all when the
        // read is all body.
        if (m_inPlaceEnd < 0)
            m_inPlaceEnd = 0;
        if (m_inPlaceEnd != m_pos)
            std::memmove(m_buffer.data() + m_inPlaceEnd, m_buffer.constData() + m_pos, size_t(n));
        m_inPlaceEnd += n;
    } else if (m_body.isEmpty() && m_pos == 0 && n == m_buffer.size()) {
        m_body = m_buffer; // the whole read is body: hand it on without a copy
    } else {
        // A read of many small chunks (one per streamed event) appends once per chunk: sized once
        // for all the bytes this read can hold, the body never regrows (each regrowth of a large
        // buffer was a copy and fresh pages to fault in).
        if (m_body.isEmpty())
            m_body.reserve(available);
        m_body.append(m_buffer.constData() + m_pos, n);
    }
    m_pos += n;
    m_bodySeen += n;
}

void HttpResponseParser::takeWholeChunksInPlace()
{
    // A stream's read is mostly whole chunks in their plainest spelling, "<hex>\r\n<payload>\r\n",
    // one per event: those are moved to the buffer's front in this one loop. Through the state
    // machine below, each chunk was three states, two memchr calls (line end, extension), a trim and
    // a memmove: a tenth of the proxy's time on a 10,000-event stream. Whatever is not that plain
    // (an extension, spaces, a chunk the read cut, the last chunk) stops the loop and is left to it.
    if (!mayDechunkInPlace())
        return;
    const char *const begin = m_buffer.constData();
    const char *const end = begin + m_buffer.size();
    const char *at = begin + m_pos;
    qsizetype out = m_inPlaceEnd < 0 ? 0 : m_inPlaceEnd;
    char *target = nullptr; // the buffer is written only once a chunk is taken
    for (;;) {
        const char *p = at;
        qint64 size = 0;
        int value = 0;
        // At most 15 digits (below 2^60: no overflow); a 16th is left to the state machine.
        while (p < end && p - at < 15 && (value = hexValue(*p)) >= 0) {
            size = size * 16 + value;
            ++p;
        }
        if (p == at || size == 0 || end - p < 2 || p[0] != '\r' || p[1] != '\n')
            break;
        p += 2;
        if (end - p < size + 2 || p[size] != '\r' || p[size + 1] != '\n')
            break;
        if (!target)
            target = m_buffer.data(); // not shared (mayDechunkInPlace): no copy, same memory
        std::memmove(target + out, p, size_t(size));
        out += qsizetype(size);
        m_bodySeen += size;
        at = p + size + 2;
    }
    if (!target)
        return;
    m_inPlaceEnd = out;
    m_pos = at - begin;
}

void HttpResponseParser::readBody()
{
    readBodyBytes();
    if (m_inPlaceEnd < 0)
        return;
    if (m_state != State::Failed) {
        // What is left unread (part of a chunk-size line, a CRLF, bytes after the answer) is a
        // few bytes at most: those move to a buffer of their own, the read's buffer is the body.
        QByteArray unread(m_buffer.constData() + m_pos, m_buffer.size() - m_pos);
        m_buffer.truncate(m_inPlaceEnd); // not shared: keeps the same memory
        m_body = std::move(m_buffer);
        m_buffer = std::move(unread);
        m_pos = 0;
        m_headScan = 0;
    }
    m_inPlaceEnd = -1;
}

void HttpResponseParser::readBodyBytes()
{
    for (;;) {
        switch (m_state) {
        case State::FixedBody:
            takeBodyBytes(m_remaining);
            m_remaining = m_head.contentLength - m_bodySeen;
            if (m_remaining == 0)
                m_state = State::Done;
            return;
        case State::CloseBody:
            takeBodyBytes(std::numeric_limits<qint64>::max());
            return;
        case State::ChunkSize: {
            takeWholeChunksInPlace();
            const qsizetype end = lineEnd();
            if (end < 0) {
                if (m_buffer.size() - m_pos > kMaxLineBytes)
                    fail(QStringLiteral("a chunk-size line is longer than %1 bytes").arg(kMaxLineBytes));
                return;
            }
            // "1a;name=value\r\n": extensions after ';' are allowed and mean nothing to us.
            // Looked for within the line only: the buffer may hold thousands of chunks after it.
            const char *line = m_buffer.constData() + m_pos;
            const auto *semicolon = static_cast<const char *>(std::memchr(line, ';', size_t(end - m_pos)));
            const qsizetype stop = semicolon ? m_pos + (semicolon - line) : end;
            // Parsed by hand: trimmed() and toLongLong() on a QByteArray per chunk were a sixth of the
            // proxy's time on a stream of small events (one chunk each).
            const char *first = m_buffer.constData() + m_pos;
            const char *last = m_buffer.constData() + stop;
            const auto isSpace
                = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; };
            while (first < last && isSpace(*first))
                ++first;
            while (last > first && isSpace(last[-1]))
                --last;
            bool ok = last > first && last - first <= 15; // below 2^60: no overflow, and far above any limit
            qint64 size = 0;
            for (const char *c = first; ok && c < last; ++c) {
                const int value = hexValue(*c);
                ok = value >= 0;
                size = size * 16 + value;
            }
            if (!ok) {
                fail(QStringLiteral("the server sent an invalid chunk size"));
                return;
            }
            m_pos = end + 1;
            if (size == 0) {
                m_state = State::Trailers;
            } else {
                m_remaining = size;
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            const qint64 before = m_bodySeen;
            takeBodyBytes(m_remaining);
            m_remaining -= m_bodySeen - before;
            if (m_remaining > 0)
                return;
            m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            const qsizetype available = m_buffer.size() - m_pos;
            if (available < 1)
                return;
            if (m_buffer.at(m_pos) == '\n') {
                m_pos += 1;
            } else if (m_buffer.at(m_pos) == '\r') {
                if (available < 2)
                    return;
                if (m_buffer.at(m_pos + 1) != '\n') {
                    fail(QStringLiteral("a chunk does not end with CRLF"));
                    return;
                }
                m_pos += 2;
            } else {
                fail(QStringLiteral("a chunk is longer than its size says"));
                return;
            }
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailers: {
            const qsizetype end = lineEnd();
            if (end < 0) {
                if (m_buffer.size() - m_pos + m_trailerBytes > kMaxHeadBytes)
                    fail(QStringLiteral("the answer's trailers are longer than %1 bytes").arg(kMaxHeadBytes));
                return;
            }
            const bool empty = end == m_pos || (end == m_pos + 1 && m_buffer.at(m_pos) == '\r');
            m_trailerBytes += end + 1 - m_pos;
            m_pos = end + 1;
            if (empty) {
                m_state = State::Done;
                return;
            }
            if (m_trailerBytes > kMaxHeadBytes) {
                fail(QStringLiteral("the answer's trailers are longer than %1 bytes").arg(kMaxHeadBytes));
                return;
            }
            break;
        }
        default:
            return;
        }
    }
}

} // namespace md
