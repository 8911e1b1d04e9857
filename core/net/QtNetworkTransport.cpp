#include "net/QtNetworkTransport.h"

#include "net/QtNetworkReply.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace md {

QtNetworkTransport::QtNetworkTransport(QObject *parent)
    : HttpTransport(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

HttpReply *QtNetworkTransport::send(const HttpRequest &request)
{
    QNetworkRequest qrequest(request.url);
    for (const auto &[name, value] : request.headers)
        qrequest.setRawHeader(name, value);
    // The caller's silence timer replaces QNetworkRequest's transfer timeout, so that a timeout can
    // be told apart from a cancellation and reported as such.
    qrequest.setTransferTimeout(0);
    return new QtNetworkReply(m_network->sendCustomRequest(qrequest, request.method, request.body));
}

} // namespace md
