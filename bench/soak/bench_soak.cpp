// Proxy soak ("Prove reliability and security"): `mistral-desk --serve` under 100,000 mixed
// requests at 64 concurrent keep-alive connections, 127.0.0.1 only. See bench/soak/README.md.
//
// Processes: fake-mistral --inline-scripts (the upstream; each request's body names its own fault,
// so that 64 concurrent clients need no shared FIFO of scripts) and the proxy, each a child process;
// the client is this process, one epoll loop on raw sockets (bench/proxy/RawHttp's parser).
//
// Every request's outcome is known before it is sent (planFor): a success is a 200 with a whole
// answer (usage included; a stream ends with [DONE]); a scripted failure is the status the proxy
// documents for it (OpenAiTranslator::clientStatus: the upstream's 4xx/5xx as is after its retries,
// 502 for a broken answer; a stream broken after its head ends with an error event and a proper
// last chunk); a client that leaves mid-stream expects nothing. Anything else is "unexpected";
// a connection with no progress for 10 s is "hung" (closed, counted, the run goes on).
//
// Also measured: the proxy's resident memory every 1,000 requests (growth from the 10,000th on),
// its open file descriptors before and after, its access log (stdout, one JSON line per request),
// whose rows are counted by status and whose token sums must equal the usage the clients received
// in successful answers, and its usage ledger (`--usage-db`, read after a graceful stop), whose rows
// and token sums must equal what the fake upstream says it sent.
//
// Exit 0 always; --check exits 1 when a target is missed.

#include "ChildProcess.h"
#include "RawHttp.h"
#include "SoakPlan.h"
#include "Watchdog.h"

#include "store/ConversationStore.h"
#include "store/UsageLedger.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <string>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace bench;
using namespace soak;

namespace {

constexpr const char *kUpstreamKey = "test-key";
constexpr int kConnections = 64;
constexpr std::int64_t kHungNs = 10'000'000'000; // no progress for 10 s
constexpr int kLeaveAfterEvents = 2;             // a leaving client reads the role event and one token

struct Conn {
    int fd = -1;
    bool busy = false;
    std::uint64_t index = 0;
    Plan plan;
    std::string out;
    std::size_t written = 0;
    ResponseParser parser;
    std::string body;
    EventCounter events;
    std::int64_t lastProgress = 0;
    std::int64_t sentAt = 0;
    std::int64_t leaveAt = 0; // LeaveEarly: when the client goes
    std::int64_t firstByteAt = 0;
    int reads = 0;
};

// Resident memory of a process in kB (VmRSS), 0 if gone.
long residentKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return 0;
}

int openFds(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').value(0).toDouble() : 0;
}

QString locate(const QString &given, const QStringList &relativeToBench, const QString &name)
{
    if (!given.isEmpty())
        return QFileInfo(given).isExecutable() ? QFileInfo(given).absoluteFilePath() : QString();
    const QString here = QCoreApplication::applicationDirPath();
    for (const QString &rel : relativeToBench) {
        const QFileInfo f(here + QLatin1Char('/') + rel);
        if (f.isExecutable())
            return f.absoluteFilePath();
    }
    return QStandardPaths::findExecutable(name);
}

bool fakeControl(std::uint16_t fakePort, const std::string &path, const std::string &json)
{
    Connection c(fakePort);
    const auto r = c.exchange(buildRequest("POST", path, fakePort, {}, json), false);
    return r.ok && r.status == 200;
}

// The fake's own count of the usage it wrote in whole answers (prompt + completion tokens, answers).
std::pair<std::int64_t, std::int64_t> fakeUsage(std::uint16_t fakePort)
{
    Connection c(fakePort);
    const auto r = c.exchange(buildRequest("GET", "/_fake/requests", fakePort, {}, {}), true);
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).object();
    if (!r.ok || o.isEmpty())
        return {-1, -1};
    return {o.value(QLatin1String("usage_tokens")).toInteger(),
            o.value(QLatin1String("answers_with_usage")).toInteger()};
}

