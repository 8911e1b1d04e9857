#include "net/LeanHttpReply.h"

#include "net/HttpConnectionPool.h"

namespace md {

LeanHttpReply::LeanHttpReply(HttpConnectionPool *pool, const HttpRequest &request, QObject *parent)
    : HttpReply(parent)
    , m_pool(pool)
    , m_origin(HttpOrigin::fromUrl(request.url))
    , m_wire(request.toHttp1())
    , m_headRequest(request.method == "HEAD")
{
}

LeanHttpReply::~LeanHttpReply()
{
    abort();
}

void LeanHttpReply::start()
{
    if (!m_pool) {
        m_done = true;
        // Queued: the caller connects to the reply after send() returns.
        QMetaObject::invokeMethod(
            this, [this] { emit failed(QStringLiteral("the connection pool is gone")); }, Qt::QueuedConnection);
        return;
    }
    const HttpConnectionPool::Lease lease = m_pool->acquire(m_origin);
    m_reused = lease.reused;
    sendOn(lease.connection);
}

void LeanHttpReply::sendOn(HttpConnection *connection)
{
    m_connection = connection;
    connection->send(m_wire, m_headRequest, this);
}

void LeanHttpReply::abort()
{
    m_done = true;
    if (HttpConnection *connection = m_connection.data()) {
        m_connection = nullptr;
        connection->detach();
    }
}

void LeanHttpReply::onResponseHead(const HttpResponseHead &head)
{
    setHead(head.status, head.headers, head.contentLength);
    emit headReceived();
}

void LeanHttpReply::onResponseBody(const QByteArray &bytes)
{
    emit bodyReceived(bytes);
}

void LeanHttpReply::onResponseComplete()
{
    m_connection = nullptr; // idle in the pool, or closed: not ours any more
    m_done = true;
    emit completed();
}

void LeanHttpReply::onExchangeFailed(const QString &message, bool nothingReceived)
{
    m_connection = nullptr;
    if (nothingReceived && m_reused && !m_resent && m_pool) {
        m_resent = true;
        m_reused = false;
        sendOn(m_pool->openNew(m_origin));
        return;
    }
    m_done = true;
    emit failed(message);
}

void LeanHttpReply::onRequestWritten()
{
    emit uploadProgressed();
}

} // namespace md
