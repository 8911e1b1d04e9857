#include "HeadlessProxy.h"

#include "api/MistralClient.h"
#include "proxy/ProxyServer.h"
#include "proxy/ProxyUsage.h"
#include "store/ConversationStore.h"
#include "store/UsageLedger.h"
#include "store/UsageWriter.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTimer>

#include <csignal>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace md {

namespace {

void printErr(const QString &line)
{
    std::fputs((line + QLatin1Char('\n')).toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

#ifdef Q_OS_UNIX
// Signals arrive on any thread at any moment: the handler only writes a byte to a socket, and the
// event loop reads it (the self-pipe pattern), so shutting down runs as ordinary code.
int g_signalSockets[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalSockets[0], &byte, 1);
}
#endif

} // namespace

HeadlessProxy::HeadlessProxy(QObject *parent)
    : QObject(parent)
{
}

HeadlessProxy::~HeadlessProxy()
{
    // The server goes first: it may still report a request while it is torn down.
    delete m_server;
    m_server = nullptr;
}

int HeadlessProxy::run(const ServeSettings &settings)
{
    const QString rules = settings.logLevel == QLatin1String("debug") ? QStringLiteral("mistraldesk.*=true")
        : settings.logLevel == QLatin1String("warning")               ? QStringLiteral("mistraldesk.*.info=false")
        : settings.logLevel == QLatin1String("error")
        ? QStringLiteral("mistraldesk.*.info=false\nmistraldesk.*.warning=false")
        : QString();
    if (!rules.isEmpty())
        QLoggingCategory::setFilterRules(rules);

    m_client = new MistralClient(this);
    m_client->setBaseUrl(settings.baseUrl);
    m_client->setApiKey(settings.apiKey);
    m_client->setTimeoutMs(settings.timeoutMs);

    if (!settings.usageDb.isEmpty() && !openUsage(settings.usageDb))
        return 1;

    m_server = new ProxyServer(m_client, this);
    m_server->setConfig(settings.proxy);
    connect(m_server, &ProxyServer::requestFinished, this, &HeadlessProxy::onRequestFinished);

    QString error;
    if (!m_server->start(&error)) {
        printErr(QStringLiteral("mistral-desk --serve: %1").arg(error));
        return 1;
    }
    printErr(QStringLiteral("mistral-desk proxy %1 listening on %2 (OpenAI clients: base URL %2/v1), upstream %3")
                 .arg(QLatin1String(MD_VERSION), m_server->baseUrl(), settings.baseUrl.toString()));
    if (settings.tokenGenerated)
        printErr(QStringLiteral("Local token for clients (set PROXY_TOKEN to keep one across restarts): %1")
                     .arg(settings.proxy.token));
    if (settings.proxy.address != QHostAddress(QHostAddress::LocalHost)
        && settings.proxy.address != QHostAddress(QHostAddress::LocalHostIPv6))
        printErr(QStringLiteral("Warning: listening beyond this machine (%1); anyone who can reach it and has the "
                                "token can spend your Mistral credit.")
                     .arg(settings.proxy.address.toString()));
    if (m_usage)
        printErr(QStringLiteral("Recording usage in %1").arg(settings.usageDb));
    watchSignals();
    const int code = QCoreApplication::exec();
    std::fflush(stdout);
    flushUsage(); // a last try even while failing: what is still waiting is reported as lost
    reportUsage();
    return code;
}

bool HeadlessProxy::openUsage(const QString &path)
{
    auto store = std::make_unique<ConversationStore>();
    QString error;
    if (!store->open(path, &error)) {
        printErr(QStringLiteral("mistral-desk --serve: cannot record usage in %1: %2").arg(path, error));
        return false;
    }
    // The server only appends rows, never reads them back: SQLite's page cache would otherwise grow
    // with the file up to the app's 16 MB, which a long-running proxy has no use for.
    QSqlQuery(store->database()).exec(QStringLiteral("PRAGMA cache_size = -512"));
    m_usageStore = std::move(store);
    m_ledger = std::make_unique<UsageLedger>(m_usageStore.get());
    m_usage = std::make_unique<UsageWriter>(m_ledger.get());
    m_usageRetry.setSingleShot(true);
    m_usageRetry.setInterval(5000);
    connect(&m_usageRetry, &QTimer::timeout, this, &HeadlessProxy::flushUsage);
    return true;
}

void HeadlessProxy::onRequestFinished(ProxyLogEntry entry)
{
    entry.costUsd = ProxyUsage::costOf(entry, m_prices, nullptr);
    const QByteArray line = entry.toJsonLine();
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    if (m_usage) {
        if (const std::optional<UsageRecord> record = ProxyUsage::recordOf(entry, m_prices))
            m_usage->add(*record);
    }
    // One write(2) and one database commit for every request finished in this pass of the event
    // loop, rather than one per request; still out before the loop waits for more.
    if (!m_flushQueued) {
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &HeadlessProxy::flushPass, Qt::QueuedConnection);
    }
}

