#include "proxy/ProxyLogEntry.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace md {

QJsonObject ProxyLogEntry::toJson() const
{
    QJsonObject o {{QLatin1String("time"), time.toString(Qt::ISODateWithMs)},
                   {QLatin1String("client"), client},
                   {QLatin1String("method"), method},
                   {QLatin1String("path"), path},
                   {QLatin1String("status"), status},
                   {QLatin1String("latency_ms"), latencyMs},
                   {QLatin1String("stream"), streamed}};
    if (!model.isEmpty())
        o.insert(QLatin1String("model"), model);
    if (firstByteMs >= 0)
        o.insert(QLatin1String("first_byte_ms"), firstByteMs);
    if (!usage.isEmpty()) {
        o.insert(QLatin1String("prompt_tokens"), usage.promptTokens);
        o.insert(QLatin1String("completion_tokens"), usage.completionTokens);
    }
    if (costUsd)
        o.insert(QLatin1String("cost_usd"), *costUsd);
    if (!error.isEmpty())
        o.insert(QLatin1String("error"), error);
    if (!translated.isEmpty())
        o.insert(QLatin1String("translated"), QJsonArray::fromStringList(translated));
    if (!requestBody.isEmpty())
        o.insert(QLatin1String("request_body"), QString::fromUtf8(requestBody));
    if (!responseBody.isEmpty())
        o.insert(QLatin1String("response_body"), QString::fromUtf8(responseBody));
    return o;
}

QByteArray ProxyLogEntry::toJsonLine() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace md
