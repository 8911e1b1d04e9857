#include "api/FimRequest.h"

#include "api/JsonFields.h"

namespace md {

QJsonObject FimRequest::toJson(bool stream) const
{
    QJsonObject body {{QLatin1String("model"), model}, {QLatin1String("prompt"), prompt}};
    json::putNonEmpty(body, QLatin1String("suffix"), suffix);
    if (stream)
        body.insert(QLatin1String("stream"), true);
    json::putOptional(body, QLatin1String("temperature"), temperature);
    json::putOptional(body, QLatin1String("top_p"), topP);
    json::putOptional(body, QLatin1String("max_tokens"), maxTokens);
    json::putOptional(body, QLatin1String("min_tokens"), minTokens);
    json::putStop(body, stop);
    json::putOptional(body, QLatin1String("random_seed"), randomSeed);
    return body;
}

} // namespace md
