#pragma once

#include "api/RateLimitInfo.h"

#include <QByteArray>
#include <QString>

namespace md {

// Any failure of a call, decoded from every error shape the API uses (MISTRAL_API.md, "Errors"),
// plus failures that happen before or after HTTP: network, timeout, cancellation, bad stream.
struct ApiError {
    enum class Kind {
        Http,      // the server answered with an error status
        Network,   // no connection, connection reset, DNS, TLS
        Timeout,   // no byte for longer than the configured timeout
        Cancelled, // the caller cancelled
        Protocol,  // the server answered 2xx but the body or stream was broken
    };
    Kind kind = Kind::Http;
    int httpStatus = 0; // 0 when no status was received
    QString type;       // e.g. invalid_request_error, invalid_model, rate_limited
    QString code;       // e.g. "1500", "1300"
    QString message;    // the server's (or the transport's) message, flattened to text
    QString param;
    QString requestId;
    RateLimitInfo rateLimit;
    QByteArray body; // the server's error body as received (Http only), for a proxy to pass on

    // Decodes an error response body of any known shape. Never fails: unknown bodies keep their text.
    static ApiError fromHttp(int status, const QByteArray &body, const RateLimitInfo &rateLimit = {},
                             const QString &requestId = {});
    static ApiError network(const QString &message);
    static ApiError timeout(int seconds);
    static ApiError cancelled();
    static ApiError protocol(const QString &message);

    bool isRetryable() const; // 429, 500, 502, 503, 504, and network failures
    // One or two sentences a user can act on, e.g. "Your API key was refused. Check it in Settings."
    QString userMessage() const;
    // A compact technical line for logs: "HTTP 422 invalid_request_error: body.safe_mode: Extra inputs..."
    QString toString() const;
};

} // namespace md
