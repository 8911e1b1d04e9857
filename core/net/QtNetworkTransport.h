#pragma once

#include "net/HttpTransport.h"

class QNetworkAccessManager;

namespace md {

// HttpTransport over Qt's QNetworkAccessManager: HTTP/2 over TLS (api.mistral.ai speaks it, so one
// multiplexed connection serves every call), proxies from the environment (HTTPS_PROXY) and the
// system, compressed answers. The app's own calls go this way.
class QtNetworkTransport : public HttpTransport {
public:
    explicit QtNetworkTransport(QObject *parent = nullptr);

    HttpReply *send(const HttpRequest &request) override;
    QNetworkAccessManager *network() const { return m_network; }

private:
    QNetworkAccessManager *m_network;
};

} // namespace md
