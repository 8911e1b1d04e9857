#pragma once

#include "catalog/PriceTable.h"
#include "common/AppPalette.h"

#include <QUrl>

namespace md {

// Everything the Settings dialog holds except the API key, which lives only in the keychain
// (ApiKeyKeeper). Stored with QSettings() under "connection/", "appearance/" and "prices/".
struct AppSettings {
    static constexpr int kMinTimeoutSeconds = 5;
    static constexpr int kMaxTimeoutSeconds = 3600;

    QUrl baseUrl = QUrl(QStringLiteral("https://api.mistral.ai"));
    int timeoutSeconds = 60;
    Theme theme = Theme::System;
    // "system", "en" or "fr"; read at start by TranslationInstaller (MD_LANGUAGE wins over it).
    QString language = QStringLiteral("system");
    PriceTable prices = PriceTable::defaults();

    // From QSettings(); what is absent or invalid gets its default, so a hand-edited or older
    // settings file never breaks the app.
    static AppSettings load();
    void save() const;

    // http or https with a host, no query or fragment: what MistralClient can put /v1/... after.
    static bool isValidBaseUrl(const QUrl &url);
    // Trims whitespace and trailing slashes; adds nothing.
    static QUrl normalizedBaseUrl(const QString &text);

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};

} // namespace md
