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
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(baseUrl);

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
    }
    result.baseUrl = parser.value(baseUrl);
    if (!result.baseUrl.isEmpty() && !result.baseUrl.startsWith(QLatin1String("http"))) {
        result.mode = Mode::Error;
        result.text = QStringLiteral("--base-url must start with http:// or https://\n");
    }
    return result;
}

} // namespace md
