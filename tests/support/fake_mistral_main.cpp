// fake-mistral: FakeMistral as a standalone server, for benchmarks and manual trials.
// Scripts are queued through its control endpoint (no auth): POST /_fake/script, POST /_fake/reset,
// GET /_fake/requests. See README.md next to this file.

#include "FakeMistral.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <csignal>
#include <cstdio>

namespace {

volatile std::sig_atomic_t g_stopRequested = 0;

void onStopSignal(int)
{
    g_stopRequested = 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fake-mistral"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A fake Mistral API upstream (real wire format, scriptable faults) for tests and benchmarks."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("TCP port to listen on (0 = any free port)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption hostOption(QStringLiteral("host"), QStringLiteral("Address to listen on."),
                                        QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption keyOption(QStringLiteral("key"),
                                       QStringLiteral("API key clients must send as Bearer token."),
                                       QStringLiteral("KEY"), QStringLiteral("test-key"));
    const QCommandLineOption tokensOption(
        QStringLiteral("tokens"), QStringLiteral("Tokens of the default chat answer (used while no script is queued)."),
        QStringLiteral("N"), QStringLiteral("8"));
    const QCommandLineOption rateOption(
        QStringLiteral("rate"), QStringLiteral("Tokens per second of the default streamed answer (0 = unpaced)."),
        QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption inlineOption(
        QStringLiteral("inline-scripts"),
        QStringLiteral("Answer a request whose body holds [fake key=value ...] with that script (see README.md)."));
    parser.addOptions({portOption, hostOption, keyOption, tokensOption, rateOption, inlineOption});
    parser.process(app);

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        std::fprintf(stderr, "fake-mistral: invalid --port\n");
        return 2;
    }
    const QHostAddress host(parser.value(hostOption));
    if (host.isNull()) {
        std::fprintf(stderr, "fake-mistral: invalid --host\n");
        return 2;
    }
    md::test::FakeScript defaults;
    defaults.tokens = parser.value(tokensOption).toInt(&ok);
    if (!ok || defaults.tokens < 0) {
        std::fprintf(stderr, "fake-mistral: invalid --tokens\n");
        return 2;
    }
    defaults.tokensPerSecond = parser.value(rateOption).toInt(&ok);
    if (!ok || defaults.tokensPerSecond < 0) {
        std::fprintf(stderr, "fake-mistral: invalid --rate\n");
        return 2;
    }

    md::test::FakeMistral fake;
    fake.setApiKey(parser.value(keyOption));
    fake.setDefaultScript(defaults);
    fake.setInlineScripts(parser.isSet(inlineOption));
    if (!fake.listen(host, quint16(port))) {
        std::fprintf(stderr, "fake-mistral: cannot listen on %s:%u\n", qPrintable(host.toString()), port);
        return 1;
    }

    QString shownHost = host.toString();
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        shownHost = QStringLiteral("127.0.0.1");
    else if (host.protocol() == QAbstractSocket::IPv6Protocol)
        shownHost = QLatin1Char('[') + shownHost + QLatin1Char(']');
    std::printf("fake-mistral listening on http://%s:%u\n", qPrintable(shownHost), unsigned(fake.port()));
    std::fflush(stdout);

    // Signal handlers may only set a flag; the event loop looks at it a few times a second.
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, &app, [] {
        if (g_stopRequested)
            QCoreApplication::quit();
    });
    stopPoll.start(100);

    return QCoreApplication::exec();
}
