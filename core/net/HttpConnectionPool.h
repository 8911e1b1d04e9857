#pragma once

#include "net/HttpOrigin.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

namespace md {

class HttpConnection;

// Keep-alive connections by origin. No cap on connections per origin: every request that finds no
// idle connection opens one (the proxy's concurrency is its clients'). Idle connections are reused
// most recent first, closed after a while of idleness, and forgotten as soon as the server closes them.
class HttpConnectionPool : public QObject {
    Q_OBJECT
public:
    struct Lease {
        HttpConnection *connection = nullptr;
        bool reused = false; // it served requests before, so the server may have closed it meanwhile
    };

    explicit HttpConnectionPool(QObject *parent = nullptr);
    ~HttpConnectionPool() override;

    // An idle connection to `origin`, else a new one (unconnected: it connects on its first send).
    Lease acquire(const HttpOrigin &origin);
    HttpConnection *openNew(const HttpOrigin &origin);

    void setMaxIdlePerOrigin(int count) { m_maxIdlePerOrigin = count; }
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }
    int idleCount() const;
    int openCount() const { return m_open; }
    int connectionsOpened() const { return m_opened; } // over the pool's life
    void closeIdle();

private:
    void onBecameIdle(HttpConnection *connection);
    void onClosed(HttpConnection *connection);
    void sweep();

    QHash<QString, QList<HttpConnection *>> m_idle; // most recently idle last
    QTimer m_sweepTimer;
    int m_maxIdlePerOrigin = 256;
    int m_idleTimeoutMs = 30000;
    int m_open = 0;
    int m_opened = 0;
};

} // namespace md
