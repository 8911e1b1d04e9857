#include "net/HttpConnectionPool.h"

#include "net/HttpConnection.h"

namespace md {

HttpConnectionPool::HttpConnectionPool(QObject *parent)
    : QObject(parent)
{
    m_sweepTimer.setInterval(5000);
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpConnectionPool::sweep);
}

HttpConnectionPool::~HttpConnectionPool() = default;

HttpConnectionPool::Lease HttpConnectionPool::acquire(const HttpOrigin &origin)
{
    const auto found = m_idle.find(origin.key());
    if (found != m_idle.end()) {
        QList<HttpConnection *> &idle = found.value();
        while (!idle.isEmpty()) {
            HttpConnection *connection = idle.takeLast();
            // Past the idle timeout the server may be about to close it: not worth the race.
            if (connection->isIdle() && connection->idleMs() < m_idleTimeoutMs)
                return {connection, true};
            connection->detach();
        }
    }
    return {openNew(origin), false};
}

HttpConnection *HttpConnectionPool::openNew(const HttpOrigin &origin)
{
    auto *connection = new HttpConnection(origin, this);
    connect(connection, &HttpConnection::becameIdle, this, &HttpConnectionPool::onBecameIdle);
    connect(connection, &HttpConnection::closed, this, &HttpConnectionPool::onClosed);
    ++m_open;
    ++m_opened;
    return connection;
}

int HttpConnectionPool::idleCount() const
{
    int count = 0;
    for (const QList<HttpConnection *> &idle : m_idle)
        count += int(idle.size());
    return count;
}

void HttpConnectionPool::onBecameIdle(HttpConnection *connection)
{
    QList<HttpConnection *> &idle = m_idle[connection->origin().key()];
    if (idle.size() >= m_maxIdlePerOrigin) {
        connection->detach();
        return;
    }
    idle.append(connection);
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
}

void HttpConnectionPool::onClosed(HttpConnection *connection)
{
    const auto found = m_idle.find(connection->origin().key());
    if (found != m_idle.end())
        found.value().removeOne(connection);
    --m_open;
    connection->deleteLater();
}

void HttpConnectionPool::sweep()
{
    QList<HttpConnection *> expired;
    for (const QList<HttpConnection *> &idle : std::as_const(m_idle)) {
        for (HttpConnection *connection : idle) {
            if (connection->idleMs() >= m_idleTimeoutMs)
                expired.append(connection);
        }
    }
    for (HttpConnection *connection : std::as_const(expired))
        connection->detach(); // onClosed takes it out of m_idle
    if (idleCount() == 0)
        m_sweepTimer.stop();
}

void HttpConnectionPool::closeIdle()
{
    QList<HttpConnection *> all;
    for (const QList<HttpConnection *> &idle : std::as_const(m_idle))
        all += idle;
    for (HttpConnection *connection : std::as_const(all))
        connection->detach();
}

} // namespace md
