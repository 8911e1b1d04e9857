#pragma once

#include "api/ApiError.h"

#include <QRandomGenerator>

namespace md {

// When and how long to wait before trying a failed call again: 429 and 5xx (and network failures
// before any answer), exponential backoff with full jitter, Retry-After honoured, and never once a
// stream has delivered content (the user already saw part of an answer; a retry would repeat it).
class RetryPolicy {
public:
    int maxRetries = 3; // retries after the first attempt
    int baseDelayMs = 500;
    int maxDelayMs = 20000;
    int maxRetryAfterSeconds = 120; // a longer Retry-After is reported to the user instead of waited out

    // `attempt` is the number of attempts made so far (1 after the first failure).
    bool shouldRetry(const ApiError &error, int attempt, bool contentDelivered) const;
    // Delay before attempt `attempt + 1`: Retry-After when given, else a random value in
    // [base * 2^(attempt-1) / 2, base * 2^(attempt-1)], capped at maxDelayMs.
    int delayMs(const ApiError &error, int attempt) const;

    void setRandomGenerator(QRandomGenerator *generator) { m_random = generator; } // tests: a seeded one

private:
    QRandomGenerator *m_random = nullptr;
};

} // namespace md
