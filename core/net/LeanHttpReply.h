#pragma once

#include "net/HttpConnection.h"
#include "net/HttpReply.h"

#include <QPointer>

namespace md {

class HttpConnectionPool;

// An HttpReply carried by a pooled HttpConnection (LeanHttpTransport). When a reused connection
// fails before a single byte of the answer came, the server most likely closed it while it sat
// idle and never saw the request: the request goes again, once, on a new connection, unseen by
// the caller. Any other failure is the caller's to judge (ApiCall retries by its policy).
class LeanHttpReply : public HttpReply, private HttpConnection::Listener {
    Q_OBJECT
public:
    LeanHttpReply(HttpConnectionPool *pool, const HttpRequest &request, QObject *parent = nullptr);
    ~LeanHttpReply() override;

    void start();
    void abort() override;
    bool resentOnFreshConnection() const { return m_resent; }

private:
    void onResponseHead(const HttpResponseHead &head) override;
    void onResponseBody(const QByteArray &bytes) override;
    void onResponseComplete() override;
    void onExchangeFailed(const QString &message, bool nothingReceived) override;
    void onRequestWritten() override;
    void sendOn(HttpConnection *connection);

    QPointer<HttpConnectionPool> m_pool;
    QPointer<HttpConnection> m_connection;
    HttpOrigin m_origin;
    QByteArray m_wire;
    bool m_headRequest = false;
    bool m_reused = false;
    bool m_resent = false;
    bool m_done = false;
};

} // namespace md
