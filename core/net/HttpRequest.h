#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace md {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as a transport sends it. Headers are sent as given (names keep their case); the
// transport adds what framing needs (Host, Content-Length) itself.
struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray body;

    // The request on the wire in HTTP/1.1 form: head and body in one buffer, so that it leaves in
    // one write. Host, Content-Length, Connection and Transfer-Encoding from `headers` are ignored:
    // the framing is this function's job.
    QByteArray toHttp1() const;
};

} // namespace md
