#include "net/LeanHttpTransport.h"

#include "net/LeanHttpReply.h"

#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>

namespace md {

LeanHttpTransport::LeanHttpTransport(QObject *parent)
    : HttpTransport(parent)
{
}

HttpReply *LeanHttpTransport::send(const HttpRequest &request)
{
    auto *reply = new LeanHttpReply(&m_pool, request);
    reply->start();
    return reply;
}

bool LeanHttpTransport::usable(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return false;
    // The same question QNetworkAccessManager asks before each request: whichever proxy Qt would
    // use, this client does not speak to it.
    const QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
    for (const QNetworkProxy &proxy : proxies) {
        if (proxy.type() != QNetworkProxy::NoProxy && proxy.type() != QNetworkProxy::DefaultProxy)
            return false;
    }
    return true;
}

} // namespace md
