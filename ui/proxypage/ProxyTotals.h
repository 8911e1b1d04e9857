#pragma once

#include "proxy/ProxyLogEntry.h"

namespace md {

// What the proxy has served since the app started: the Proxy page's counters and the proxy part
// of the session totals in the status bar.
struct ProxyTotals {
    qint64 requests = 0;
    qint64 errors = 0; // answered with an HTTP error, or not answered at all
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    double costUsd = 0.0;

    qint64 tokens() const { return promptTokens + completionTokens; }

    void add(const ProxyLogEntry &entry)
    {
        ++requests;
        if (entry.status >= 400 || entry.status == 0)
            ++errors;
        promptTokens += entry.usage.promptTokens;
        completionTokens += entry.usage.completionTokens;
        costUsd += entry.costUsd.value_or(0.0);
    }
};

} // namespace md
