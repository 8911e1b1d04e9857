#include "settings/AppSettings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace md {

namespace {
const QString kBaseUrl = QStringLiteral("connection/baseUrl");
const QString kTimeout = QStringLiteral("connection/timeoutSeconds");
const QString kTheme = QStringLiteral("appearance/theme");
const QString kLanguage = QStringLiteral("appearance/language");
const QString kPrices = QStringLiteral("prices/table");
} // namespace

bool AppSettings::isValidBaseUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && !url.host().isEmpty() && !url.hasQuery() && !url.hasFragment() && url.userInfo().isEmpty();
}

QUrl AppSettings::normalizedBaseUrl(const QString &text)
{
    QString t = text.trimmed();
    while (t.endsWith(QLatin1Char('/')))
        t.chop(1);
    return QUrl(t, QUrl::StrictMode);
}

AppSettings AppSettings::load()
{
    AppSettings s;
    QSettings settings;

    const QUrl url = normalizedBaseUrl(settings.value(kBaseUrl).toString());
    if (isValidBaseUrl(url))
        s.baseUrl = url;

    bool ok = false;
    const int timeout = settings.value(kTimeout).toInt(&ok);
    if (ok && timeout >= kMinTimeoutSeconds && timeout <= kMaxTimeoutSeconds)
        s.timeoutSeconds = timeout;

    if (const auto theme = themeFromName(settings.value(kTheme).toString()))
        s.theme = *theme;

    const QString language = settings.value(kLanguage).toString();
    if (language == QLatin1String("en") || language == QLatin1String("fr"))
        s.language = language;

    // Stored as the table's own JSON (with its date) so what the user edited comes back as it was.
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(settings.value(kPrices).toString().toUtf8(), &error);
    if (error.error == QJsonParseError::NoError && doc.isObject()
        && doc.object().value(QLatin1String("prices")).isObject()) {
        s.prices = PriceTable::fromJson(doc.object());
    }
    return s;
}

void AppSettings::save() const
{
    QSettings settings;
    settings.setValue(kBaseUrl, baseUrl.toString());
    settings.setValue(kTimeout, timeoutSeconds);
    settings.setValue(kTheme, themeName(theme));
    settings.setValue(kLanguage, language);
    settings.setValue(kPrices, QString::fromUtf8(QJsonDocument(prices.toJson()).toJson(QJsonDocument::Compact)));
    settings.sync();
}

} // namespace md
