#pragma once

#include <QString>
#include <QUrl>

namespace md {

// Where a connection goes: scheme, host and port. Connections to one origin are interchangeable.
struct HttpOrigin {
    bool tls = false;
    QString host;
    quint16 port = 0;

    static HttpOrigin fromUrl(const QUrl &url)
    {
        const bool tls = url.scheme() == QLatin1String("https");
        return {tls, url.host(), quint16(url.port(tls ? 443 : 80))};
    }
    QString key() const
    {
        return (tls ? QStringLiteral("https://") : QStringLiteral("http://")) + host + QLatin1Char(':')
            + QString::number(port);
    }
};

} // namespace md