void HeadlessProxy::flushPass()
{
    m_flushQueued = false;
    std::fflush(stdout);
    // While the database refuses writes, only the retry timer tries again: rewriting every waiting
    // row on each busy event-loop pass would put the failing I/O on the request path.
    if (!m_usageFailing)
        flushUsage();
}

void HeadlessProxy::flushUsage()
{
    if (!m_usage || m_usage->pending() == 0)
        return;
    if (m_usage->flush()) {
        if (m_usageFailing)
            printErr(QStringLiteral("Usage recording works again; the rows kept meanwhile are written."));
        m_usageFailing = false;
        return;
    }
    if (!m_usageFailing)
        printErr(QStringLiteral("Warning: cannot record usage (%1); the rows are kept in memory and written when "
                                "it works again.")
                     .arg(m_usage->lastError()));
    m_usageFailing = true;
    m_usageRetry.start(); // the only retry until one succeeds, 5 s from this failure
}

void HeadlessProxy::reportUsage()
{
    if (!m_usage)
        return;
    const UsageBucket written = m_usage->written();
    QString line = QStringLiteral("Usage recorded this run: %1 request(s), %2 prompt + %3 completion tokens, $%4")
                       .arg(written.requests)
                       .arg(written.promptTokens)
                       .arg(written.completionTokens)
                       .arg(written.costUsd, 0, 'f', 6);
    if (written.unpriced > 0)
        line += QStringLiteral(" (%1 without a known price)").arg(written.unpriced);
    printErr(line + QLatin1Char('.'));
    if (m_usage->pending() > 0 || m_usage->dropped() > 0)
        printErr(QStringLiteral("Warning: the usage of %1 request(s) could not be recorded: %2")
                     .arg(m_usage->pending() + m_usage->dropped())
                     .arg(m_usage->lastError()));
}

void HeadlessProxy::watchSignals()
{
#ifdef Q_OS_UNIX
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalSockets) != 0) {
        printErr(QStringLiteral("Warning: cannot watch for SIGTERM; stop the proxy with SIGKILL."));
        return;
    }
    auto *notifier = new QSocketNotifier(g_signalSockets[1], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(g_signalSockets[1], &byte, 1);
        shutDown();
    });
    struct sigaction action { };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
#else
    std::signal(SIGINT, [](int) { QCoreApplication::quit(); });
    std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
#endif
}

void HeadlessProxy::shutDown()
{
    if (m_stopping) {
        printErr(QStringLiteral("Stopping now."));
        QCoreApplication::exit(0);
        return;
    }
    m_stopping = true;
    m_server->stop();
    const int active = m_server->activeRequests();
    if (active == 0) {
        printErr(QStringLiteral("Stopped."));
        QCoreApplication::exit(0);
        return;
    }
    printErr(
        QStringLiteral("Stopping: waiting for %1 request(s) in flight (a second signal stops at once).").arg(active));
    connect(m_server, &ProxyServer::activeRequestsChanged, this, [](int now) {
        if (now == 0) {
            printErr(QStringLiteral("Stopped."));
            QCoreApplication::exit(0);
        }
    });
    QTimer::singleShot(30000, this, [] {
        printErr(QStringLiteral("Stopped with requests still in flight after 30 s."));
        QCoreApplication::exit(0);
    });
}

} // namespace md
