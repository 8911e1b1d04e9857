#include "api/ApiError.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace md {

namespace {

// userMessage() is what the window shows; the rest (message, toString()) also goes to logs and the proxy,
// and stays English.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::ApiError)
};

// `loc` is a path such as ["body", "messages", 0, "content"].
QString locationText(const QJsonArray &loc)
{
    QStringList parts;
    for (const QJsonValue &p : loc)
        parts << (p.isDouble() ? QString::number(p.toInteger()) : p.toString());
    return parts.join(QLatin1Char('.'));
}

// FastAPI-style validation details: [{"type","loc","msg"}, ...] -> "body.x: msg; body.y: msg".
QString detailText(const QJsonValue &detail)
{
    if (detail.isString())
        return detail.toString();
    QStringList lines;
    for (const QJsonValue &item : detail.toArray()) {
        const QJsonObject o = item.toObject();
        const QString loc = locationText(o.value(QLatin1String("loc")).toArray());
        const QString msg = o.value(QLatin1String("msg")).toString();
        lines << (loc.isEmpty() ? msg : loc + QLatin1String(": ") + msg);
    }
    return lines.join(QLatin1String("; "));
}

QString messageText(const QJsonValue &message)
{
    if (message.isString())
        return message.toString();
    if (message.isObject()) {
        const QJsonObject o = message.toObject();
        if (o.contains(QLatin1String("detail")))
            return detailText(o.value(QLatin1String("detail")));
        return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    if (message.isArray())
        return detailText(message);
    return {};
}

QString scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return {};
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 413:
        return QStringLiteral("Payload Too Large");
    case 422:
        return QStringLiteral("Unprocessable Entity");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    default:
        return QStringLiteral("HTTP error");
    }
}

} // namespace

ApiError ApiError::fromHttp(int status, const QByteArray &body, const RateLimitInfo &rateLimit,
                            const QString &requestId)
{
    ApiError e;
    e.kind = Kind::Http;
    e.httpStatus = status;
    e.rateLimit = rateLimit;
    e.requestId = requestId;
    e.body = body.left(64 * 1024);

    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        QJsonObject o = doc.object();
        // OpenAI-compatible servers wrap the error: {"error": {...}}.
        if (o.value(QLatin1String("error")).isObject())
            o = o.value(QLatin1String("error")).toObject();
        if (o.contains(QLatin1String("message")))
            e.message = messageText(o.value(QLatin1String("message")));
        else if (o.contains(QLatin1String("detail")))
            e.message = detailText(o.value(QLatin1String("detail")));
        e.type = o.value(QLatin1String("type")).toString();
        e.code = scalarText(o.value(QLatin1String("code")));
        e.param = scalarText(o.value(QLatin1String("param")));
        const QString id = o.value(QLatin1String("request_id")).toString();
        if (!id.isEmpty())
            e.requestId = id;
    } else {
        // An HTML page from a gateway, or plain text: keep a readable piece of it.
        e.message = QString::fromUtf8(body).simplified().left(300);
    }
    if (e.message.isEmpty())
        e.message = reasonPhrase(status);
    return e;
}

ApiError ApiError::network(const QString &message)
{
    ApiError e;
    e.kind = Kind::Network;
    e.message = message;
    return e;
}

ApiError ApiError::timeout(int seconds)
{
    ApiError e;
    e.kind = Kind::Timeout;
    e.message = QStringLiteral("No data received for %1 s").arg(seconds);
    return e;
}

ApiError ApiError::cancelled()
{
    ApiError e;
    e.kind = Kind::Cancelled;
    e.message = QStringLiteral("Cancelled");
    return e;
}

ApiError ApiError::protocol(const QString &message)
{
    ApiError e;
    e.kind = Kind::Protocol;
    e.message = message;
    return e;
}

bool ApiError::isRetryable() const
{
    if (kind == Kind::Network)
        return true;
    if (kind != Kind::Http)
        return false;
    return httpStatus == 429 || httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
}

QString ApiError::userMessage() const
{
    switch (kind) {
    case Kind::Network:
        return Tr::tr("Could not reach the server (%1). Check your connection and the base URL in Settings.")
            .arg(message);
    case Kind::Timeout:
        return Tr::tr("The server stopped answering (%1). The request was ended; try again.").arg(message);
    case Kind::Cancelled:
        return Tr::tr("Stopped.");
    case Kind::Protocol:
        return Tr::tr("The server's answer was malformed: %1.").arg(message);
    case Kind::Http:
        break;
    }
    if (httpStatus == 401 || httpStatus == 403)
        return Tr::tr("Your API key was refused (HTTP %1: %2). Check the key in Settings.")
            .arg(httpStatus)
            .arg(message);
    if (type == QLatin1String("invalid_model"))
        return Tr::tr("The model is not available: %1. Pick another model.").arg(message);
    if (httpStatus == 429) {
        if (rateLimit.retryAfterSeconds >= 0)
            // One arg() call for both: a second call would also replace a "%2" inside the server's message.
            return Tr::tr("Rate limit reached (%1). You can retry in %2 s.")
                .arg(message, QString::number(rateLimit.retryAfterSeconds));
        return Tr::tr("Rate limit reached (%1). Wait a moment and retry.").arg(message);
    }
    if (httpStatus == 404)
        return Tr::tr("Not found (%1). Check the base URL and the model name.").arg(message);
    if (httpStatus == 413)
        return Tr::tr("The request is too large (%1). Send less text or fewer files.").arg(message);
    if (httpStatus >= 500)
        return Tr::tr("The server had a problem (HTTP %1: %2). Try again in a moment.").arg(httpStatus).arg(message);
    return Tr::tr("The request was rejected (HTTP %1): %2").arg(httpStatus).arg(message);
}

QString ApiError::toString() const
{
    QString s;
    switch (kind) {
    case Kind::Http:
        s = QStringLiteral("HTTP %1").arg(httpStatus);
        break;
    case Kind::Network:
        s = QStringLiteral("network");
        break;
    case Kind::Timeout:
        s = QStringLiteral("timeout");
        break;
    case Kind::Cancelled:
        s = QStringLiteral("cancelled");
        break;
    case Kind::Protocol:
        s = QStringLiteral("protocol");
        break;
    }
    if (!type.isEmpty())
        s += QLatin1Char(' ') + type;
    if (!code.isEmpty())
        s += QLatin1String(" (") + code + QLatin1Char(')');
    s += QLatin1String(": ") + message;
    if (!requestId.isEmpty())
        s += QLatin1String(" [request ") + requestId + QLatin1Char(']');
    return s;
}

} // namespace md
