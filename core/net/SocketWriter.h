#pragma once

#include <QByteArrayView>
#include <QPointer>

#include <initializer_list>

class QTcpSocket;

namespace md {

// Writes to a plain-TCP QTcpSocket (never a QSslSocket: the bytes would bypass encryption) with one
// sendmsg() per write, straight from the caller's buffers. For the proxy's answers: QHttpServerResponder
// (Qt 6.4) issues one QTcpSocket::write per header name, separator, value and line end, each copied
// into the socket's buffer, which leaves on a later event-loop pass; a stream's event chunk was
// first assembled in a QByteArray, then copied again. For upstream requests: QTcpSocket::write
// then flush() switched the socket's write notifier on and off again, per request.
// Whatever the kernel does not take (a full send buffer, an error) is handed to QTcpSocket::write,
// which queues it in order and lets Qt report errors and disconnection as before. While Qt's queue
// holds bytes, every write goes through it, so the order on the wire is always the order of calls.
class SocketWriter {
public:
    explicit SocketWriter(QTcpSocket *socket);

    bool isConnected() const;
    QTcpSocket *socket() const { return m_socket.data(); }

    // At most this many pieces per write, and two fewer per chunk (its size line and CRLF).
    static constexpr qsizetype kMaxPieces = 8;

    // Sends the pieces one after the other.
    void write(std::initializer_list<QByteArrayView> pieces) { writeAll(pieces.begin(), qsizetype(pieces.size())); }
    // Sends the pieces as one HTTP/1.1 chunk (size line, pieces, CRLF); nothing when all are empty.
    void writeChunk(std::initializer_list<QByteArrayView> pieces)
    {
        writeChunk(pieces.begin(), qsizetype(pieces.size()));
    }
    void writeChunk(const QByteArrayView *pieces, qsizetype count);
    // The last chunk of a chunked body.
    void writeLastChunk();

private:
    void writeAll(const QByteArrayView *pieces, qsizetype count);

    QPointer<QTcpSocket> m_socket;
};

} // namespace md
