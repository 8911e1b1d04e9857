// The local proxy's cost, measured side by side in one run against going straight to the upstream
// and against nginx as the reference proxy (issue 4, "Performance"). 127.0.0.1 only.
//
// Processes: fake-mistral (the upstream), `mistral-desk --serve` (the proxy, as users run it
// headless), nginx (one worker, proxy_buffering off, upstream keep-alive), each a child process;
// the client is this process: a raw keep-alive HTTP/1.1 client on POSIX sockets (blocking for the
// sequential measures, one epoll thread for the concurrent one), so that its own cost is a few
// microseconds per request and the same for every target.
//
//   1. added latency of a non-streamed chat request: the same sequential requests, in alternating
//      blocks, direct / through the proxy / through nginx; p50 and p99 of each; targets: the proxy
//      adds p50 <= 0.3 ms and p99 <= 2 ms;
//   2. throughput with 32 concurrent keep-alive connections, closed loop: req/s of each; target:
//      proxy >= 0.7 x nginx;
//   3. streaming: time to the first token (target: adds <= 1 ms), a 10,000-event stream's arrival
//      rate (target: >= 90% of direct), and each event's forwarding delay with a paced stream,
//      measured with a timestamping relay in front of the upstream (target: every event within 1 ms).
//
// Exit 0 always; --check exits 1 when a target is missed. See bench/README.md.

#include "ChildProcess.h"
#include "RawHttp.h"
#include "TapRelay.h"
#include "Watchdog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace bench;

namespace {

constexpr const char *kUpstreamKey = "test-key";
constexpr const char *kProxyToken = "bench-proxy-token";

// A small, ordinary chat request; the fake answers 8 tokens unless a script says otherwise.
std::string chatBody(bool stream)
{
    return std::string(R"({"model":"mistral-small-latest","messages":[{"role":"system","content":"You are a terse )"
                       R"(assistant."},{"role":"user","content":"Say hello to the benchmark."}],"temperature":0.3,)"
                       R"("stream":)")
        + (stream ? "true" : "false") + "}";
}

struct Target {
    const char *name;
    std::uint16_t port = 0;
    std::string bearer;
    bool present = false;
    std::string chat(bool stream) const
    {
        return buildRequest("POST", "/v1/chat/completions", port, bearer, chatBody(stream), stream);
    }
};

struct Stats {
    double p50 = 0, p99 = 0, max = 0, mean = 0;
    std::size_t n = 0;
};

