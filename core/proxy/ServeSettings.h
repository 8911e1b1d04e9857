#pragma once

#include "proxy/ProxyConfig.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace md {

// The headless proxy's settings (`mistral-desk --serve`), from command-line flags first, then the
// environment (the names other Mistral proxies use, so existing deployments carry over), then defaults.
struct ServeSettings {
    struct Flags {
        QString host;
        QString port;
        QString token;
        QString baseUrl;
        QStringList allowedOrigins;
        bool logBodies = false;
        QString usageDb;
    };

    ProxyConfig proxy;
    QString apiKey;                            // MISTRAL_API_KEY, else MISTRAL_KEY
    QUrl baseUrl;                              // --base-url, else MISTRAL_URL, else https://api.mistral.ai
    int timeoutMs = 120000;                    // TIMEOUT, in seconds
    QString logLevel = QStringLiteral("info"); // LOG_LEVEL: debug | info | warning | error
    QString usageDb; // --usage-db, else USAGE_DB: the SQLite file to record each request's usage in; empty = none
    bool tokenGenerated = false;               // no token was given: a new one was made and must be shown

    // Every problem found (missing key, bad port...) goes to `errors`, each a sentence to print.
    static ServeSettings resolve(const Flags &flags, const QProcessEnvironment &environment, QStringList *errors);
};

} // namespace md
