#include "net/SocketWriter.h"

#include <QTcpSocket>
#include <QVarLengthArray>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>
#endif

namespace md {

SocketWriter::SocketWriter(QTcpSocket *socket)
    : m_socket(socket)
{
}

bool SocketWriter::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void SocketWriter::writeChunk(const QByteArrayView *pieces, qsizetype count)
{
    Q_ASSERT(count + 2 <= kMaxPieces);
    qsizetype size = 0;
    for (qsizetype i = 0; i < count; ++i)
        size += pieces[i].size();
    if (size == 0)
        return; // an empty chunk would end the body
    char sizeLine[2 * sizeof(qsizetype) + 2];
    int at = int(sizeof(sizeLine));
    sizeLine[--at] = '\n';
    sizeLine[--at] = '\r';
    for (auto n = quint64(size); n != 0; n >>= 4)
        sizeLine[--at] = "0123456789abcdef"[n & 0xf];
    QVarLengthArray<QByteArrayView, kMaxPieces> all;
    all.append(QByteArrayView(sizeLine + at, qsizetype(sizeof(sizeLine)) - at));
    for (qsizetype i = 0; i < count; ++i)
        all.append(pieces[i]);
    all.append(QByteArrayView("\r\n", 2));
    writeAll(all.constData(), all.size());
}

void SocketWriter::writeLastChunk()
{
    const QByteArrayView last("0\r\n\r\n", 5);
    writeAll(&last, 1);
}

void SocketWriter::writeAll(const QByteArrayView *pieces, qsizetype count)
{
    Q_ASSERT(count <= kMaxPieces);
    if (!isConnected())
        return;
    qsizetype first = 0;
#ifdef Q_OS_UNIX
    const auto fd = int(m_socket->socketDescriptor());
    if (m_socket->bytesToWrite() == 0 && fd >= 0) {
        iovec iov[kMaxPieces];
        int n = 0;
        qsizetype total = 0;
        for (qsizetype i = 0; i < count; ++i) {
            if (pieces[i].isEmpty())
                continue;
            iov[n].iov_base = const_cast<char *>(pieces[i].data());
            iov[n].iov_len = size_t(pieces[i].size());
            total += pieces[i].size();
            ++n;
        }
        if (n == 0)
            return;
        msghdr message {};
        message.msg_iov = iov;
        message.msg_iovlen = size_t(n);
        ssize_t sent;
        do {
            sent = ::sendmsg(fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (sent < 0 && errno == EINTR);
        if (sent == total)
            return;
        // Partly sent, the buffer is full, or an error: Qt takes the rest, from the first byte not sent.
        qsizetype skip = sent > 0 ? qsizetype(sent) : 0;
        for (; first < count; ++first) {
            if (skip < pieces[first].size())
                break;
            skip -= pieces[first].size();
        }
        if (first < count && skip > 0) {
            m_socket->write(pieces[first].data() + skip, pieces[first].size() - skip);
            ++first;
        }
    }
#endif
    for (qsizetype i = first; i < count; ++i) {
        if (!pieces[i].isEmpty())
            m_socket->write(pieces[i].data(), pieces[i].size());
    }
}

} // namespace md