struct Totals {
    std::uint64_t completed = 0; // requests whose outcome is settled (as expected or not)
    std::uint64_t unexpected = 0;
    std::uint64_t hung = 0;
    std::uint64_t reconnects = 0;
    std::uint64_t slowFirstByte = 0; // requests whose first answer byte took > 0.9 s
    std::int64_t maxFirstByteNs = 0;
    std::array<std::uint64_t, kKindNames.size()> perKind {};
    std::array<std::uint64_t, kKindNames.size()> unexpectedPerKind {};
    std::map<int, std::uint64_t> expectedLogStatus;
    std::uint64_t successes = 0; // answers that must carry usage (and a log row with it)
    Tokens usage;                // as the clients received it
    std::vector<std::string> examples;
    std::vector<std::pair<std::uint64_t, long>> rss; // (completed, kB)
};

class Driver {
public:
    Driver(std::uint16_t port, std::uint16_t fakePort, std::uint64_t total, qint64 proxyPid, Totals &t)
        : m_port(port)
        , m_fakePort(fakePort)
        , m_total(total)
        , m_pid(proxyPid)
        , m_t(t)
    {
    }

    bool run(double maxSeconds)
    {
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0)
            return false;
        m_conns.resize(kConnections);
        for (Conn &c : m_conns)
            startNext(c);
        std::vector<epoll_event> ready(kConnections);
        std::vector<char> buffer(256 * 1024);
        const std::int64_t deadline = nowNs() + std::int64_t(maxSeconds * 1e9);
        while (m_t.completed < m_total && nowNs() < deadline) {
            const bool leaving
                = std::any_of(m_conns.begin(), m_conns.end(), [](const Conn &c) { return c.busy && c.leaveAt > 0; });
            const int n = ::epoll_wait(m_epoll, ready.data(), int(ready.size()), leaving ? 2 : 100);
            const std::int64_t now = nowNs();
            for (int k = 0; k < n; ++k) {
                Conn &c = m_conns[ready[std::size_t(k)].data.u32];
                if (c.busy)
                    service(c, buffer, now);
            }
            for (Conn &c : m_conns) {
                if (c.busy && c.leaveAt > 0 && now >= c.leaveAt && c.written == c.out.size() && c.reads == 0) {
                    settle(c, {});
                    dropConnection(c);
                    startNext(c);
                    continue;
                }
                if (c.busy && now - c.lastProgress > kHungNs) {
                    ++m_t.hung;
                    settle(c, "hung: no progress for 10 s");
                    dropConnection(c);
                    startNext(c);
                }
            }
        }
        for (Conn &c : m_conns)
            dropConnection(c);
        ::close(m_epoll);
        return m_t.completed >= m_total;
    }

