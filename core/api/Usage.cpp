#include "api/Usage.h"

namespace md {

Usage &Usage::operator+=(const Usage &other)
{
    promptTokens += other.promptTokens;
    completionTokens += other.completionTokens;
    totalTokens += other.totalTokens;
    return *this;
}

Usage Usage::fromJson(const QJsonObject &usage)
{
    Usage u;
    u.promptTokens = usage.value(QLatin1String("prompt_tokens")).toInteger();
    u.completionTokens = usage.value(QLatin1String("completion_tokens")).toInteger();
    u.totalTokens = usage.value(QLatin1String("total_tokens")).toInteger();
    if (u.totalTokens == 0)
        u.totalTokens = u.promptTokens + u.completionTokens;
    return u;
}

QJsonObject Usage::toJson() const
{
    return {{QLatin1String("prompt_tokens"), promptTokens},
            {QLatin1String("completion_tokens"), completionTokens},
            {QLatin1String("total_tokens"), totalTokens}};
}

} // namespace md
