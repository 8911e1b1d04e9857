#pragma once

#include "proxy/OpenAiTranslator.h"

#include <QHostAddress>
#include <QStringList>

namespace md {

// How the local proxy listens and whom it lets in. Safe by default: loopback only, a token
// required, no cross-origin browser access, bodies up to 10 MB.
struct ProxyConfig {
    static constexpr quint16 kDefaultPort = 8787;

    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = kDefaultPort; // 0 = any free port
    QString token;               // the local token clients send as "Authorization: Bearer <token>"
    QStringList allowedOrigins;  // browser origins allowed cross-origin access (CORS), e.g. "http://localhost:3000"
    qint64 maxBodyBytes = 10 * 1024 * 1024;
    bool logBodies = false; // the access log never holds bodies unless this is on
    OpenAiTranslator::Config translation;
};

} // namespace md