private:
    void watch(Conn &c, std::uint32_t events, int op)
    {
        epoll_event e {};
        e.events = events;
        e.data.u32 = std::uint32_t(&c - m_conns.data());
        ::epoll_ctl(m_epoll, op, c.fd, &e);
    }

    void dropConnection(Conn &c)
    {
        if (c.fd >= 0) {
            ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
            ::close(c.fd);
        }
        c.fd = -1;
    }

    void startNext(Conn &c)
    {
        c.busy = false;
        if (m_next >= m_total)
            return;
        if (c.fd < 0) {
            c.fd = connectLoopback(m_port, 0);
            if (c.fd < 0) {
                ++m_t.completed; // counted as settled, and unexpected
                ++m_t.unexpected;
                note("cannot connect");
                return;
            }
            ::fcntl(c.fd, F_SETFL, ::fcntl(c.fd, F_GETFL) | O_NONBLOCK);
            watch(c, EPOLLIN | EPOLLOUT, EPOLL_CTL_ADD);
            ++m_t.reconnects;
        }
        c.index = m_next++;
        c.plan = planFor(c.index);
        c.out = requestFor(c.index, c.plan, m_port);
        c.written = 0;
        c.parser.reset();
        c.body.clear();
        c.events.reset();
        c.busy = true;
        c.lastProgress = c.sentAt = nowNs();
        c.firstByteAt = 0;
        c.reads = 0;
        c.leaveAt = c.plan.kind == Kind::LeaveEarly ? c.sentAt + kLeaveEarlyNs : 0;
        ++m_t.perKind[std::size_t(c.plan.kind)];
        m_t.expectedLogStatus[c.plan.logStatus]++;
        watch(c, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
        write(c);
    }

    void write(Conn &c)
    {
        while (c.written < c.out.size()) {
            const ssize_t n = ::send(c.fd, c.out.data() + c.written, c.out.size() - c.written, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return;
            if (n <= 0) {
                fail(c, "write failed");
                return;
            }
            c.written += std::size_t(n);
            c.lastProgress = nowNs();
        }
        watch(c, EPOLLIN, EPOLL_CTL_MOD);
    }

    void service(Conn &c, std::vector<char> &buffer, std::int64_t now)
    {
        if (c.written < c.out.size()) {
            write(c);
            if (!c.busy || c.written < c.out.size())
                return;
        }
        for (;;) {
            const ssize_t n = ::recv(c.fd, buffer.data(), buffer.size(), 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return;
            if (n <= 0) {
                fail(c, n == 0 ? "connection closed before the answer's end" : "connection reset");
                return;
            }
            c.lastProgress = now;
            if (c.firstByteAt == 0) {
                c.firstByteAt = now;
                // Only requests the proxy answers without retrying: the 503s without Retry-After and
                // the dropped answers wait for its backoff by design.
                const bool retried
                    = (c.plan.kind == Kind::Fail && c.plan.directive.find("retry_after") == std::string::npos)
                    || c.plan.kind == Kind::ChatDropped;
                if (!retried) {
                    const std::int64_t waited = now - c.sentAt;
                    m_t.maxFirstByteNs = std::max(m_t.maxFirstByteNs, waited);
                    if (waited > 900'000'000)
                        ++m_t.slowFirstByte;
                }
            }
            ++c.reads;
            bool leave = false;
            const std::size_t used = c.parser.feed(buffer.data(), std::size_t(n), [&](std::string_view piece) {
                c.body.append(piece);
                if (c.plan.kind == Kind::Leave)
                    c.events.scan(piece, [&](std::size_t index) { leave |= index + 1 >= kLeaveAfterEvents; });
            });
            if (c.parser.failed() || (used != std::size_t(n) && !leave)) {
                fail(c, "malformed answer, or bytes after its end");
                return;
            }
            if (leave && !c.parser.done()) {
                // The client goes away mid-stream: what the proxy does about it shows in its log.
                if (c.parser.status() != 200) {
                    fail(c, "leaving client: status " + std::to_string(c.parser.status()));
                    return;
                }
                settle(c, {});
                dropConnection(c);
                startNext(c);
                return;
            }
            if (c.parser.done()) {
                Tokens usage;
                std::string why = verify(c.plan, c.parser.status(), c.body, usage);
                if (!why.empty())
                    why += " (first byte after " + std::to_string((c.firstByteAt - c.sentAt) / 1000000)
                        + " ms, end after " + std::to_string((now - c.sentAt) / 1000000) + " ms, "
                        + std::to_string(c.reads) + " reads)";
                if (why.empty()) {
                    if (c.plan.kind == Kind::Chat || c.plan.kind == Kind::Stream || c.plan.kind == Kind::Embed)
                        ++m_t.successes;
                    m_t.usage.prompt += usage.prompt;
                    m_t.usage.completion += usage.completion;
                }
                settle(c, why);
                if (c.parser.closeAfter())
                    dropConnection(c);
                startNext(c);
                return;
            }
        }
    }

    void fail(Conn &c, const std::string &why)
    {
        settle(c, why);
        dropConnection(c);
        startNext(c);
    }

    void note(const std::string &why)
    {
        if (m_t.examples.size() < 12)
            m_t.examples.push_back(why);
    }

    void settle(Conn &c, const std::string &why)
    {
        c.busy = false;
        if (!why.empty()) {
            ++m_t.unexpected;
            ++m_t.unexpectedPerKind[std::size_t(c.plan.kind)];
            note("request " + std::to_string(c.index) + " (" + kKindNames[std::size_t(c.plan.kind)] + "): " + why);
        }
        ++m_t.completed;
        if (m_t.completed % 1000 == 0)
            m_t.rss.emplace_back(m_t.completed, residentKb(m_pid));
        if (m_t.completed % 10000 == 0)
            fakeControl(m_fakePort, "/_fake/reset", {}); // the fake records every request: free them
    }

    std::uint16_t m_port;
    std::uint16_t m_fakePort;
    std::uint64_t m_total;
    qint64 m_pid;
    Totals &m_t;
    int m_epoll = -1;
    std::uint64_t m_next = 0;
    std::vector<Conn> m_conns;
};

struct LogSums {
    std::uint64_t rows = 0;
    std::uint64_t rowsWithUsage = 0;
    Tokens usage;
    std::map<int, std::uint64_t> perStatus;
    std::uint64_t unreadable = 0;
};

LogSums readAccessLog(const QString &path)
{
    LogSums s;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return s;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty()) {
            ++s.unreadable;
            continue;
        }
        ++s.rows;
        s.perStatus[o.value(QLatin1String("status")).toInt()]++;
        if (o.contains(QLatin1String("prompt_tokens"))) {
            ++s.rowsWithUsage;
            s.usage.prompt += o.value(QLatin1String("prompt_tokens")).toInteger();
            s.usage.completion += o.value(QLatin1String("completion_tokens")).toInteger();
        }
    }
    return s;
}

