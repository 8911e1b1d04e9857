#include "net/HttpConnection.h"

#include "net/SocketWriter.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace md {

HttpConnection::HttpConnection(const HttpOrigin &origin, QObject *parent)
    : QObject(parent)
    , m_origin(origin)
{
}

HttpConnection::~HttpConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void HttpConnection::send(const QByteArray &request, bool headRequest, Listener *listener)
{
    Q_ASSERT(m_state == State::Fresh || m_state == State::Idle);
    m_listener = listener;
    m_parser.reset(headRequest);
    m_receivedAny = false;
    m_pending = request;
    ++m_exchanges;
    if (m_state == State::Idle) {
        m_state = State::Busy;
        writeRequest();
        return;
    }
    m_state = State::Connecting;
    if (m_origin.tls) {
        auto *ssl = new QSslSocket(this);
        m_socket = ssl;
        connect(ssl, &QSslSocket::encrypted, this, &HttpConnection::onConnected);
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &HttpConnection::onConnected);
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onSocketGone);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onSocketError);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_listener && m_state == State::Busy)
            m_listener->onRequestWritten();
    });
    if (m_origin.tls)
        static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(m_origin.host, m_origin.port);
    else
        m_socket->connectToHost(m_origin.host, m_origin.port);
}

void HttpConnection::onConnected()
{
    if (m_state != State::Connecting)
        return;
    // Requests and answers are small writes that must leave at once: without TCP_NODELAY a request
    // written in two segments, or an answer's last bytes, can wait for a delayed ACK (~40 ms).
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_state = State::Busy;
    writeRequest();
}

void HttpConnection::writeRequest()
{
    const QByteArray request = std::exchange(m_pending, QByteArray());
    if (!m_origin.tls) {
        // One send() now, from the request's own buffer; whatever the kernel does not take is
        // queued in Qt's buffer (and then reported by bytesWritten). Through QTcpSocket::write and
        // flush(), every request switched the socket's write notifier on and off again.
        SocketWriter(m_socket).write({request});
        return;
    }
    m_socket->write(request);
    // QAbstractSocket would otherwise write on its next event-loop pass: flush now, one syscall.
    m_socket->flush();
}

void HttpConnection::onReadyRead()
{
    if (!m_socket)
        return;
    // read(n) of exactly what Qt's buffer holds takes its block as it is when the buffer holds one
    // (QIODevice avoids the copy then); readAll() always copied it into a new array.
    QByteArray bytes = m_socket->read(m_socket->bytesAvailable());
    if (bytes.isEmpty())
        return;
    if (m_state != State::Busy) {
        // Bytes on an idle connection answer nothing that was asked: it cannot be trusted again.
        close();
        return;
    }
    m_receivedAny = true;
    m_parser.append(std::move(bytes)); // the parser may de-chunk in this buffer: it holds the only reference
    process();
}

void HttpConnection::process()
{
    while (m_listener) {
        switch (m_parser.next()) {
        case HttpResponseParser::Step::NeedMore:
            return;
        case HttpResponseParser::Step::Head:
            m_listener->onResponseHead(m_parser.head());
            break;
        case HttpResponseParser::Step::Body:
            m_listener->onResponseBody(m_parser.takeBody());
            break;
        case HttpResponseParser::Step::Complete:
            completeExchange();
            return;
        case HttpResponseParser::Step::Error:
            failExchange(m_parser.errorString());
            return;
        }
    }
}

void HttpConnection::completeExchange()
{
    Listener *listener = std::exchange(m_listener, nullptr);
    const bool reusable = m_parser.head().keepAlive && m_parser.unreadBytes() == 0 && m_socket
        && m_socket->state() == QAbstractSocket::ConnectedState;
    // Back in the pool before the listener hears of it: whatever it starts next may reuse this one.
    if (reusable) {
        m_state = State::Idle;
        m_idleClock.start();
        emit becameIdle(this);
    } else {
        close();
    }
    listener->onResponseComplete();
}

void HttpConnection::failExchange(const QString &message)
{
    Listener *listener = std::exchange(m_listener, nullptr);
    const bool nothingReceived = !m_receivedAny;
    close();
    if (listener)
        listener->onExchangeFailed(message, nothingReceived);
}

void HttpConnection::onSocketGone()
{
    if (m_state == State::Closed)
        return;
    if (m_state != State::Busy && m_state != State::Connecting) {
        close(); // idle, and the server closed it: the pool forgets it
        return;
    }
    if (m_socket && m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (!m_listener)
        return;
    if (m_parser.finishAtEndOfStream() == HttpResponseParser::Step::Complete)
        completeExchange();
    else
        failExchange(m_parser.errorString());
}

void HttpConnection::onSocketError()
{
    if (!m_socket || m_state == State::Closed)
        return;
    if (m_socket->error() == QAbstractSocket::RemoteHostClosedError) {
        onSocketGone();
        return;
    }
    if (!m_listener) {
        close();
        return;
    }
    failExchange(m_socket->errorString());
}

void HttpConnection::detach()
{
    m_listener = nullptr;
    close();
}

void HttpConnection::close()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_listener = nullptr;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    emit closed(this);
}

} // namespace md
