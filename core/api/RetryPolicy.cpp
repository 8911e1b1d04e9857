#include "api/RetryPolicy.h"

#include <algorithm>

namespace md {

bool RetryPolicy::shouldRetry(const ApiError &error, int attempt, bool contentDelivered) const
{
    if (contentDelivered || attempt > maxRetries || !error.isRetryable())
        return false;
    if (error.rateLimit.retryAfterSeconds > maxRetryAfterSeconds)
        return false;
    return true;
}

int RetryPolicy::delayMs(const ApiError &error, int attempt) const
{
    if (error.rateLimit.retryAfterSeconds >= 0)
        return error.rateLimit.retryAfterSeconds * 1000;
    const int exponent = std::clamp(attempt - 1, 0, 20);
    const qint64 ceiling = std::min<qint64>(qint64(baseDelayMs) << exponent, maxDelayMs);
    QRandomGenerator *random = m_random ? m_random : QRandomGenerator::global();
    // Half fixed, half random: spreads clients apart without ever retrying instantly.
    const qint64 half = ceiling / 2;
    return int(half + (ceiling - half > 0 ? random->bounded(ceiling - half + 1) : 0));
}

} // namespace md
