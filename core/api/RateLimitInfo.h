#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>

namespace md {

// What the rate-limit headers of a response said. -1 = header absent.
struct RateLimitInfo {
    qint64 requestsPerMinute = -1;
    qint64 requestsRemaining = -1;
    qint64 tokensPerMinute = -1;
    qint64 tokensRemaining = -1;
    int retryAfterSeconds = -1; // from Retry-After (seconds or an HTTP date)

    bool isEmpty() const
    {
        return requestsPerMinute < 0 && requestsRemaining < 0 && tokensPerMinute < 0 && tokensRemaining < 0
            && retryAfterSeconds < 0;
    }

    using Headers = QList<QPair<QByteArray, QByteArray>>;
    // `now` is used to turn an HTTP-date Retry-After into seconds.
    static RateLimitInfo fromHeaders(const Headers &headers, const QDateTime &now = QDateTime::currentDateTimeUtc());
    static int parseRetryAfter(const QByteArray &value, const QDateTime &now);
};

} // namespace md
