#pragma once

#include "net/HttpOrigin.h"
#include "net/HttpResponseParser.h"

#include <QElapsedTimer>
#include <QObject>

class QTcpSocket;

namespace md {

// One keep-alive HTTP/1.1 connection (QTcpSocket, or QSslSocket for https with the system's CAs):
// sends one request at a time and reads its answer, reporting to a Listener as bytes arrive. After
// an answer read to its end, without "Connection: close" and with nothing after it, the connection
// is idle and may carry the next request; any other end closes it. Everything runs on the thread
// that owns it, with no buffering beyond the socket's.
class HttpConnection : public QObject {
    Q_OBJECT
public:
    // Told about one exchange. Any call may detach() the connection; it then stops talking.
    class Listener {
    public:
        virtual void onResponseHead(const HttpResponseHead &head) = 0;
        virtual void onResponseBody(const QByteArray &bytes) = 0;
        virtual void onResponseComplete() = 0;
        // `nothingReceived`: not one byte of an answer came, so the server may never have seen the request.
        virtual void onExchangeFailed(const QString &message, bool nothingReceived) = 0;
        virtual void onRequestWritten() = 0;

    protected:
        ~Listener() = default;
    };

    explicit HttpConnection(const HttpOrigin &origin, QObject *parent = nullptr);
    ~HttpConnection() override;

    const HttpOrigin &origin() const { return m_origin; }
    // `request`: head and body as they go on the wire. Connects first if need be.
    void send(const QByteArray &request, bool headRequest, Listener *listener);
    // The listener lost interest (cancelled): closes the connection, since the rest of the answer
    // would have to be read before another request could use it.
    void detach();
    bool isIdle() const { return m_state == State::Idle; }
    qint64 idleMs() const { return m_idleClock.isValid() ? m_idleClock.elapsed() : 0; }
    int exchanges() const { return m_exchanges; } // requests sent on this connection so far

signals:
    void becameIdle(md::HttpConnection *connection);
    void closed(md::HttpConnection *connection); // for good; the pool deletes it later

private:
    enum class State { Fresh, Connecting, Busy, Idle, Closed };

    void onConnected();
    void onReadyRead();
    void onSocketGone();
    void onSocketError();
    void writeRequest();
    void process();
    void completeExchange();
    void failExchange(const QString &message);
    void close();

    HttpOrigin m_origin;
    QTcpSocket *m_socket = nullptr;
    HttpResponseParser m_parser;
    Listener *m_listener = nullptr;
    QByteArray m_pending; // the request, until the connection is up
    QElapsedTimer m_idleClock;
    State m_state = State::Fresh;
    int m_exchanges = 0;
    bool m_receivedAny = false; // for the exchange in progress
};

} // namespace md
