#include "CommandLine.h"

#include <QCommandLineParser>

namespace md {

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Mistral Desk: a native desktop chat and playground for the Mistral API.\n"
                       "The API key is read from the system keychain (set it in the app), or from the\n"
                       "MISTRAL_API_KEY environment variable for this run only."));
    const QCommandLineOption help(QStringList {QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version(QStringList {QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version and exit."));
    const QCommandLineOption baseUrl(QStringLiteral("base-url"),
                                     QStringLiteral("Talk to this server instead of https://api.mistral.ai."),
                                     QStringLiteral("url"));
    const QCommandLineOption serve(QStringLiteral("serve"),
                                   QStringLiteral("Run only the local OpenAI-compatible proxy, without a window. "
                                                  "Settings come from these options and the environment: "
                                                  "MISTRAL_API_KEY (or MISTRAL_KEY), MISTRAL_URL, HOST, PORT, "
                                                  "PROXY_TOKEN, PRIMARY_MODEL, MAX_TOKENS, TIMEOUT, SAFE_MODE, "
                                                  "RANDOM_SEED, LOG_LEVEL, LOG_BODIES, USAGE_DB."));
    const QCommandLineOption host(QStringLiteral("host"),
                                  QStringLiteral("--serve: the address to listen on (default 127.0.0.1)."),
                                  QStringLiteral("address"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("--serve: the port (default 8787)."),
                                  QStringLiteral("port"));
    const QCommandLineOption token(QStringLiteral("token"),
                                   QStringLiteral("--serve: the local token clients must send (default: "
                                                  "PROXY_TOKEN, else a new one, printed at start)."),
                                   QStringLiteral("token"));
    const QCommandLineOption origin(QStringLiteral("allow-origin"),
                                    QStringLiteral("--serve: a browser origin allowed cross-origin access "
                                                   "(repeatable)."),
                                    QStringLiteral("origin"));
    const QCommandLineOption logBodies(QStringLiteral("log-bodies"),
                                       QStringLiteral("--serve: also write request and answer bodies to the access log "
                                                      "(off by default: they may hold private text)."));
    const QCommandLineOption usageDb(QStringLiteral("usage-db"),
                                     QStringLiteral("--serve: record each request's tokens and cost in this SQLite "
                                                    "file (created if missing; the app's own history file works "
                                                    "too, and its Usage page then shows them). Default: USAGE_DB, "
                                                    "else none."),
                                     QStringLiteral("file"));
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(baseUrl);
    parser.addOption(serve);
    parser.addOption(host);
    parser.addOption(port);
    parser.addOption(token);
    parser.addOption(origin);
    parser.addOption(logBodies);
    parser.addOption(usageDb);

    CommandLine result;
    if (!parser.parse(arguments)) {
        result.mode = Mode::Error;
        result.text = parser.errorText() + QLatin1String("\nTry --help.\n");
        return result;
    }
    if (parser.isSet(help)) {
        result.mode = Mode::Help;
        result.text = parser.helpText().replace(QLatin1String("<executable_name>"), QLatin1String("mistral-desk"));
    } else if (parser.isSet(version)) {
        result.mode = Mode::Version;
        result.text = QStringLiteral("mistral-desk %1\n").arg(QLatin1String(MD_VERSION));
    } else if (parser.isSet(serve)) {
        result.mode = Mode::Serve;
    }
    result.baseUrl = parser.value(baseUrl);
    result.host = parser.value(host);
    result.port = parser.value(port);
    result.token = parser.value(token);
    result.allowedOrigins = parser.values(origin);
    result.logBodies = parser.isSet(logBodies);
    result.usageDb = parser.value(usageDb);
    if (!result.baseUrl.isEmpty() && !result.baseUrl.startsWith(QLatin1String("http"))) {
        result.mode = Mode::Error;
        result.text = QStringLiteral("--base-url must start with http:// or https://\n");
    }
    return result;
}

} // namespace md
