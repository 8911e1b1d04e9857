#pragma once

#include "net/HttpReply.h"
#include "net/HttpRequest.h"

#include <QObject>

namespace md {

// Something that carries HTTP requests: Qt's QNetworkAccessManager (QtNetworkTransport) or the
// lean HTTP/1.1 client written for the proxy (LeanHttpTransport). ApiCall works through this, so
// retries, error decoding and timeouts are the same whichever carries the bytes.
class HttpTransport : public QObject {
public:
    using QObject::QObject;

    // Sends at once. The caller owns the reply: it deletes it (deleteLater) after its last signal or
    // after abort().
    virtual HttpReply *send(const HttpRequest &request) = 0;
};

} // namespace md
