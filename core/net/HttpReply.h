#pragma once

#include "net/HttpRequest.h"

#include <QObject>

namespace md {

// The answer to one HttpRequest, as any transport delivers it: the head once, the body in pieces as
// they arrive (nothing is kept here: whoever listens keeps what it needs), then exactly one of
// completed() or failed(). abort() ends it at once and no signal follows.
class HttpReply : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void abort() = 0;

    int status() const { return m_status; }
    const HttpHeaders &headers() const { return m_headers; }
    // The first field of that name, compared without regard to case; empty when absent.
    QByteArray header(const QByteArray &name) const;
    qint64 contentLength() const { return m_contentLength; } // -1 when the answer gave none

signals:
    void headReceived(); // a final status (not 1xx) and its header fields
    void bodyReceived(const QByteArray &bytes);
    void uploadProgressed();
    void completed();
    void failed(const QString &message); // connection refused, reset, cut mid-body, TLS, malformed answer

protected:
    void setHead(int status, HttpHeaders headers, qint64 contentLength);

private:
    int m_status = 0;
    HttpHeaders m_headers;
    qint64 m_contentLength = -1;
};

} // namespace md