struct LedgerSums {
    md::UsageBucket totals;
    QString error;
};

// The proxy's usage database, read as the app's Usage page reads it.
LedgerSums readLedger(const QString &path)
{
    LedgerSums s;
    if (!QFileInfo::exists(path)) {
        s.error = QStringLiteral("no file");
        return s;
    }
    md::ConversationStore store;
    if (!store.open(path, &s.error))
        return s;
    const md::UsageLedger ledger(&store);
    s.totals = ledger.totals(QDate(2000, 1, 1), QDate(2999, 12, 31));
    s.error = ledger.lastError();
    return s;
}

std::string statusList(const std::map<int, std::uint64_t> &m)
{
    std::string out;
    for (const auto &[status, n] : m)
        out += (out.empty() ? "" : ", ") + std::to_string(status) + ": " + std::to_string(n);
    return out;
}

struct Verdicts {
    int met = 0, missed = 0;
    std::string lines;
    void add(const char *what, bool ok, const std::string &figure)
    {
        (ok ? met : missed)++;
        lines += std::string("  ") + (ok ? "MET    " : "MISSED ") + what + ": " + figure + "\n";
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&args](const char *name) {
        const qsizetype i = args.indexOf(QLatin1String(name));
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : QString();
    };
    if (args.contains(QStringLiteral("--help"))) {
        std::puts("bench_soak [--quick] [--check] [--requests N] [--fake PATH] [--desk PATH] [--keep-log DIR]\n"
                  "Soaks mistral-desk --serve with mixed requests at 64 connections, 127.0.0.1 only\n"
                  "(bench/soak/README.md). --quick: 20,000 requests; default 100,000.");
        return 0;
    }
    const bool quick = args.contains(QStringLiteral("--quick"));
    const bool check = args.contains(QStringLiteral("--check"));
    std::uint64_t total = quick ? 20000 : 100000;
    if (!option("--requests").isEmpty())
        total = std::max<std::uint64_t>(1000, option("--requests").toULongLong());
    // Memory is sampled every 1,000 requests; growth counts from the 10,000th (from half-way in short runs).
    const std::uint64_t growthFrom = std::max<std::uint64_t>(1000, std::min<std::uint64_t>(10000, total / 2000 * 1000));
    const double maxSeconds = quick ? 75 : 40.0 + double(total) / 100.0; // 100,000: 1,040 s at most
    const Watchdog watchdog(int(maxSeconds) + 20,
                            "bench_soak: still running; giving up\n  MISSED run completes in time");

