#pragma once

#include "net/HttpRequest.h"

#include <QByteArray>
#include <QString>

namespace md {

// What the head of an HTTP/1.x answer says about the answer and about its connection.
struct HttpResponseHead {
    int status = 0;
    HttpHeaders headers;
    qint64 contentLength = -1;
    bool chunked = false;
    bool keepAlive = true; // the connection may carry another request once this answer is read
};

// Reads HTTP/1.x answers from a byte stream, incrementally: bytes go in as the socket hands them
// over, in pieces of any size (a head or a chunk-size line may be split anywhere), and next() says
// what they made complete. Body bytes of one call to next() are handed out together, across chunk
// boundaries, so a read holding many events yields one piece; the parser keeps no body itself.
// 1xx answers are skipped; HEAD answers, 204 and 304 have no body; chunked, Content-Length and
// close-delimited bodies are understood; chunk extensions and trailers are read and ignored.
class HttpResponseParser {
public:
    enum class Step {
        NeedMore, // the bytes so far end inside something: append more
        Head,     // head() holds the final status and the fields
        Body,     // takeBody() holds the next body bytes
        Complete, // the answer is whole; unreadBytes() says whether anything followed it
        Error,    // not HTTP, or broken framing: errorString(); the connection is done for
    };

    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr qsizetype kMaxLineBytes = 8 * 1024; // a chunk-size or trailer line

    // Ready for the answer to the next request. `headRequest`: the answer to HEAD has no body.
    void reset(bool headRequest = false);
    void append(const QByteArray &bytes);
    // Takes the read's buffer over: when nothing else shares it, a chunked body is de-chunked in
    // place and handed on as that same buffer (no second buffer per read).
    void append(QByteArray &&bytes);
    Step next();
    // The server closed the connection: a close-delimited body is complete, anything else is cut.
    Step finishAtEndOfStream();

    const HttpResponseHead &head() const { return m_head; }
    QByteArray takeBody() { return std::exchange(m_body, QByteArray()); }
    QString errorString() const { return m_error; }
    bool headSeen() const { return m_state != State::Head; }
    qint64 bodyBytesSeen() const { return m_bodySeen; }
    qsizetype unreadBytes() const { return m_buffer.size() - m_pos; }

private:
    enum class State { Head, FixedBody, CloseBody, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Failed };

    Step readHead();
    bool parseHead(qsizetype end);
    void readBody();
    void readBodyBytes();
    void takeBodyBytes(qint64 max);
    bool mayDechunkInPlace() const { return m_inPlaceEnd >= 0 || (m_body.isEmpty() && m_buffer.isDetached()); }
    void takeWholeChunksInPlace();
    qsizetype lineEnd() const; // index of the next '\n' from m_pos, or -1
    Step fail(const QString &error);

    QByteArray m_buffer;
    qsizetype m_pos = 0;      // first unread byte of m_buffer
    qsizetype m_headScan = 0; // where to go on looking for the end of the head
    State m_state = State::Head;
    HttpResponseHead m_head;
    QByteArray m_body;
    // While this call's body is gathered in m_buffer itself: the end of the body bytes moved to
    // its front so far, else -1.
    qsizetype m_inPlaceEnd = -1;
    qint64 m_remaining = 0; // of the fixed body or of the current chunk
    qint64 m_bodySeen = 0;
    qsizetype m_trailerBytes = 0;
    bool m_headRequest = false;
    QString m_error;
};

} // namespace md
