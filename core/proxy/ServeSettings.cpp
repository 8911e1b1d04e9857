#include "proxy/ServeSettings.h"

#include "api/MistralClient.h"
#include "proxy/ProxyServer.h"

#include <cmath>

namespace md {

namespace {

QString pick(const QString &flag, const QProcessEnvironment &env, const char *name)
{
    return flag.isEmpty() ? env.value(QLatin1String(name)).trimmed() : flag.trimmed();
}

bool isTrue(const QString &value)
{
    const QString v = value.toLower();
    return v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes")
        || v == QLatin1String("on");
}

bool isFalse(const QString &value)
{
    const QString v = value.toLower();
    return v == QLatin1String("0") || v == QLatin1String("false") || v == QLatin1String("no")
        || v == QLatin1String("off");
}

} // namespace

ServeSettings ServeSettings::resolve(const Flags &flags, const QProcessEnvironment &env, QStringList *errors)
{
    ServeSettings s;
    s.apiKey = env.value(QStringLiteral("MISTRAL_API_KEY")).trimmed();
    if (s.apiKey.isEmpty())
        s.apiKey = env.value(QStringLiteral("MISTRAL_KEY")).trimmed();
    if (s.apiKey.isEmpty())
        *errors << QStringLiteral("No Mistral API key: set MISTRAL_API_KEY (or MISTRAL_KEY) in the environment.");

    const QString url = pick(flags.baseUrl, env, "MISTRAL_URL");
    s.baseUrl = QUrl(url.isEmpty() ? QString::fromLatin1(MistralClient::kDefaultBaseUrl) : url);
    if (!s.baseUrl.isValid() || !s.baseUrl.scheme().startsWith(QLatin1String("http")))
        *errors << QStringLiteral("MISTRAL_URL \"%1\" is not an http(s) URL.").arg(url);

    const QString host = pick(flags.host, env, "HOST");
    if (!host.isEmpty()) {
        const QHostAddress address
            = host == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
        if (address.isNull())
            *errors << QStringLiteral("HOST \"%1\" is not an IP address (use 127.0.0.1, ::1 or 0.0.0.0).").arg(host);
        else
            s.proxy.address = address;
    }

    const QString port = pick(flags.port, env, "PORT");
    if (!port.isEmpty()) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (!ok || value > 65535)
            *errors << QStringLiteral("PORT \"%1\" is not a port number (0 to 65535).").arg(port);
        else
            s.proxy.port = quint16(value);
    }

    s.proxy.token = pick(flags.token, env, "PROXY_TOKEN");
    if (s.proxy.token.isEmpty()) {
        s.proxy.token = ProxyServer::generateToken();
        s.tokenGenerated = true;
    }
    s.proxy.allowedOrigins = flags.allowedOrigins;
    s.proxy.logBodies = flags.logBodies || isTrue(env.value(QStringLiteral("LOG_BODIES")));
    s.usageDb = pick(flags.usageDb, env, "USAGE_DB");

    const QString model = env.value(QStringLiteral("PRIMARY_MODEL")).trimmed();
    if (!model.isEmpty())
        s.proxy.translation.defaultModel = model;

    const QString maxTokens = env.value(QStringLiteral("MAX_TOKENS")).trimmed();
    if (!maxTokens.isEmpty()) {
        bool ok = false;
        const qint64 value = maxTokens.toLongLong(&ok);
        if (!ok || value < 1)
            *errors << QStringLiteral("MAX_TOKENS \"%1\" is not a positive number.").arg(maxTokens);
        else
            s.proxy.translation.maxTokensCap = value;
    }

    const QString timeout = env.value(QStringLiteral("TIMEOUT")).trimmed();
    if (!timeout.isEmpty()) {
        bool ok = false;
        const double seconds = timeout.toDouble(&ok);
        // A day at most: beyond it the milliseconds no longer fit, and below a millisecond they round to
        // "no timeout" — both the opposite of what was asked.
        if (!ok || !std::isfinite(seconds) || seconds < 0.001 || seconds > 86400)
            *errors
                << QStringLiteral("TIMEOUT \"%1\" is not a number of seconds between 0.001 and 86400.").arg(timeout);
        else
            s.timeoutMs = int(seconds * 1000);
    }

    const QString safe = env.value(QStringLiteral("SAFE_MODE")).trimmed();
    if (!safe.isEmpty()) {
        if (isTrue(safe))
            s.proxy.translation.safePrompt = true;
        else if (isFalse(safe))
            s.proxy.translation.safePrompt = false;
        else
            *errors << QStringLiteral("SAFE_MODE \"%1\" is not true or false.").arg(safe);
    }

    const QString seed = env.value(QStringLiteral("RANDOM_SEED")).trimmed();
    if (!seed.isEmpty()) {
        bool ok = false;
        const qint64 value = seed.toLongLong(&ok);
        if (!ok || value < 0)
            *errors << QStringLiteral("RANDOM_SEED \"%1\" is not a number of 0 or more.").arg(seed);
        else
            s.proxy.translation.randomSeed = value;
    }

    const QString level = env.value(QStringLiteral("LOG_LEVEL")).trimmed().toLower();
    if (!level.isEmpty()) {
        static const QStringList levels {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                                         QStringLiteral("error")};
        if (!levels.contains(level))
            *errors << QStringLiteral("LOG_LEVEL \"%1\" is not one of debug, info, warning, error.").arg(level);
        else
            s.logLevel = level;
    }
    return s;
}

} // namespace md