    const QString fakePath
        = locate(option("--fake"), {QStringLiteral("../../tests/support/fake-mistral"), QStringLiteral("fake-mistral")},
                 QStringLiteral("fake-mistral"));
    const QString deskPath
        = locate(option("--desk"), {QStringLiteral("../../app/mistral-desk"), QStringLiteral("mistral-desk")},
                 QStringLiteral("mistral-desk"));
    if (fakePath.isEmpty() || deskPath.isEmpty()) {
        std::fprintf(stderr, "bench_soak: needs fake-mistral and mistral-desk (build them, or --fake/--desk PATH)\n");
        return 0;
    }
    QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/bench_soak-XXXXXX"));
    if (!tmp.isValid()) {
        std::fprintf(stderr, "bench_soak: no temporary directory\n");
        return 0;
    }
    if (!option("--keep-log").isEmpty()) {
        tmp.setAutoRemove(false);
        std::printf("logs in %s\n", qPrintable(tmp.path()));
    }
    const QProcessEnvironment baseEnv = childEnvironment();
    QString error;
    ChildProcess fake(QStringLiteral("fake-mistral"));
    if (!fake.start(fakePath, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--inline-scripts")},
                    baseEnv, tmp.path(),
                    QRegularExpression(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)")), 0, false, 10000,
                    &error)) {
        std::fprintf(stderr, "bench_soak: %s\n", qPrintable(error));
        return 0;
    }
    QProcessEnvironment env = baseEnv;
    env.insert(QStringLiteral("MISTRAL_API_KEY"), QString::fromLatin1(kUpstreamKey));
    env.insert(QStringLiteral("MISTRAL_URL"), QStringLiteral("http://127.0.0.1:%1").arg(fake.port()));
    env.insert(QStringLiteral("PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("PROXY_TOKEN"), QString::fromLatin1(kProxyToken));
    for (const char *name :
         {"HOST", "LOG_LEVEL", "MISTRAL_KEY", "PRIMARY_MODEL", "MAX_TOKENS", "TIMEOUT", "SAFE_MODE", "RANDOM_SEED"})
        env.remove(QString::fromLatin1(name));
    ChildProcess proxy(QStringLiteral("proxy"));
    const QString usageDb = tmp.path() + QStringLiteral("/usage.sqlite");
    if (!proxy.start(deskPath, {QStringLiteral("--serve"), QStringLiteral("--usage-db"), usageDb}, env, tmp.path(),
                     QRegularExpression(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+) ")), 0, false, 10000,
                     &error)) {
        std::fprintf(stderr, "bench_soak: %s\n", qPrintable(error));
        return 0;
    }
    const QString accessLog = tmp.path() + QStringLiteral("/proxy.out");

    std::printf("bench_soak: %llu requests, %d keep-alive connections, through mistral-desk --serve (pid %lld)\n",
                static_cast<unsigned long long>(total), kConnections, static_cast<long long>(proxy.pid()));
    std::printf("  mix per 100: 39 chat, 35 streams, 10 embeddings; 10 failing upstream (3x 503, 2x 500, 2x 429 with\n"
                "  Retry-After: 0, 1x 503 with the proxy's backoff, 1 stream dropped, 1 answer dropped); 5 clients\n"
                "  leaving mid-stream, 1 before the upstream answers. Load average at start %.2f\n",
                loadAverage());
    std::fflush(stdout);
    const int fdsBefore = openFds(proxy.pid());
    const long rssStart = residentKb(proxy.pid());

    Totals t;
    QElapsedTimer clock;
    clock.start();
    Driver driver(proxy.port(), fake.port(), total, proxy.pid(), t);
    const bool finished = driver.run(maxSeconds);
    const double seconds = double(clock.elapsed()) / 1000.0;
    const double loadEnd = loadAverage();

    // The proxy writes its log once per event-loop pass; rows of clients that left come when it
    // notices. Wait (bounded) for one row per request.
    LogSums log;
    for (int wait = 0; wait < 100; ++wait) {
        log = readAccessLog(accessLog);
        if (log.rows >= t.completed)
            break;
        QThread::msleep(100);
    }
    QThread::msleep(300); // idle: sockets of the clients that left are closed by now
    const int fdsAfter = openFds(proxy.pid());
    const long rssEnd = residentKb(proxy.pid());
    log = readAccessLog(accessLog);
    const bool proxyAlive = proxy.running();
    const auto [fakeTokens, fakeAnswers] = fakeUsage(fake.port());
    // SIGTERM: the proxy writes the ledger rows still waiting for their event-loop pass, then exits.
    proxy.stop();
    const int proxyExit = proxy.exitCode();
    const LedgerSums ledger = readLedger(usageDb);

    std::printf("\n  %llu requests settled in %.1f s (%.0f req/s), %llu connections opened, load average %.2f at end\n",
                static_cast<unsigned long long>(t.completed), seconds, double(t.completed) / seconds,
                static_cast<unsigned long long>(t.reconnects), loadEnd);
    std::printf("  %-16s %9s %11s\n", "kind", "requests", "unexpected");
    for (std::size_t k = 0; k < kKindNames.size(); ++k)
        std::printf("  %-16s %9llu %11llu\n", kKindNames[k], static_cast<unsigned long long>(t.perKind[k]),
                    static_cast<unsigned long long>(t.unexpectedPerKind[k]));
    for (const std::string &e : t.examples)
        std::printf("    e.g. %s\n", e.c_str());

    long rssAtGrowthStart = 0;
    long rssMax = 0;
    std::string series;
    for (const auto &[n, kb] : t.rss) {
        if (n == growthFrom)
            rssAtGrowthStart = kb;
        rssMax = std::max(rssMax, kb);
        if (n % std::max<std::uint64_t>(1000, total / 10000 * 1000) == 0)
            series += (series.empty() ? "" : ", ") + std::to_string(n / 1000) + "k " + std::to_string(kb / 1024) + "."
                + std::to_string(kb % 1024 * 10 / 1024);
    }
    const long rssLast = t.rss.empty() ? 0 : t.rss.back().second;
    const double growthMb = double(rssLast - rssAtGrowthStart) / 1024.0;
    std::printf("  proxy resident memory (MB): start %.1f; %s; max %.1f; idle after the run %.1f\n",
                double(rssStart) / 1024, series.c_str(), double(rssMax) / 1024, double(rssEnd) / 1024);
    std::printf("  first answer byte, requests answered without retries: max %.1f ms, %llu over 0.9 s\n",
                double(t.maxFirstByteNs) / 1e6, static_cast<unsigned long long>(t.slowFirstByte));
    std::printf("  proxy open file descriptors: %d before, %d after the run (idle)\n", fdsBefore, fdsAfter);
    std::printf("  access log: %llu rows (%llu unreadable); by status: %s\n", static_cast<unsigned long long>(log.rows),
                static_cast<unsigned long long>(log.unreadable), statusList(log.perStatus).c_str());
    std::printf("              expected:                by status: %s\n", statusList(t.expectedLogStatus).c_str());
    std::printf("  usage: log rows with usage %llu (successes %llu); prompt tokens log %lld / clients %lld; "
                "completion tokens log %lld / clients %lld\n",
                static_cast<unsigned long long>(log.rowsWithUsage), static_cast<unsigned long long>(t.successes),
                static_cast<long long>(log.usage.prompt), static_cast<long long>(t.usage.prompt),
                static_cast<long long>(log.usage.completion), static_cast<long long>(t.usage.completion));

    std::printf(
        "  the fake's own count: %lld tokens (prompt + completion) in %lld answers with usage; the log: %lld in "
        "%llu rows\n",
        static_cast<long long>(fakeTokens), static_cast<long long>(fakeAnswers),
        static_cast<long long>(log.usage.prompt + log.usage.completion),
        static_cast<unsigned long long>(log.rowsWithUsage));

    std::printf("  usage ledger (%s, after the proxy's exit with code %d): %lld rows, %lld prompt + %lld completion "
                "tokens, $%.6f%s\n",
                qPrintable(QFileInfo(usageDb).fileName()), proxyExit, static_cast<long long>(ledger.totals.requests),
                static_cast<long long>(ledger.totals.promptTokens),
                static_cast<long long>(ledger.totals.completionTokens), ledger.totals.costUsd,
                ledger.error.isEmpty() ? "" : qPrintable(QStringLiteral(" (") + ledger.error + QLatin1Char(')')));

    Verdicts v;
    v.add("zero unexpected outcomes", finished && t.unexpected == 0 && proxyAlive,
          std::to_string(t.unexpected) + " of " + std::to_string(t.completed)
              + (finished ? "" : " (run did not finish)") + (proxyAlive ? "" : " (proxy died)"));
    v.add("zero hung connections (10 s without progress)", t.hung == 0, std::to_string(t.hung));
    const std::string from = std::to_string(growthFrom / 1000) + "k";
    v.add(growthFrom == 10000 ? "resident memory growth < 5 MB from request 10,000 on"
                              : "resident memory growth < 5 MB from half-way on (short run)",
          rssAtGrowthStart > 0 && growthMb < 5.0,
          (growthMb >= 0 ? "+" : "") + std::to_string(growthMb).substr(0, 5) + " MB (" + from + ": "
              + std::to_string(rssAtGrowthStart) + " kB, end: " + std::to_string(rssLast) + " kB)");
    v.add("one log row per request, statuses as expected",
          log.rows == t.completed && log.perStatus == t.expectedLogStatus && log.unreadable == 0,
          std::to_string(log.rows) + " rows for " + std::to_string(t.completed) + " requests");
    const std::int64_t logTokens = log.usage.prompt + log.usage.completion;
    v.add("log usage equals what the fake sent and the clients received",
          log.rowsWithUsage == t.successes && log.usage.prompt == t.usage.prompt
              && log.usage.completion == t.usage.completion && t.successes > 0 && logTokens == fakeTokens
              && std::int64_t(log.rowsWithUsage) == fakeAnswers,
          "log " + std::to_string(logTokens) + ", fake " + std::to_string(fakeTokens) + ", clients "
              + std::to_string(t.usage.prompt + t.usage.completion) + " tokens; rows with usage "
              + std::to_string(log.rowsWithUsage) + ", fake's answers " + std::to_string(fakeAnswers) + ", successes "
              + std::to_string(t.successes));
    const std::int64_t ledgerTokens = ledger.totals.promptTokens + ledger.totals.completionTokens;
    v.add("every usage ledger row present, ledger total equals the fake's",
          proxyExit == 0 && ledger.error.isEmpty() && ledger.totals.requests == fakeAnswers
              && std::uint64_t(ledger.totals.requests) == t.successes && ledgerTokens == fakeTokens
              && ledger.totals.promptTokens == t.usage.prompt && ledger.totals.unpriced == 0,
          "ledger " + std::to_string(ledger.totals.requests) + " rows / " + std::to_string(ledgerTokens)
              + " tokens; fake " + std::to_string(fakeAnswers) + " answers / " + std::to_string(fakeTokens)
              + " tokens; successes " + std::to_string(t.successes) + "; unpriced rows "
              + std::to_string(ledger.totals.unpriced) + "; proxy exit " + std::to_string(proxyExit));
    // Idle keep-alive connections to the upstream may stay open (one per concurrent request at most);
    // a leak per request (e.g. per client that left) would be thousands.
    v.add("no file descriptors leaked", fdsAfter <= fdsBefore + 2 * kConnections,
          std::to_string(fdsBefore) + " before, " + std::to_string(fdsAfter)
              + " idle after (pooled upstream ones included)");
    std::printf("\nTargets (soak):\n%s%d met, %d missed\n", v.lines.c_str(), v.met, v.missed);
    std::fflush(stdout);
    return check && v.missed > 0 ? 1 : 0;
}
