#include "api/RateLimitInfo.h"

#include <QLocale>

namespace md {

namespace {

qint64 toNumber(const QByteArray &value)
{
    bool ok = false;
    const qint64 n = value.trimmed().toLongLong(&ok);
    return ok && n >= 0 ? n : -1;
}

} // namespace

int RateLimitInfo::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    bool ok = false;
    const double seconds = v.toDouble(&ok);
    if (ok)
        return seconds < 0 ? -1 : int(qMin(seconds + 0.999, 86400.0));
    // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    const QDateTime when
        = QLocale::c().toDateTime(QString::fromLatin1(v), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return -1;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    return int(qBound(qint64(0), now.secsTo(utc), qint64(86400)));
}

RateLimitInfo RateLimitInfo::fromHeaders(const Headers &headers, const QDateTime &now)
{
    RateLimitInfo info;
    for (const auto &[rawName, value] : headers) {
        const QByteArray name = rawName.toLower();
        if (name == "x-ratelimit-limit-req-minute")
            info.requestsPerMinute = toNumber(value);
        else if (name == "x-ratelimit-remaining-req-minute")
            info.requestsRemaining = toNumber(value);
        else if (name == "x-ratelimit-limit-tokens-minute")
            info.tokensPerMinute = toNumber(value);
        else if (name == "x-ratelimit-remaining-tokens-minute")
            info.tokensRemaining = toNumber(value);
        else if (name == "retry-after")
            info.retryAfterSeconds = parseRetryAfter(value, now);
    }
    return info;
}

} // namespace md
