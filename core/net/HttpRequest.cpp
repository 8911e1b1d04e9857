#include "net/HttpRequest.h"

namespace md {

namespace {

bool isFramingHeader(const QByteArray &name)
{
    return name.compare("host", Qt::CaseInsensitive) == 0 || name.compare("content-length", Qt::CaseInsensitive) == 0
        || name.compare("connection", Qt::CaseInsensitive) == 0
        || name.compare("transfer-encoding", Qt::CaseInsensitive) == 0;
}

} // namespace

QByteArray HttpRequest::toHttp1() const
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const bool tls = url.scheme() == QLatin1String("https");
    const int port = url.port(tls ? 443 : 80);
    if (port != (tls ? 443 : 80))
        host += ':' + QByteArray::number(port);

    QByteArray out;
    out.reserve(256 + body.size() + headers.size() * 48);
    out += method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &[name, value] : headers) {
        if (isFramingHeader(name))
            continue;
        out += name + ": " + value + "\r\n";
    }
    // Methods that carry a body announce its length even when it is empty: some servers answer
    // 411 Length Required otherwise.
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace md