Stats statsOf(std::vector<double> v)
{
    Stats s;
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    const auto at = [&v](double q) { return v[std::min(v.size() - 1, std::size_t(q * double(v.size())))]; };
    s.n = v.size();
    s.p50 = at(0.50);
    s.p99 = at(0.99);
    s.max = v.back();
    double sum = 0;
    for (const double x : v)
        sum += x;
    s.mean = sum / double(v.size());
    return s;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
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

// A number with `decimals` digits after the point, and a sign when `sign`.
std::string num(double v, int decimals, bool sign = false)
{
    char buf[64];
    if (sign)
        std::snprintf(buf, sizeof buf, "%+.*f", decimals, v);
    else
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Finds a program: the path given, else next to this binary in the build tree, else on PATH.
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

QString nginxConfig(const QString &dir, std::uint16_t fakePort, std::uint16_t tapPort, std::uint16_t port,
                    std::uint16_t tapFacingPort)
{
    // One worker; upstream keep-alive (HTTP/1.1, no Connection header passed on); no buffering, so
    // events go through as they come; no access log (the proxy's log goes to /dev/null, a cost it pays).
    QString c;
    c += QStringLiteral("worker_processes 1;\npid %1/nginx.pid;\nerror_log %1/nginx-error.log warn;\n").arg(dir);
    c += QStringLiteral("events { worker_connections 4096; }\n");
    c += QStringLiteral("http {\n  access_log off;\n  keepalive_requests 1000000;\n  keepalive_timeout 120s;\n");
    for (const char *t : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        c += QStringLiteral("  %1_temp_path %2/%1;\n").arg(QLatin1String(t), dir);
    c += QStringLiteral("  upstream fake { server 127.0.0.1:%1; keepalive 64; keepalive_requests 1000000; }\n")
             .arg(fakePort);
    c += QStringLiteral("  upstream tap { server 127.0.0.1:%1; keepalive 8; keepalive_requests 1000000; }\n")
             .arg(tapPort);
    const QString location
        = QStringLiteral("    location / {\n      proxy_pass http://%1;\n      proxy_http_version 1.1;\n"
                         "      proxy_set_header Connection \"\";\n      proxy_buffering off;\n    }\n");
    c += QStringLiteral("  server {\n    listen 127.0.0.1:%1;\n").arg(port) + location.arg(QStringLiteral("fake"))
        + QStringLiteral("  }\n");
    c += QStringLiteral("  server {\n    listen 127.0.0.1:%1;\n").arg(tapFacingPort)
        + location.arg(QStringLiteral("tap")) + QStringLiteral("  }\n");
    c += QStringLiteral("}\n");
    return c;
}

// Queues a script on the fake through its control endpoint (no auth).
bool fakeControl(std::uint16_t fakePort, const std::string &path, const std::string &json)
{
    Connection c(fakePort);
    const auto r = c.exchange(buildRequest("POST", path, fakePort, {}, json), false);
    return r.ok && r.status == 200;
}

struct StreamRun {
    bool ok = false;
    std::int64_t sent = 0;
    std::vector<std::int64_t> eventAt; // arrival time of each event's end
};

StreamRun stream(Connection &c, const std::string &request)
{
    StreamRun run;
    EventCounter counter;
    run.eventAt.reserve(10100);
    const auto r = c.exchange(
        request, false,
        [&](std::string_view piece, std::int64_t at) {
            counter.scan(piece, [&](std::size_t) { run.eventAt.push_back(at); });
        },
        &run.sent);
    run.ok = r.ok && r.status == 200;
    return run;
}

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
        std::puts("bench_proxy [--quick] [--check] [--fake PATH] [--desk PATH] [--nginx PATH|none]\n"
                  "            [--only latency|throughput|stream|paced] [--load-seconds S]\n"
                  "Measures mistral-desk --serve against direct and nginx, 127.0.0.1 only (bench/README.md).\n"
                  "--only and --load-seconds are for profiling one part (perf record -p on the proxy).");
        return 0;
    }
    const bool quick = args.contains(QStringLiteral("--quick"));
    const bool check = args.contains(QStringLiteral("--check"));
    const QString only = option("--only");
    const auto part = [&only](const char *name) { return only.isEmpty() || only == QLatin1String(name); };
    const double loadSecondsOption = option("--load-seconds").toDouble();
    const Watchdog watchdog((quick ? 40 : 170) + int(loadSecondsOption) * 6,
                            "bench_proxy: still running; giving up (exit 0)");

    // Sizes: the whole run stays under ~3 minutes (~40 s with --quick) on a 2-core machine.
    const int latencyWarmup = quick ? 100 : 200;
    const int latencyRounds = quick ? 5 : 10;
    const int latencyBlock = quick ? 100 : 200; // requests per target per round
    const int loadConnections = 32;
    const int loadRounds = quick ? 1 : 2;
    const double loadWarmup = quick ? 0.5 : 1.0;
    const double loadSeconds = loadSecondsOption > 0 ? loadSecondsOption : quick ? 2.0 : 5.0;
    const int ttftRequests = quick ? 100 : 300;
    const int bigStreamEvents = 10000;
    const int bigStreamRuns = quick ? 5 : 25; // single 8 ms streams on a shared machine scatter by +-30%
    const int pacedEvents = quick ? 500 : 2000;
    const int pacedRate = 1000;

    const QString fakePath
        = locate(option("--fake"), {QStringLiteral("../tests/support/fake-mistral"), QStringLiteral("fake-mistral")},
                 QStringLiteral("fake-mistral"));
    const QString deskPath
        = locate(option("--desk"), {QStringLiteral("../app/mistral-desk"), QStringLiteral("mistral-desk")},
                 QStringLiteral("mistral-desk"));
    const QString nginxOption = option("--nginx");
    QString nginxPath;
    if (nginxOption != QLatin1String("none")) {
        nginxPath = locate(nginxOption, {}, QStringLiteral("nginx"));
        if (nginxPath.isEmpty() && nginxOption.isEmpty() && QFileInfo(QStringLiteral("/usr/sbin/nginx")).isExecutable())
            nginxPath = QStringLiteral("/usr/sbin/nginx"); // not on a non-root PATH
    }
    if (fakePath.isEmpty() || deskPath.isEmpty()) {
        std::fprintf(stderr,
                     "bench_proxy: needs fake-mistral and mistral-desk (build them, or pass --fake PATH --desk PATH); "
                     "found fake-mistral: %s, mistral-desk: %s\n",
                     qPrintable(fakePath.isEmpty() ? QStringLiteral("no") : fakePath),
                     qPrintable(deskPath.isEmpty() ? QStringLiteral("no") : deskPath));
        return 0;
    }

    QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/bench_proxy-XXXXXX"));
    if (!tmp.isValid()) {
        std::fprintf(stderr, "bench_proxy: no temporary directory\n");
        return 0;
    }
    // nginx's worker runs as "nobody" when started by root: let it reach its temp paths.
    QFile::setPermissions(tmp.path(),
                          QFile::permissions(tmp.path()) | QFileDevice::ExeOther | QFileDevice::ReadOther
                              | QFileDevice::ExeGroup | QFileDevice::ReadGroup);
    const QProcessEnvironment baseEnv = childEnvironment();
    QString error;

    // -- the processes
    ChildProcess fake(QStringLiteral("fake-mistral"));
    if (!fake.start(
            fakePath, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tokens"), QStringLiteral("8")},
            baseEnv, tmp.path(), QRegularExpression(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)")), 0,
            false, 10000, &error)) {
        std::fprintf(stderr, "bench_proxy: %s\n", qPrintable(error));
        return 0;
    }
    TapRelay tap;
    if (!tap.start(fake.port())) {
        std::fprintf(stderr, "bench_proxy: cannot start the timestamping relay\n");
        return 0;
    }
    const auto startProxy = [&](ChildProcess &proxy, std::uint16_t upstreamPort) {
        QProcessEnvironment env = baseEnv;
        env.insert(QStringLiteral("MISTRAL_API_KEY"), QString::fromLatin1(kUpstreamKey));
        env.insert(QStringLiteral("MISTRAL_URL"), QStringLiteral("http://127.0.0.1:%1").arg(upstreamPort));
        env.insert(QStringLiteral("PORT"), QStringLiteral("0"));
        env.insert(QStringLiteral("PROXY_TOKEN"), QString::fromLatin1(kProxyToken));
        for (const char *name :
             {"HOST", "LOG_LEVEL", "MISTRAL_KEY", "PRIMARY_MODEL", "MAX_TOKENS", "TIMEOUT", "SAFE_MODE", "RANDOM_SEED"})
            env.remove(QString::fromLatin1(name)); // the defaults, whatever this shell has
        return proxy.start(deskPath, {QStringLiteral("--serve")}, env, tmp.path(),
                           QRegularExpression(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+) ")), 0, true,
                           10000, &error);
    };
    ChildProcess proxy(QStringLiteral("proxy"));
    ChildProcess tappedProxy(QStringLiteral("proxy-behind-tap"));
    if (!startProxy(proxy, fake.port()) || !startProxy(tappedProxy, tap.port())) {
        std::fprintf(stderr, "bench_proxy: %s\n", qPrintable(error));
        return 0;
    }
    ChildProcess nginx(QStringLiteral("nginx"));
    std::uint16_t nginxTapPort = 0;
    QString nginxNote;
    if (nginxPath.isEmpty()) {
        nginxNote = nginxOption == QLatin1String("none") ? QStringLiteral("nginx: skipped (--nginx none)")
            : nginxOption.isEmpty()
            ? QStringLiteral("nginx: not installed, reference skipped (apt-get install nginx to measure it)")
            : QStringLiteral("nginx: %1 is not an executable, reference skipped").arg(nginxOption);
    } else {
        const std::uint16_t nginxPort = freeLoopbackPort();
        nginxTapPort = freeLoopbackPort();
        QFile conf(tmp.path() + QStringLiteral("/nginx.conf"));
        if (!conf.open(QIODevice::WriteOnly)
            || conf.write(nginxConfig(tmp.path(), fake.port(), tap.port(), nginxPort, nginxTapPort).toUtf8()) < 0) {
            nginxNote = QStringLiteral("nginx: cannot write its configuration, reference skipped");
        } else {
            conf.close();
            if (!nginx.start(nginxPath,
                             {QStringLiteral("-p"), tmp.path(), QStringLiteral("-e"),
                              tmp.path() + QStringLiteral("/nginx-error.log"), QStringLiteral("-c"), conf.fileName(),
                              QStringLiteral("-g"), QStringLiteral("daemon off;")},
                             baseEnv, tmp.path(), QRegularExpression(), nginxPort, false, 10000, &error)) {
                nginxNote = QStringLiteral("nginx: did not start, reference skipped: ") + error;
            }
        }
    }

    Target direct {"direct", fake.port(), kUpstreamKey, true};
    Target viaProxy {"proxy", proxy.port(), kProxyToken, true};
    Target viaNginx {"nginx", nginx.port(), kUpstreamKey, nginx.running()};
    std::vector<const Target *> targets {&direct, &viaProxy};
    if (viaNginx.present)
        targets.push_back(&viaNginx);

    std::printf("bench_proxy%s: 127.0.0.1 only; each server its own process\n", quick ? " --quick" : "");
    std::printf("  upstream: fake-mistral (8-token answers)   proxy: mistral-desk --serve (access log to /dev/null)\n");
    if (viaNginx.present)
        std::printf("  reference: nginx, 1 worker, proxy_buffering off, upstream keepalive, access_log off\n");
    else
        std::printf("  %s\n", qPrintable(nginxNote));
    std::printf("  client: raw HTTP/1.1 keep-alive on POSIX sockets in this process (no Qt on the client side)\n\n");

    // Sanity: each target answers a chat completion.
    for (const Target *t : targets) {
        Connection c(t->port);
        const auto r = c.exchange(t->chat(false), true);
        if (!r.ok || r.status != 200 || r.body.find("\"chat.completion\"") == std::string::npos) {
            std::fprintf(stderr, "bench_proxy: %s does not answer a chat completion (status %d): %s\n", t->name,
                         r.status, r.body.substr(0, 300).c_str());
            if (t == &viaProxy)
                std::fprintf(stderr, "%s\n", qPrintable(proxy.logTail()));
            return 0;
        }
    }
    Verdicts verdicts;

    // ---- 1. added latency, sequential non-streamed requests
    if (part("latency")) {
        std::vector<std::unique_ptr<Connection>> conns;
        std::vector<std::string> requests;
        std::vector<std::vector<double>> samples(targets.size());
        for (const Target *t : targets) {
            conns.push_back(std::make_unique<Connection>(t->port));
            requests.push_back(t->chat(false));
        }
        bool failed = false;
        for (std::size_t k = 0; k < targets.size(); ++k) {
            for (int i = 0; i < latencyWarmup; ++i)
                failed |= !conns[k]->exchange(requests[k], false).ok;
        }
        for (int round = 0; round < latencyRounds && !failed; ++round) {
            for (std::size_t j = 0; j < targets.size(); ++j) {
                const std::size_t k = (j + std::size_t(round)) % targets.size(); // rotate the order
                for (int i = 0; i < latencyBlock; ++i) {
                    std::int64_t sent = 0;
                    const auto r = conns[k]->exchange(requests[k], false, {}, &sent);
                    const std::int64_t done = nowNs();
                    if (!r.ok || r.status != 200) {
                        failed = true;
                        break;
                    }
                    samples[k].push_back(double(done - sent) / 1e6);
                }
            }
        }
        std::printf("1. Non-streamed chat completion, sequential on one keep-alive connection\n");
        std::printf("   %d requests per target after %d warm-up, in %d alternating blocks; ms, client-side\n",
                    latencyRounds * latencyBlock, latencyWarmup, latencyRounds);
        std::printf("   %-8s %9s %9s %9s %9s %12s %12s\n", "", "p50", "p99", "mean", "max", "added p50", "added p99");
        std::vector<Stats> st;
        for (const auto &s : samples)
            st.push_back(statsOf(s));
        for (std::size_t k = 0; k < targets.size(); ++k) {
            std::printf("   %-8s %9.3f %9.3f %9.3f %9.3f", targets[k]->name, st[k].p50, st[k].p99, st[k].mean,
                        st[k].max);
            if (k > 0)
                std::printf(" %+12.3f %+12.3f", st[k].p50 - st[0].p50, st[k].p99 - st[0].p99);
            std::printf("\n");
        }
        if (failed)
            std::printf("   (a request failed: figures cover what completed)\n");
        std::printf("\n");
        verdicts.add("proxy adds p50 <= 0.3 ms", !failed && st[1].p50 - st[0].p50 <= 0.3,
                     num(st[1].p50 - st[0].p50, 3, true) + " ms");
        verdicts.add("proxy adds p99 <= 2 ms", !failed && st[1].p99 - st[0].p99 <= 2.0,
                     num(st[1].p99 - st[0].p99, 3, true) + " ms");
    }

    // ---- 2. throughput, 32 concurrent keep-alive connections
    if (part("throughput")) {
        std::vector<std::vector<double>> rates(targets.size());
        std::vector<std::vector<double>> serverCpu(targets.size()), fakeCpu(targets.size()), clientCpu(targets.size());
        std::vector<std::uint64_t> errors(targets.size());
        const std::vector<ChildProcess *> servers {nullptr, &proxy, &nginx};
        for (int round = 0; round < loadRounds; ++round) {
            for (std::size_t j = 0; j < targets.size(); ++j) {
                const std::size_t k = round % 2 ? targets.size() - 1 - j : j; // forward, then backward
                ChildProcess *server = servers[k];
                const double s0 = server ? server->cpuSeconds() : 0;
                const double f0 = fake.cpuSeconds();
                const double c0 = processCpuSeconds(::getpid());
                const std::int64_t t0 = nowNs();
                const LoadResult r = runClosedLoop(targets[k]->port, targets[k]->chat(false), loadConnections,
                                                   loadWarmup, loadSeconds);
                const double wall = double(nowNs() - t0) / 1e9;
                rates[k].push_back(r.requestsPerSecond());
                errors[k] += r.errors;
                serverCpu[k].push_back(server ? 100 * (server->cpuSeconds() - s0) / wall : 0);
                fakeCpu[k].push_back(100 * (fake.cpuSeconds() - f0) / wall);
                clientCpu[k].push_back(100 * (processCpuSeconds(::getpid()) - c0) / wall);
                fakeControl(fake.port(), "/_fake/reset", {}); // the fake records every request: free them
            }
        }
        std::printf("2. Throughput, %d concurrent keep-alive connections, closed loop, %d x %.0f s per target "
                    "(after %.1f s warm-up)\n",
                    loadConnections, loadRounds, loadSeconds, loadWarmup);
        std::printf("   %-8s %10s %8s %12s %10s %10s\n", "", "req/s", "errors", "server CPU", "fake CPU", "client CPU");
        std::vector<double> med;
        for (std::size_t k = 0; k < targets.size(); ++k) {
            med.push_back(median(rates[k]));
            std::printf("   %-8s %10.0f %8llu %11.0f%% %9.0f%% %9.0f%%\n", targets[k]->name, med[k],
                        static_cast<unsigned long long>(errors[k]), median(serverCpu[k]), median(fakeCpu[k]),
                        median(clientCpu[k]));
        }
        std::printf("   proxy / direct = %.2f", med[0] > 0 ? med[1] / med[0] : 0.0);
        if (viaNginx.present)
            std::printf("   nginx / direct = %.2f   proxy / nginx = %.2f", med[0] > 0 ? med[2] / med[0] : 0.0,
                        med[2] > 0 ? med[1] / med[2] : 0.0);
        // CPU time per request: steadier than req/s when other jobs share the cores.
        std::printf("\n   server CPU per request: proxy %.1f us",
                    med[1] > 0 ? 1e4 * median(serverCpu[1]) / med[1] : 0.0);
        if (viaNginx.present)
            std::printf(", nginx %.1f us", med[2] > 0 ? 1e4 * median(serverCpu[2]) / med[2] : 0.0);
        std::printf("\n   (CPU: %% of one core over the run incl. warm-up; 2 cores in all)\n\n");
        if (viaNginx.present)
            verdicts.add("throughput proxy / nginx >= 0.7", errors[1] == 0 && med[1] >= 0.7 * med[2],
                         num(med[2] > 0 ? med[1] / med[2] : 0.0, 2));
        else
            verdicts.lines += "  n/a    throughput proxy / nginx >= 0.7: nginx not measured\n";
    }

    // ---- 3. streaming
    if (part("stream") || part("paced"))
        std::printf("3. Streaming chat completion (SSE, chunked)\n");
    if (part("stream")) {
        // 3a. time to first token: request written -> the first content event (after the role event) read.
        std::vector<std::unique_ptr<Connection>> conns;
        std::vector<std::string> requests;
        std::vector<std::vector<double>> ttft(targets.size());
        for (const Target *t : targets) {
            conns.push_back(std::make_unique<Connection>(t->port));
            requests.push_back(t->chat(true));
        }
        bool failed = false;
        for (int i = -20; i < ttftRequests && !failed; ++i) {
            for (std::size_t k = 0; k < targets.size(); ++k) {
                const StreamRun run = stream(*conns[k], requests[k]);
                if (!run.ok || run.eventAt.size() < 3) {
                    failed = true;
                    break;
                }
                if (i >= 0)
                    ttft[k].push_back(double(run.eventAt[1] - run.sent) / 1e6);
            }
        }
        std::printf("   a) time to first token, 8-token stream, %d sequential requests per target, interleaved; ms\n",
                    ttftRequests);
        std::printf("   %-8s %9s %9s %9s %12s %12s %14s\n", "", "p50", "p99", "max", "added p50", "added p99",
                    "> direct+1ms");
        std::vector<Stats> st;
        for (const auto &s : ttft)
            st.push_back(statsOf(s));
        std::vector<long long> slow(targets.size());
        for (std::size_t k = 0; k < targets.size(); ++k) {
            slow[k] = std::count_if(ttft[k].begin(), ttft[k].end(), [&](double v) { return v > st[0].p50 + 1.0; });
            std::printf("   %-8s %9.3f %9.3f %9.3f", targets[k]->name, st[k].p50, st[k].p99, st[k].max);
            if (k > 0)
                std::printf(" %+12.3f %+12.3f %14lld", st[k].p50 - st[0].p50, st[k].p99 - st[0].p99, slow[k]);
            std::printf("\n");
        }
        verdicts.add("time to first token adds <= 1 ms (p50)", !failed && st[1].p50 - st[0].p50 <= 1.0,
                     num(st[1].p50 - st[0].p50, 3, true) + " ms; p99 " + num(st[1].p99 - st[0].p99, 3, true) + " ms, "
                         + std::to_string(slow[1]) + " of " + std::to_string(ttft[1].size()) + " over direct + 1 ms");

        // 3b. a 10,000-event stream, unpaced: events / (last event read - request written).
        // Each run measures every target back to back, so a run's ratio to direct compares streams
        // taken within ~30 ms of each other; the verdict is the median of those paired ratios (the
        // machine's load drifts between runs far more than within one).
        std::vector<std::vector<double>> rates(targets.size());
        bool complete = true;
        for (int run = 0; run < bigStreamRuns && !failed; ++run) {
            for (std::size_t k = 0; k < targets.size(); ++k) {
                if (!fakeControl(fake.port(), "/_fake/script",
                                 "{\"kind\":\"normal\",\"tokens\":" + std::to_string(bigStreamEvents) + "}")) {
                    failed = true;
                    break;
                }
                const StreamRun r = stream(*conns[k], requests[k]);
                // role event + tokens + [DONE]
                complete &= r.ok && r.eventAt.size() == std::size_t(bigStreamEvents) + 2;
                rates[k].push_back(r.ok && !r.eventAt.empty()
                                       ? double(r.eventAt.size()) / (double(r.eventAt.back() - r.sent) / 1e9)
                                       : 0.0);
            }
        }
        std::printf("   b) %d-event stream, unpaced, %d runs per target, interleaved; median events/s\n",
                    bigStreamEvents, bigStreamRuns);
        std::vector<double> med;
        std::vector<double> pairedRatio(targets.size(), 0.0);
        for (std::size_t k = 0; k < targets.size(); ++k) {
            med.push_back(median(rates[k]));
            std::printf("   %-8s %10.0f events/s  (%.1f ms)", targets[k]->name, med[k],
                        med[k] > 0 ? 1e3 * (bigStreamEvents + 2) / med[k] : 0.0);
            if (k > 0) {
                std::vector<double> ratios;
                for (std::size_t run = 0; run < rates[k].size() && run < rates[0].size(); ++run) {
                    if (rates[0][run] > 0)
                        ratios.push_back(rates[k][run] / rates[0][run]);
                }
                pairedRatio[k] = median(ratios);
                std::printf("  %.0f%% of direct (median of %zu paired runs; ratio of medians %.0f%%)",
                            100 * pairedRatio[k], ratios.size(), med[0] > 0 ? 100 * med[k] / med[0] : 0.0);
            }
            std::printf("\n");
        }
        if (!complete)
            std::printf("   (a stream arrived incomplete)\n");
        verdicts.add("10,000-event stream rate >= 90% of direct", !failed && complete && pairedRatio[1] >= 0.9,
                     num(100 * pairedRatio[1], 0) + "% (median of paired runs)");
    }
    if (part("paced")) {
        // 3c. forwarding delay of each event of a paced stream: relay's hand-over -> client's read.
        struct Leg {
            const char *name;
            std::uint16_t port;
            std::string bearer;
        };
        std::vector<Leg> legs {{"floor", tap.port(), kUpstreamKey}, {"proxy", tappedProxy.port(), kProxyToken}};
        if (viaNginx.present)
            legs.push_back({"nginx", nginxTapPort, kUpstreamKey});
        std::printf("   c) per-event forwarding delay, %d events at %d/s; ms from the relay in front of the upstream\n"
                    "      handing the event over to the server's socket, to the client reading it (\"floor\": the\n"
                    "      client reads the relay directly, i.e. one loopback hop and a wake-up, no server)\n",
                    pacedEvents, pacedRate);
        std::printf("   %-8s %9s %9s %9s %9s %10s\n", "", "p50", "p99", "p99.9", "max", "> 1 ms");
        std::vector<double> proxyDelays;
        long long floorOver = 0;
        bool failed = false;
        // The relay notes an event just after handing it over, so the client may have read the last
        // events of a stream before they are noted: give the relay's thread a moment.
        const auto marksOnceNoted = [&tap](std::size_t events) {
            std::vector<std::int64_t> marks = tap.marks();
            for (int wait = 0; wait < 100 && marks.size() < events; ++wait) {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                marks = tap.marks();
            }
            return marks;
        };
        for (const Leg &leg : legs) {
            Connection c(leg.port);
            const std::string warm
                = buildRequest("POST", "/v1/chat/completions", leg.port, leg.bearer, chatBody(false));
            const std::string req
                = buildRequest("POST", "/v1/chat/completions", leg.port, leg.bearer, chatBody(true), true);
            for (int i = 0; i < 20; ++i)
                c.exchange(warm, false);
            tap.clearMarks();
            std::size_t warmEvents = 0;
            for (int i = 0; i < 3; ++i)
                warmEvents += stream(c, req).eventAt.size();
            // Marks of the warm-up streams noted after the clearMarks() below would pass for the
            // measured stream's first events and shift every match by a whole stream (~10 ms at
            // 1,000 events/s): one full run showed the floor at p50 10.04 ms, relay 2,012 events
            // against the client's 2,002.
            marksOnceNoted(warmEvents);
            if (!fakeControl(fake.port(), "/_fake/script",
                             "{\"kind\":\"normal\",\"tokens\":" + std::to_string(pacedEvents)
                                 + ",\"tokens_per_second\":" + std::to_string(pacedRate) + "}")) {
                failed = true;
                break;
            }
            tap.clearMarks();
            const StreamRun r = stream(c, req);
            const std::vector<std::int64_t> marks = marksOnceNoted(r.eventAt.size());
            std::vector<double> delays;
            const std::size_t n = std::min(marks.size(), r.eventAt.size());
            for (std::size_t i = 0; i < n; ++i)
                delays.push_back(double(r.eventAt[i] - marks[i]) / 1e6);
            const bool whole = r.ok && marks.size() == r.eventAt.size() && n == std::size_t(pacedEvents) + 2;
            failed |= !whole;
            std::vector<double> sorted = delays;
            std::sort(sorted.begin(), sorted.end());
            const double p999 = sorted.empty() ? 0 : sorted[std::min(sorted.size() - 1, sorted.size() * 999 / 1000)];
            const Stats s = statsOf(delays);
            const auto over = std::count_if(delays.begin(), delays.end(), [](double d) { return d > 1.0; });
            std::printf(
                "   %-8s %9.3f %9.3f %9.3f %9.3f %10lld%s\n", leg.name, s.p50, s.p99, p999, s.max,
                static_cast<long long>(over),
                whole ? ""
                      : qPrintable(
                          QStringLiteral("  (events: relay %1, client %2)").arg(marks.size()).arg(r.eventAt.size())));
            if (std::string_view(leg.name) == "proxy")
                proxyDelays = delays;
            if (std::string_view(leg.name) == "floor")
                floorOver = over;
        }
        const Stats s = statsOf(proxyDelays);
        const auto over = std::count_if(proxyDelays.begin(), proxyDelays.end(), [](double d) { return d > 1.0; });
        verdicts.add("every event forwarded within 1 ms", !failed && !proxyDelays.empty() && over == 0,
                     "max " + num(s.max, 3) + " ms, " + std::to_string(over) + " event(s) over 1 ms, p99 "
                         + num(s.p99, 3) + " ms (floor: " + std::to_string(floorOver) + " over 1 ms)");
    }

    std::printf("\nTargets (issue 4):\n%s", verdicts.lines.c_str());
    std::printf("%d met, %d missed\n", verdicts.met, verdicts.missed);
    std::fflush(stdout);
    tap.stop();
    return check && verdicts.missed > 0 ? 1 : 0;
}
