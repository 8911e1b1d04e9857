#include "api/MistralClient.h"
#include "proxy/ProxyServer.h"
#include "support/FakeMistral.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <memory>
#include <vector>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace md;
using md::test::FakeMistral;
using md::test::FakeScript;

// A real HTTP client (QNetworkAccessManager) talks to the ProxyServer, which forwards through a
// MistralClient to FakeMistral on loopback: every security rule, route, translation and fault.

namespace {

const QString kToken = QStringLiteral("mdp_local-token-for-tests");
const QString kAllowedOrigin = QStringLiteral("http://localhost:3000");
using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpResult {
    bool done = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject errorObject() const { return json().value(QLatin1String("error")).toObject(); }
    QString describe() const
    {
        return QStringLiteral("HTTP %1 (network error %2): %3")
            .arg(status)
            .arg(int(error))
            .arg(QString::fromUtf8(body.left(600)));
    }
};

// One server-sent event as the client saw it, and when.
struct ClientEvent {
    QByteArray data;
    qint64 atMs = 0;
    QJsonObject json() const { return QJsonDocument::fromJson(data).object(); }
};

struct StreamResult : HttpResult {
    QList<ClientEvent> events;
    QByteArray contentType;
};

QJsonObject userChat(const QString &text = QStringLiteral("Say hello"))
{
    return {
        {QLatin1String("model"), QLatin1String("mistral-small-latest")},
        {QLatin1String("messages"),
         QJsonArray {QJsonObject {{QLatin1String("role"), QLatin1String("user")}, {QLatin1String("content"), text}}}}};
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

FakeScript script(FakeScript::Kind kind)
{
    FakeScript s;
    s.kind = kind;
    return s;
}

QStringList toolCallIds(const QJsonArray &calls)
{
    QStringList ids;
    for (const QJsonValue &c : calls)
        ids << c.toObject().value(QLatin1String("id")).toString();
    return ids;
}

bool isMistralId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9]{9}$"));
    return re.match(id).hasMatch();
}

// An upstream that answers every request with a scripted event stream, written in the given pieces
// a few milliseconds apart, so that the proxy reads events cut at chosen places. `onRequest` sees
// each request body first and may rewrite the pieces (e.g. to use an id from the request).
class SplitStreamUpstream : public QObject {
public:
    QList<QByteArray> pieces;
    std::function<void(const QByteArray &body, QList<QByteArray> &pieces)> onRequest;

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    SplitStreamUpstream()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                    if (headEnd < 0)
                        return;
                    const qsizetype lengthAt = buffer->toLower().indexOf("content-length:");
                    const qsizetype length = lengthAt < 0
                        ? 0
                        : buffer->mid(lengthAt + 15, buffer->indexOf('\r', lengthAt) - lengthAt - 15)
                              .trimmed()
                              .toLongLong();
                    if (buffer->size() < headEnd + 4 + length)
                        return;
                    QList<QByteArray> out = pieces;
                    if (onRequest)
                        onRequest(buffer->mid(headEnd + 4, length), out);
                    buffer->clear();
                    // The whole body as one chunked stream; the pieces cut it anywhere, framing included.
                    QByteArray body;
                    for (const QByteArray &p : std::as_const(out))
                        body += p;
                    QByteArray wire
                        = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
                    QList<qsizetype> cuts;
                    qsizetype at = 0;
                    for (const QByteArray &p : std::as_const(out)) {
                        wire += QByteArray::number(p.size(), 16) + "\r\n" + p + "\r\n";
                        at = wire.size();
                        cuts << at;
                    }
                    wire += "0\r\n\r\n";
                    cuts << wire.size();
                    writeApart(socket, wire, cuts, 0);
                });
            }
        });
    }

private:
    static void writeApart(QTcpSocket *socket, QByteArray wire, QList<qsizetype> cuts, qsizetype from)
    {
        if (cuts.isEmpty())
            return;
        const qsizetype to = cuts.takeFirst();
        socket->write(wire.mid(from, to - from));
        socket->flush();
        QTimer::singleShot(3, socket, [socket, wire, cuts, to] { writeApart(socket, wire, cuts, to); });
    }

    QTcpServer m_server;
};

} // namespace

class TestProxyServer : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<FakeMistral> m_fake;
    std::unique_ptr<MistralClient> m_client;
    std::unique_ptr<ProxyServer> m_proxy;
    std::unique_ptr<QNetworkAccessManager> m_http;
    QList<ProxyLogEntry> m_log;

    QNetworkRequest request(const QString &path, const Headers &headers, bool withToken) const
    {
        QNetworkRequest r(QUrl(m_proxy->baseUrl() + path));
        if (withToken)
            r.setRawHeader("Authorization", "Bearer " + kToken.toUtf8());
        for (const auto &[name, value] : headers)
            r.setRawHeader(name, value);
        return r;
    }

    QNetworkReply *sendRaw(const QByteArray &method, const QString &path, const QByteArray &body,
                           const Headers &headers, bool withToken)
    {
        QNetworkRequest r = request(path, headers, withToken);
        if (!body.isEmpty() && r.rawHeader("Content-Type").isEmpty())
            r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return m_http->sendCustomRequest(r, method, body);
    }

    static void collect(QNetworkReply *reply, HttpResult &out)
    {
        out.done = true;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.error = reply->error();
        out.headers = reply->rawHeaderPairs();
        out.body += reply->readAll();
    }

    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const Headers &headers = {}, bool withToken = true, int timeoutMs = 10000)
    {
        HttpResult out;
        QNetworkReply *reply = sendRaw(method, path, body, headers, withToken);
        connect(reply, &QNetworkReply::finished, reply, [&out, reply] { collect(reply, out); });
        if (!QTest::qWaitFor([&out] { return out.done; }, timeoutMs)) {
            reply->disconnect();
            reply->abort();
        }
        reply->deleteLater();
        return out;
    }

    HttpResult postJson(const QString &path, const QJsonObject &body) { return send("POST", path, compact(body)); }

    // A streamed request: the events as they arrived, each with the time it arrived.
    StreamResult stream(const QJsonObject &body, int timeoutMs = 10000)
    {
        StreamResult out;
        QNetworkReply *reply = sendRaw("POST", QStringLiteral("/v1/chat/completions"), compact(body), {}, true);
        QElapsedTimer clock;
        clock.start();
        QByteArray pending;
        auto drain = [&out, &pending, &clock, reply] {
            pending += reply->readAll();
            qsizetype end = 0;
            while ((end = pending.indexOf("\n\n")) >= 0) {
                const QByteArray block = pending.left(end);
                pending.remove(0, end + 2);
                out.body += block + "\n\n";
                if (block.startsWith("data: "))
                    out.events.append({block.mid(6), clock.elapsed()});
            }
        };
        connect(reply, &QNetworkReply::readyRead, reply, drain);
        connect(reply, &QNetworkReply::finished, reply, [&out, &pending, drain, reply] {
            drain();
            out.done = true;
            out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            out.error = reply->error();
            out.headers = reply->rawHeaderPairs();
            out.contentType = reply->rawHeader("Content-Type");
            out.body += pending;
        });
        if (!QTest::qWaitFor([&out] { return out.done; }, timeoutMs)) {
            reply->disconnect();
            reply->abort();
        }
        reply->deleteLater();
        return out;
    }

    void reconfigure(const std::function<void(ProxyConfig &)> &change)
    {
        ProxyConfig c = m_proxy->config();
        change(c);
        m_proxy->setConfig(c);
    }

    // The last log entry for `path`, once it has been written.
    ProxyLogEntry lastLogFor(const QString &path)
    {
        for (qsizetype i = m_log.size() - 1; i >= 0; --i) {
            if (m_log.at(i).path == path)
                return m_log.at(i);
        }
        return {};
    }

    void verifyOpenAiError(const HttpResult &r, int status)
    {
        QVERIFY2(r.status == status, qPrintable(r.describe()));
        QVERIFY2(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type").constData());
        const QJsonObject e = r.errorObject();
        QVERIFY2(!e.isEmpty(), qPrintable(r.describe()));
        QVERIFY(!e.value(QLatin1String("message")).toString().isEmpty());
        QVERIFY(!e.value(QLatin1String("type")).toString().isEmpty());
        QVERIFY(e.contains(QLatin1String("code")));
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeMistral>();
        QVERIFY(m_fake->listen());
        m_client = std::make_unique<MistralClient>();
        m_client->setBaseUrl(QUrl(m_fake->baseUrl()));
        m_client->setApiKey(m_fake->apiKey());
        m_client->setTimeoutMs(3000);
        RetryPolicy fast;
        fast.baseDelayMs = 20;
        fast.maxDelayMs = 100;
        m_client->setRetryPolicy(fast);

        m_proxy = std::make_unique<ProxyServer>(m_client.get());
        ProxyConfig config;
        config.port = 0;
        config.token = kToken;
        config.allowedOrigins = {kAllowedOrigin};
        m_proxy->setConfig(config);
        QString error;
        QVERIFY2(m_proxy->start(&error), qPrintable(error));
        QVERIFY(m_proxy->port() != 0);
        m_log.clear();
        connect(m_proxy.get(), &ProxyServer::requestFinished, this,
                [this](const ProxyLogEntry &entry) { m_log.append(entry); });

        m_http = std::make_unique<QNetworkAccessManager>();
    }

    void cleanup()
    {
        m_http.reset();
        m_proxy.reset();
        m_client.reset();
        m_fake.reset();
    }

    // ---- security and routing --------------------------------------------------------------

    void healthNeedsNoToken()
    {
        const HttpResult r = send("GET", QStringLiteral("/health"), {}, {}, false);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(r.json().value(QLatin1String("active_requests")).toInt(-1), 0);
        QVERIFY(m_fake->requests().isEmpty());
    }

    void metricsCountRequestsTokensAndCost()
    {
        QCOMPARE(send("GET", QStringLiteral("/metrics"), {}, {}, false).status, 401); // names models: token needed
        const QByteArray chat = QByteArrayLiteral(
            "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        QCOMPARE(send("POST", QStringLiteral("/v1/chat/completions"), chat).status, 200);
        const HttpResult r = send("GET", QStringLiteral("/metrics"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("mistraldesk_proxy_requests_total{endpoint=\"/v1/chat/"
                                "completions\",model=\"mistral-small-latest\",status=\"200\"} 1"));
        QVERIFY(r.body.contains("mistraldesk_proxy_tokens_total{endpoint=\"/v1/chat/"
                                "completions\",model=\"mistral-small-latest\",type=\"completion\"}"));
        QVERIFY(r.body.contains("mistraldesk_proxy_cost_usd_total{model=\"mistral-small-latest\"}"));
        QVERIFY(r.body.contains("mistraldesk_proxy_active_requests 0"));
        QVERIFY(!r.body.contains(m_fake->apiKey().toUtf8()));
    }

    void tokenRequired_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("none") << QByteArray();
        QTest::newRow("wrong token") << QByteArray("Bearer mdp_not-the-token");
        QTest::newRow("the user's Mistral key") << QByteArray("Bearer test-key");
        QTest::newRow("token without Bearer") << kToken.toUtf8();
        QTest::newRow("token with a suffix") << QByteArray("Bearer " + kToken.toUtf8() + "x");
        QTest::newRow("token prefix") << QByteArray("Bearer " + kToken.left(10).toUtf8());
        QTest::newRow("Basic scheme") << QByteArray("Basic " + kToken.toUtf8().toBase64());
    }
    void tokenRequired()
    {
        QFETCH(QByteArray, authorization);
        QCOMPARE(m_fake->apiKey(), QStringLiteral("test-key"));
        Headers headers;
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        const HttpResult r = send("GET", QStringLiteral("/v1/models"), {}, headers, false);
        verifyOpenAiError(r, 401);
        QCOMPARE(r.errorObject().value(QLatin1String("type")).toString(), QStringLiteral("authentication_error"));
        QVERIFY(!r.body.contains("test-key"));
        QVERIFY(!r.body.contains(kToken.toUtf8()));
        const HttpResult post
            = send("POST", QStringLiteral("/v1/chat/completions"), compact(userChat()), headers, false);
        verifyOpenAiError(post, 401);
        QVERIFY2(m_fake->requests().isEmpty(), "a request without the local token reached the upstream");
    }

    void hostHeader_data()
    {
        QTest::addColumn<QString>("host"); // %1 = the proxy's port
        QTest::addColumn<int>("status");
        QTest::newRow("foreign name") << QStringLiteral("evil.example:1234") << 403;
        QTest::newRow("foreign name, our port") << QStringLiteral("evil.example:%1") << 403;
        QTest::newRow("localhost as a prefix") << QStringLiteral("localhost.evil.example:%1") << 403;
        QTest::newRow("rebinding service") << QStringLiteral("127.0.0.1.nip.io:%1") << 403;
        QTest::newRow("other address") << QStringLiteral("10.1.2.3:%1") << 403;
        QTest::newRow("localhost") << QStringLiteral("localhost:%1") << 200;
        QTest::newRow("LOCALHOST") << QStringLiteral("LOCALHOST:%1") << 200;
        QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1:%1") << 200;
        QTest::newRow("no port") << QStringLiteral("localhost") << 200;
        QTest::newRow("[::1]") << QStringLiteral("[::1]:%1") << 200;
    }
    void hostHeader()
    {
        QFETCH(QString, host);
        QFETCH(int, status);
        const QByteArray value
            = QString(host).replace(QLatin1String("%1"), QString::number(m_proxy->port())).toLatin1();
        const HttpResult r = send("GET", QStringLiteral("/v1/models"), {}, {{"Host", value}});
        if (status == 200) {
            QVERIFY2(r.status == 200, qPrintable(r.describe()));
            QVERIFY(r.json().value(QLatin1String("data")).isArray());
            QCOMPARE(m_fake->requests().size(), 1);
        } else {
            verifyOpenAiError(r, status);
            QCOMPARE(r.errorObject().value(QLatin1String("type")).toString(), QStringLiteral("permission_error"));
            QVERIFY(m_fake->requests().isEmpty());
            // /health, which needs no token, is guarded too.
            const HttpResult health = send("GET", QStringLiteral("/health"), {}, {{"Host", value}}, false);
            QCOMPARE(health.status, 403);
        }
    }

    void crossOrigin_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<int>("status");
        QTest::newRow("foreign site") << QByteArray("http://evil.example") << 403;
        QTest::newRow("same host, other port") << QByteArray("http://localhost:8080") << 403;
        QTest::newRow("https variant") << QByteArray("https://localhost:3000") << 403;
        QTest::newRow("null (file:// or sandboxed)") << QByteArray("null") << 403;
        QTest::newRow("allow-listed") << kAllowedOrigin.toUtf8() << 200;
    }
    void crossOrigin()
    {
        QFETCH(QByteArray, origin);
        QFETCH(int, status);
        const HttpResult r = send("GET", QStringLiteral("/v1/models"), {}, {{"Origin", origin}});
        if (status == 200) {
            QVERIFY2(r.status == 200, qPrintable(r.describe()));
            QCOMPARE(r.header("Access-Control-Allow-Origin"), origin);
        } else {
            verifyOpenAiError(r, 403);
            QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
            QVERIFY(m_fake->requests().isEmpty());
        }
        // A browser asks first (preflight, no token): only an allow-listed origin gets a yes.
        const HttpResult preflight = send("OPTIONS", QStringLiteral("/v1/chat/completions"), {},
                                          {{"Origin", origin},
                                           {"Access-Control-Request-Method", "POST"},
                                           {"Access-Control-Request-Headers", "authorization,content-type"}},
                                          false);
        if (status == 200) {
            QVERIFY2(preflight.status == 204 || preflight.status == 200, qPrintable(preflight.describe()));
            QCOMPARE(preflight.header("Access-Control-Allow-Origin"), origin);
            QVERIFY(preflight.header("Access-Control-Allow-Methods").contains("POST"));
            const QByteArray allowed = preflight.header("Access-Control-Allow-Headers").toLower();
            QVERIFY(allowed.contains("authorization"));
            QVERIFY(allowed.contains("content-type"));
        } else {
            QCOMPARE(preflight.status, 403);
            QVERIFY(preflight.header("Access-Control-Allow-Origin").isEmpty());
        }
        QVERIFY(m_fake->requests().size() <= 1);
    }

    void preflightAllowsTheHeadersSdksSend()
    {
        // The openai and mistralai SDKs send their own headers (x-stainless-*, user-agent...) from a
        // browser too: the preflight for an allow-listed origin must allow what it is asked for.
        const HttpResult preflight
            = send("OPTIONS", QStringLiteral("/v1/chat/completions"), {},
                   {{"Origin", kAllowedOrigin.toUtf8()},
                    {"Access-Control-Request-Method", "POST"},
                    {"Access-Control-Request-Headers", "authorization,content-type,x-stainless-lang,x-stainless-os"}},
                   false);
        QVERIFY2(preflight.status == 204, qPrintable(preflight.describe()));
        const QByteArray allowed = preflight.header("Access-Control-Allow-Headers").toLower();
        QVERIFY2(allowed.contains("x-stainless-lang") && allowed.contains("x-stainless-os"), allowed.constData());
        // The token is still required for the real request.
        const HttpResult r = send("POST", QStringLiteral("/v1/chat/completions"), compact(userChat()),
                                  {{"Origin", kAllowedOrigin.toUtf8()}}, false);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), kAllowedOrigin.toUtf8()); // so the page can read why
    }

    void bodyLimit()
    {
        reconfigure([](ProxyConfig &c) { c.maxBodyBytes = 1024; });
        QJsonObject small = userChat(QString(900, QLatin1Char('a')));
        QVERIFY(compact(small).size() <= 1024);
        const HttpResult ok = postJson(QStringLiteral("/v1/chat/completions"), small);
        QVERIFY2(ok.status == 200, qPrintable(ok.describe()));

        const HttpResult big
            = postJson(QStringLiteral("/v1/chat/completions"), userChat(QString(2000, QLatin1Char('a'))));
        verifyOpenAiError(big, 413);
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(lastLogFor(QStringLiteral("/v1/chat/completions")).status, 413);

        // The connection is still usable afterwards.
        const HttpResult after = send("GET", QStringLiteral("/v1/models"));
        QVERIFY2(after.status == 200, qPrintable(after.describe()));
    }

    // The fault matrix's "client sends a 50 MB body", against the default limit (10 MB).
    void fiftyMegabyteBodyIsRefused()
    {
        QCOMPARE(ProxyConfig().maxBodyBytes, 10 * 1024 * 1024);
        QByteArray body = "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"";
        body += QByteArray(50 * 1024 * 1024, 'a');
        body += "\"}]}";
        // A plain socket, as curl or an SDK would send it (QNetworkAccessManager in the proxy's own
        // process stalls on a body this size; separate processes, curl and Python, get 413 in ~0.3-1 s).
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_proxy->port());
        QVERIFY(client.waitForConnected(3000));
        client.write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                     + kToken.toUtf8() + "\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray answer;
        connect(&client, &QTcpSocket::readyRead, this, [&] { answer += client.readAll(); });
        QVERIFY(QTest::qWaitFor([&] { return answer.contains("}}"); }, 30000));
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        QVERIFY(answer.contains("at most 10485760"));
        QVERIFY(m_fake->requests().isEmpty());
        const HttpResult after = postJson(QStringLiteral("/v1/chat/completions"), userChat());
        QVERIFY2(after.status == 200, qPrintable(after.describe()));
    }

    void malformedJson_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("chat, broken") << QStringLiteral("/v1/chat/completions") << QByteArray("{\"model\": \"x\",");
        QTest::newRow("chat, not an object") << QStringLiteral("/v1/chat/completions") << QByteArray("[1,2]");
        QTest::newRow("chat, empty") << QStringLiteral("/v1/chat/completions") << QByteArray(" ");
        QTest::newRow("embeddings, broken") << QStringLiteral("/v1/embeddings") << QByteArray("{not json");
        QTest::newRow("fim, broken") << QStringLiteral("/v1/fim/completions") << QByteArray("nope");
    }
    void malformedJson()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        const HttpResult r = send("POST", path, body);
        verifyOpenAiError(r, 400);
        QCOMPARE(r.errorObject().value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(m_fake->requests().isEmpty());
        QCOMPARE(m_proxy->activeRequests(), 0);
    }

    void unknownPaths()
    {
        for (const QString &path : {QStringLiteral("/nope"), QStringLiteral("/v1"), QStringLiteral("/"),
                                    QStringLiteral("/v2/chat/completions")}) {
            const HttpResult r = send("GET", path);
            verifyOpenAiError(r, 404);
            QCOMPARE(r.errorObject().value(QLatin1String("type")).toString(), QStringLiteral("not_found_error"));
        }
        QVERIFY(m_fake->requests().isEmpty());
    }

    // ---- forwarding ------------------------------------------------------------------------

    void chatWithOpenAiOnlyFields()
    {
        FakeScript s;
        s.text = QStringLiteral("Hello there");
        s.tokens = 2;
        m_fake->enqueue(s);
        QJsonObject body = userChat();
        body.insert(QLatin1String("max_completion_tokens"), 50);
        body.insert(QLatin1String("seed"), 7);
        body.insert(QLatin1String("stream_options"), QJsonObject {{QLatin1String("include_usage"), true}});
        body.insert(QLatin1String("user"), QLatin1String("someone"));
        body.insert(QLatin1String("store"), false);
        body.insert(QLatin1String("logprobs"), false);
        const HttpResult r = postJson(QStringLiteral("/v1/chat/completions"), body);
        // FakeMistral answers 422 to any field Mistral does not know: a 200 proves the translation.
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        const QJsonObject answer = r.json();
        QCOMPARE(answer.value(QLatin1String("object")).toString(), QStringLiteral("chat.completion"));
        const QJsonObject message = answer.value(QLatin1String("choices"))
                                        .toArray()
                                        .at(0)
                                        .toObject()
                                        .value(QLatin1String("message"))
                                        .toObject();
        QCOMPARE(message.value(QLatin1String("content")).toString(), QStringLiteral("Hello there"));
        QCOMPARE(answer.value(QLatin1String("usage")).toObject().value(QLatin1String("completion_tokens")).toInt(), 2);

        QCOMPARE(m_fake->requests().size(), 1);
        const auto &up = m_fake->requests().first();
        const QJsonObject upBody = up.json();
        QCOMPARE(upBody.value(QLatin1String("max_tokens")).toInt(), 50);
        QCOMPARE(upBody.value(QLatin1String("random_seed")).toInt(), 7);
        for (const char *gone : {"max_completion_tokens", "seed", "stream_options", "user", "store", "logprobs"})
            QVERIFY2(!upBody.contains(QLatin1String(gone)), gone);
        QCOMPARE(up.header("authorization"), QByteArray("Bearer test-key"));
        for (const auto &[name, value] : up.headers)
            QVERIFY2(!value.contains(kToken.toUtf8()), name.constData()); // the local token stays local

        const ProxyLogEntry entry = lastLogFor(QStringLiteral("/v1/chat/completions"));
        QCOMPARE(entry.status, 200);
        QCOMPARE(entry.model, QStringLiteral("mistral-small-latest"));
        QVERIFY(!entry.streamed);
        QCOMPARE(entry.usage.completionTokens, 2);
        QVERIFY(entry.usage.promptTokens > 0);
        QVERIFY(!entry.translated.isEmpty());
    }

    // A body the translation leaves alone goes upstream byte for byte (no second serialisation);
    // one it changes is re-serialised, and usage and model still reach the log either way.
    void untranslatedBodyGoesUpstreamAsSent()
    {
        const QByteArray asSent = "{ \"messages\": [{\"role\": \"user\", \"content\": \"caf\u00e9 \\\"q\\\"\"}],\n"
                                  "  \"model\": \"mistral-small-latest\", \"temperature\": 0.5 }";
        HttpResult r = send("POST", QStringLiteral("/v1/chat/completions"), asSent);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().first().body, asSent);
        ProxyLogEntry entry = lastLogFor(QStringLiteral("/v1/chat/completions"));
        QCOMPARE(entry.model, QStringLiteral("mistral-small-latest"));
        QVERIFY(entry.usage.completionTokens > 0);
        QVERIFY(entry.translated.isEmpty());

        const QByteArray aliased = "{\"model\": \"small\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        r = send("POST", QStringLiteral("/v1/chat/completions"), aliased);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(m_fake->requests().size(), 2);
        const QByteArray upstream = m_fake->requests().at(1).body;
        QVERIFY(upstream != aliased);
        QCOMPARE(m_fake->requests().at(1).json().value(QLatin1String("model")).toString(),
                 QStringLiteral("mistral-small-latest"));
        entry = lastLogFor(QStringLiteral("/v1/chat/completions"));
        QCOMPARE(entry.model, QStringLiteral("mistral-small-latest"));
    }

    // Events cut at awkward places across the upstream's reads (inside "tool_calls" and "usage",
    // between the two line feeds of a blank line, a comment and a multi-line event in between):
    // the client gets every event once, in order, tool-call ids restored, usage noted.
    void streamCutAnywhereKeepsEveryEvent()
    {
        SplitStreamUpstream upstream;
        QVERIFY(upstream.listen());
        m_client->setBaseUrl(QUrl(upstream.baseUrl()));
        const QByteArray prefix = "data: {\"id\":\"s1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                                  "\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,\"delta\":";
        const QByteArray role = prefix + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";
        const auto text = [&prefix](const char *t) -> QByteArray {
            return prefix + "{\"content\":\"" + t + "\"},\"finish_reason\":null}]}\n\n";
        };
        const QByteArray tools = prefix
            + "{\"content\":\"\",\"tool_calls\":[{\"id\":\"MISTRALID\",\"type\":\"function\","
              "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"},\"index\":0}]},"
              "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":7,"
              "\"completion_tokens\":5,\"total_tokens\":12}}\n\n";
        const QByteArray script = role + text("Hel") + ": keep-alive\n\n" + text("lo")
            + "data: {\"x\":1}\ndata: {\"y\":2}\n\n" + text(" there") + tools + "data: [DONE]\n\n";
        upstream.onRequest = [&](const QByteArray &body, QList<QByteArray> &pieces) {
            // The id the proxy gave the client's "call_weather_1" on the way up, as Mistral would echo it.
            const QJsonArray messages
                = QJsonDocument::fromJson(body).object().value(QLatin1String("messages")).toArray();
            const QString mapped = messages.at(1)
                                       .toObject()
                                       .value(QLatin1String("tool_calls"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QLatin1String("id"))
                                       .toString();
            QByteArray s = script;
            s.replace("MISTRALID", mapped.toUtf8());
            // cuts: mid-prefix, between the blank line's two LFs, inside "tool_calls", inside "usage"
            const qsizetype c1 = 20;
            const qsizetype c2 = role.size() + text("Hel").size() - 1;
            const qsizetype c3 = s.indexOf("tool_ca") + 5;
            const qsizetype c4 = s.indexOf("\"usa") + 3;
            pieces = {s.left(c1), s.mid(c1, c2 - c1), s.mid(c2, c3 - c2), s.mid(c3, c4 - c3), s.mid(c4)};
        };

        QJsonObject body = userChat();
        QJsonArray messages = body.value(QLatin1String("messages")).toArray();
        messages.append(QJsonObject {
            {QLatin1String("role"), QLatin1String("assistant")},
            {QLatin1String("content"), QJsonValue()},
            {QLatin1String("tool_calls"),
             QJsonArray {QJsonObject {{QLatin1String("id"), QLatin1String("call_weather_1")},
                                      {QLatin1String("type"), QLatin1String("function")},
                                      {QLatin1String("function"),
                                       QJsonObject {{QLatin1String("name"), QLatin1String("get_weather")},
                                                    {QLatin1String("arguments"), QLatin1String("{}")}}}}}}});
        messages.append(QJsonObject {{QLatin1String("role"), QLatin1String("tool")},
                                     {QLatin1String("tool_call_id"), QLatin1String("call_weather_1")},
                                     {QLatin1String("content"), QLatin1String("sunny")}});
        body.insert(QLatin1String("messages"), messages);
        body.insert(QLatin1String("stream"), true);
        body.insert(QLatin1String("stream_options"), QJsonObject {{QLatin1String("include_usage"), true}});

        const StreamResult r = stream(body);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QStringList texts;
        QString toolId;
        for (const ClientEvent &e : r.events) {
            const QJsonObject delta = e.json()
                                          .value(QLatin1String("choices"))
                                          .toArray()
                                          .at(0)
                                          .toObject()
                                          .value(QLatin1String("delta"))
                                          .toObject();
            if (delta.contains(QLatin1String("content")) && !delta.value(QLatin1String("content")).toString().isEmpty())
                texts << delta.value(QLatin1String("content")).toString();
            if (delta.contains(QLatin1String("tool_calls")))
                toolId = delta.value(QLatin1String("tool_calls"))
                             .toArray()
                             .at(0)
                             .toObject()
                             .value(QLatin1String("id"))
                             .toString();
        }
        QCOMPARE(texts, QStringList({QStringLiteral("Hel"), QStringLiteral("lo"), QStringLiteral(" there")}));
        QCOMPARE(toolId, QStringLiteral("call_weather_1"));
        QCOMPARE(r.events.last().data, QByteArray("[DONE]"));
        // role, Hel, lo, the multi-line event, there, tools+usage, the usage-only chunk, [DONE]
        QCOMPARE(r.events.size(), 8);
        const QJsonObject usageOnly = r.events.at(r.events.size() - 2).json();
        QVERIFY(usageOnly.value(QLatin1String("choices")).toArray().isEmpty());
        QCOMPARE(usageOnly.value(QLatin1String("usage")).toObject().value(QLatin1String("total_tokens")).toInt(), 12);
        const ProxyLogEntry entry = lastLogFor(QStringLiteral("/v1/chat/completions"));
        QCOMPARE(entry.status, 200);
        QCOMPARE(entry.usage.completionTokens, 5);
        QCOMPARE(entry.model, QStringLiteral("mistral-small-latest"));
        QVERIFY(entry.error.isEmpty());
    }

    // CRLF line ends: the proxy hands the stream to its SSE parser and re-frames it with LF.
    void crlfStreamIsReframed()
    {
        SplitStreamUpstream upstream;
        QVERIFY(upstream.listen());
        m_client->setBaseUrl(QUrl(upstream.baseUrl()));
        upstream.pieces
            = {"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n",
               "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}\r",
               "\n\r\ndata: "
               "{\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}\r\n\r\n",
               "data: [DONE]\r\n\r\n"};
        QJsonObject body = userChat();
        body.insert(QLatin1String("stream"), true);
        const StreamResult r = stream(body);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(r.events.size(), 4);
        QVERIFY(!r.body.contains('\r'));
        QCOMPARE(r.events.last().data, QByteArray("[DONE]"));
        QCOMPARE(lastLogFor(QStringLiteral("/v1/chat/completions")).usage.completionTokens, 2);
    }

    void streamedChatEventByEvent()
    {
        FakeScript s;
        s.text = QStringLiteral("one two three four five");
        s.tokens = 5;
        s.tokensPerSecond = 25; // 40 ms apart: a buffering proxy would deliver them together
        m_fake->enqueue(s);
        QJsonObject body = userChat();
        body.insert(QLatin1String("stream"), true);
        body.insert(QLatin1String("stream_options"), QJsonObject {{QLatin1String("include_usage"), true}});
        const StreamResult r = stream(body);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY2(r.contentType.startsWith("text/event-stream"), r.contentType.constData());
        QCOMPARE(r.error, QNetworkReply::NoError);

        // role chunk, 5 content chunks (usage on the last, as Mistral sends it), then for a client that
        // asked for include_usage OpenAI's usage-only chunk with no choices, then [DONE]
        QCOMPARE(r.events.size(), 8);
        QCOMPARE(r.events.last().data, QByteArray("[DONE]"));
        QString text;
        for (qsizetype i = 0; i < r.events.size() - 2; ++i) {
            const QJsonObject chunk = r.events.at(i).json();
            QCOMPARE(chunk.value(QLatin1String("object")).toString(), QStringLiteral("chat.completion.chunk"));
            const QJsonObject delta = chunk.value(QLatin1String("choices"))
                                          .toArray()
                                          .at(0)
                                          .toObject()
                                          .value(QLatin1String("delta"))
                                          .toObject();
            text += delta.value(QLatin1String("content")).toString();
            if (i < r.events.size() - 3)
                QVERIFY2(!chunk.contains(QLatin1String("usage")), "usage before the last chunk");
        }
        QCOMPARE(text, QStringLiteral("one two three four five"));
        const QJsonObject last = r.events.at(r.events.size() - 3).json();
        QCOMPARE(last.value(QLatin1String("usage")).toObject().value(QLatin1String("completion_tokens")).toInt(), 5);
        QCOMPARE(last.value(QLatin1String("choices")).toArray().at(0).toObject().value(QLatin1String("finish_reason")),
                 QJsonValue(QLatin1String("stop")));
        const QJsonObject usageOnly = r.events.at(r.events.size() - 2).json();
        QVERIFY(usageOnly.value(QLatin1String("choices")).toArray().isEmpty());
        QCOMPARE(usageOnly.value(QLatin1String("usage")).toObject().value(QLatin1String("completion_tokens")).toInt(),
                 5);
        QCOMPARE(usageOnly.value(QLatin1String("id")), last.value(QLatin1String("id")));
        // Forwarded as they came: the first content event arrived well before the last one.
        QVERIFY2(r.events.last().atMs - r.events.at(1).atMs >= 80,
                 qPrintable(QStringLiteral("first content at %1 ms, [DONE] at %2 ms")
                                .arg(r.events.at(1).atMs)
                                .arg(r.events.last().atMs)));

        QVERIFY(m_fake->requests().first().json().value(QLatin1String("stream")).toBool());
        const ProxyLogEntry entry = lastLogFor(QStringLiteral("/v1/chat/completions"));
        QCOMPARE(entry.status, 200);
        QVERIFY(entry.streamed);
        QCOMPARE(entry.usage.completionTokens, 5);
        QVERIFY(entry.firstByteMs >= 0);
        QCOMPARE(entry.model, QStringLiteral("mistral-small-latest"));
    }

    void parallelStreamsDoNotMix()
    {
        QList<QNetworkReply *> replies;
        QList<QByteArray> bodies(4);
        for (int i = 0; i < 4; ++i) {
            FakeScript s;
            s.text = QStringLiteral("stream-%1 says hi").arg(i);
            s.tokens = 3;
            s.tokensPerSecond = 100;
            m_fake->enqueue(s);
        }
        for (int i = 0; i < 4; ++i) {
            QJsonObject body = userChat(QStringLiteral("request %1").arg(i));
            body.insert(QLatin1String("stream"), true);
            QNetworkReply *reply = sendRaw("POST", QStringLiteral("/v1/chat/completions"), compact(body), {}, true);
            connect(reply, &QNetworkReply::readyRead, reply, [reply, &bodies, i] { bodies[i] += reply->readAll(); });
            replies << reply;
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }), 10000);
        QSet<QString> texts;
        for (int i = 0; i < 4; ++i) {
            bodies[i] += replies[i]->readAll();
            QCOMPARE(replies[i]->error(), QNetworkReply::NoError);
            QVERIFY(bodies[i].endsWith("data: [DONE]\n\n"));
            QString text;
            for (const QByteArray &block : bodies[i].split('\n')) {
                if (!block.startsWith("data: {"))
                    continue;
                const QJsonObject chunk = QJsonDocument::fromJson(block.mid(6)).object();
                text += chunk.value(QLatin1String("choices"))
                            .toArray()
                            .at(0)
                            .toObject()
                            .value(QLatin1String("delta"))
                            .toObject()
                            .value(QLatin1String("content"))
                            .toString();
            }
            texts.insert(text);
            replies[i]->deleteLater();
        }
        // Each client got one whole answer (the fake hands scripts out in arrival order).
        QCOMPARE(texts.size(), 4);
        for (int i = 0; i < 4; ++i)
            QVERIFY(texts.contains(QStringLiteral("stream-%1 says hi").arg(i)));
        QTRY_COMPARE(m_proxy->activeRequests(), 0);
    }

    void toolConversationRoundTrips_data()
    {
        QTest::addColumn<bool>("streamed");
        QTest::addColumn<bool>("fragmented");
        QTest::newRow("non-stream") << false << false;
        QTest::newRow("stream, whole calls") << true << false;
        QTest::newRow("stream, fragments") << true << true;
    }
    void toolConversationRoundTrips()
    {
        QFETCH(bool, streamed);
        QFETCH(bool, fragmented);
        const QString clientId = QStringLiteral("call_abc123def456");
        const QJsonObject weatherTool {
            {QLatin1String("type"), QLatin1String("function")},
            {QLatin1String("function"),
             QJsonObject {
                 {QLatin1String("name"), QLatin1String("get_weather")},
                 {QLatin1String("parameters"),
                  QJsonObject {{QLatin1String("type"), QLatin1String("object")},
                               {QLatin1String("properties"),
                                QJsonObject {{QLatin1String("city"),
                                              QJsonObject {{QLatin1String("type"), QLatin1String("string")}}}}}}}}}};
        // An OpenAI-style client's second turn: its own tool call id, in the call and in the result.
        QJsonObject body = userChat(QStringLiteral("Weather in Paris and Lyon?"));
        QJsonArray messages = body.value(QLatin1String("messages")).toArray();
        messages.append(
            QJsonObject {{QLatin1String("role"), QLatin1String("assistant")},
                         {QLatin1String("content"), QJsonValue()},
                         {QLatin1String("tool_calls"),
                          QJsonArray {QJsonObject {
                              {QLatin1String("id"), clientId},
                              {QLatin1String("type"), QLatin1String("function")},
                              {QLatin1String("function"),
                               QJsonObject {{QLatin1String("name"), QLatin1String("get_weather")},
                                            {QLatin1String("arguments"), QLatin1String("{\"city\":\"Paris\"}")}}}}}}});
        messages.append(QJsonObject {{QLatin1String("role"), QLatin1String("tool")},
                                     {QLatin1String("tool_call_id"), clientId},
                                     {QLatin1String("name"), QLatin1String("get_weather")},
                                     {QLatin1String("content"), QLatin1String("sunny, 21 C")}});
        body.insert(QLatin1String("messages"), messages);
        body.insert(QLatin1String("tools"), QJsonArray {weatherTool});
        body.insert(QLatin1String("tool_choice"), QLatin1String("required")); // OpenAI's word for "any"

        // First pass: learn the id the upstream was given.
        const HttpResult first = postJson(QStringLiteral("/v1/chat/completions"), body);
        QVERIFY2(first.status == 200, qPrintable(first.describe())); // the fake rejects ids that are not 9 chars
        const QJsonObject up = m_fake->requests().last().json();
        QCOMPARE(up.value(QLatin1String("tool_choice")).toString(), QStringLiteral("any"));
        const QJsonArray upMessages = up.value(QLatin1String("messages")).toArray();
        const QString mapped
            = toolCallIds(upMessages.at(1).toObject().value(QLatin1String("tool_calls")).toArray()).value(0);
        QVERIFY2(isMistralId(mapped), qPrintable(mapped));
        QCOMPARE(upMessages.at(2).toObject().value(QLatin1String("tool_call_id")).toString(), mapped);
        QVERIFY(!m_fake->requests().last().body.contains(clientId.toUtf8()));

        // The model answers with calls: one naming the mapped id, one new id of its own.
        FakeScript s = script(FakeScript::Kind::ToolCalls);
        s.toolCalls
            = {{mapped, QStringLiteral("get_weather"), QStringLiteral("{\"city\":\"Paris\"}")},
               {QStringLiteral("newCall01"), QStringLiteral("get_weather"), QStringLiteral("{\"city\":\"Lyon\"}")}};
        s.fragmentedToolCalls = fragmented;
        m_fake->enqueue(s);

        QStringList ids;
        if (streamed) {
            body.insert(QLatin1String("stream"), true);
            const StreamResult r = stream(body);
            QVERIFY2(r.status == 200, qPrintable(r.describe()));
            QCOMPARE(r.events.last().data, QByteArray("[DONE]"));
            for (const ClientEvent &e : r.events) {
                const QJsonObject delta = e.json()
                                              .value(QLatin1String("choices"))
                                              .toArray()
                                              .at(0)
                                              .toObject()
                                              .value(QLatin1String("delta"))
                                              .toObject();
                for (const QString &id : toolCallIds(delta.value(QLatin1String("tool_calls")).toArray())) {
                    if (!id.isEmpty())
                        ids << id;
                }
            }
        } else {
            const HttpResult r = postJson(QStringLiteral("/v1/chat/completions"), body);
            QVERIFY2(r.status == 200, qPrintable(r.describe()));
            const QJsonObject choice = r.json().value(QLatin1String("choices")).toArray().at(0).toObject();
            QCOMPARE(choice.value(QLatin1String("finish_reason")).toString(), QStringLiteral("tool_calls"));
            ids = toolCallIds(
                choice.value(QLatin1String("message")).toObject().value(QLatin1String("tool_calls")).toArray());
        }
        QCOMPARE(ids, (QStringList {clientId, QStringLiteral("newCall01")}));

        // Third turn: the client answers the new call with the id it was given; it reaches the
        // upstream unchanged, and the old one maps as before.
        messages.append(
            QJsonObject {{QLatin1String("role"), QLatin1String("assistant")},
                         {QLatin1String("tool_calls"),
                          QJsonArray {QJsonObject {
                              {QLatin1String("id"), QLatin1String("newCall01")},
                              {QLatin1String("type"), QLatin1String("function")},
                              {QLatin1String("function"),
                               QJsonObject {{QLatin1String("name"), QLatin1String("get_weather")},
                                            {QLatin1String("arguments"), QLatin1String("{\"city\":\"Lyon\"}")}}}}}}});
        messages.append(QJsonObject {{QLatin1String("role"), QLatin1String("tool")},
                                     {QLatin1String("tool_call_id"), QLatin1String("newCall01")},
                                     {QLatin1String("content"), QLatin1String("rain")}});
        body.insert(QLatin1String("messages"), messages);
        body.remove(QLatin1String("stream"));
        const HttpResult third = postJson(QStringLiteral("/v1/chat/completions"), body);
        QVERIFY2(third.status == 200, qPrintable(third.describe()));
        const QJsonArray thirdUp = m_fake->requests().last().json().value(QLatin1String("messages")).toArray();
        QCOMPARE(toolCallIds(thirdUp.at(1).toObject().value(QLatin1String("tool_calls")).toArray()),
                 QStringList {mapped});
        QCOMPARE(toolCallIds(thirdUp.at(3).toObject().value(QLatin1String("tool_calls")).toArray()),
                 QStringList {QStringLiteral("newCall01")});
        QCOMPARE(thirdUp.at(4).toObject().value(QLatin1String("tool_call_id")).toString(), QStringLiteral("newCall01"));
    }

    // The model sees only the request's messages, so only ids those gave it can come back: an
    // answer to a request without any is forwarded as it came (the stream is not searched for
    // tool calls), even when it happens to name an id mapped for an earlier request.
    void toolCallIdsRestoredFromTheRequestsOwnHistoryOnly()
    {
        const QString clientId = QStringLiteral("call_history_1");
        QJsonObject withHistory = userChat(QStringLiteral("Weather in Paris?"));
        QJsonArray messages = withHistory.value(QLatin1String("messages")).toArray();
        messages.append(QJsonObject {
            {QLatin1String("role"), QLatin1String("assistant")},
            {QLatin1String("content"), QJsonValue()},
            {QLatin1String("tool_calls"),
             QJsonArray {QJsonObject {{QLatin1String("id"), clientId},
                                      {QLatin1String("type"), QLatin1String("function")},
                                      {QLatin1String("function"),
                                       QJsonObject {{QLatin1String("name"), QLatin1String("get_weather")},
                                                    {QLatin1String("arguments"), QLatin1String("{}")}}}}}}});
        messages.append(QJsonObject {{QLatin1String("role"), QLatin1String("tool")},
                                     {QLatin1String("tool_call_id"), clientId},
                                     {QLatin1String("content"), QLatin1String("sunny")}});
        withHistory.insert(QLatin1String("messages"), messages);
        withHistory.insert(QLatin1String("stream"), true);
        QJsonObject plain = userChat(QStringLiteral("Weather in Paris?"));
        plain.insert(QLatin1String("stream"), true);

        const auto streamedIds = [this](const QJsonObject &body, const QString &answerId) {
            FakeScript s = script(FakeScript::Kind::ToolCalls);
            s.toolCalls = {{answerId, QStringLiteral("get_weather"), QStringLiteral("{}")}};
            m_fake->enqueue(s);
            const StreamResult r = stream(body);
            QStringList ids;
            for (const ClientEvent &e : r.events) {
                if (e.data == "[DONE]")
                    continue;
                const QJsonObject delta = e.json()
                                              .value(QLatin1String("choices"))
                                              .toArray()
                                              .at(0)
                                              .toObject()
                                              .value(QLatin1String("delta"))
                                              .toObject();
                ids += toolCallIds(delta.value(QLatin1String("tool_calls")).toArray());
            }
            return r.status == 200 ? ids : QStringList {QStringLiteral("status %1").arg(r.status)};
        };
        // Learn the id the client's one went upstream as; with the history, it comes back restored.
        QCOMPARE(streamedIds(withHistory, QStringLiteral("Placehold")), QStringList {QStringLiteral("Placehold")});
        const QString mapped = m_fake->requests()
                                   .last()
                                   .json()
                                   .value(QLatin1String("messages"))
                                   .toArray()
                                   .at(2)
                                   .toObject()
                                   .value(QLatin1String("tool_call_id"))
                                   .toString();
        QVERIFY2(isMistralId(mapped), qPrintable(mapped));
        QCOMPARE(streamedIds(withHistory, mapped), QStringList {clientId});
        // Without the history, the same answer passes unchanged.
        QCOMPARE(streamedIds(plain, mapped), QStringList {mapped});
    }

    void embeddings()
    {
        const QJsonObject body {{QLatin1String("model"), QLatin1String("mistral-embed")},
                                {QLatin1String("input"), QJsonArray {QLatin1String("first"), QLatin1String("second")}},
                                {QLatin1String("encoding_format"), QLatin1String("float")},
                                {QLatin1String("user"), QLatin1String("someone")}};
        const HttpResult r = postJson(QStringLiteral("/v1/embeddings"), body);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        const QJsonArray data = r.json().value(QLatin1String("data")).toArray();
        QCOMPARE(data.size(), 2);
        QCOMPARE(data.at(1).toObject().value(QLatin1String("index")).toInt(), 1);
        QCOMPARE(data.at(0).toObject().value(QLatin1String("embedding")).toArray().size(), 1024);
        QVERIFY(!m_fake->requests().last().json().contains(QLatin1String("user")));
        const ProxyLogEntry entry = lastLogFor(QStringLiteral("/v1/embeddings"));
        QCOMPARE(entry.status, 200);
        QCOMPARE(entry.model, QStringLiteral("mistral-embed"));
        QVERIFY(entry.usage.promptTokens > 0);
    }

    void fimCompletion()
    {
        const QJsonObject body {{QLatin1String("model"), QLatin1String("codestral-latest")},
                                {QLatin1String("prompt"), QLatin1String("def add(a, b):")},
                                {QLatin1String("suffix"), QLatin1String("return c")},
                                {QLatin1String("seed"), 3}};
        const HttpResult r = postJson(QStringLiteral("/v1/fim/completions"), body);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(m_fake->requests().last().json().value(QLatin1String("random_seed")).toInt(), 3);

        // Streamed, as editors use it: a normal end, no error event.
        QJsonObject streamedBody = body;
        streamedBody.insert(QLatin1String("stream"), true);
        QNetworkReply *reply = sendRaw("POST", QStringLiteral("/v1/fim/completions"), compact(streamedBody), {}, true);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        const QByteArray streamed = reply->readAll();
        reply->deleteLater();
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY2(streamed.endsWith("data: [DONE]\n\n"), streamed.constData());
        QVERIFY(!streamed.contains("\"error\""));
        QVERIFY(lastLogFor(QStringLiteral("/v1/fim/completions")).error.isEmpty());
    }

    void models()
    {
        const HttpResult list = send("GET", QStringLiteral("/v1/models"));
        QVERIFY2(list.status == 200, qPrintable(list.describe()));
        QCOMPARE(list.json().value(QLatin1String("object")).toString(), QStringLiteral("list"));
        QVERIFY(list.json().value(QLatin1String("data")).toArray().size() > 3);

        const HttpResult one = send("GET", QStringLiteral("/v1/models/mistral-small-latest"));
        QVERIFY2(one.status == 200, qPrintable(one.describe()));
        QVERIFY(one.json().value(QLatin1String("id")).toString().startsWith(QLatin1String("mistral-small")));
        QVERIFY(one.json().value(QLatin1String("aliases")).toArray().contains(QLatin1String("mistral-small-latest")));
        QCOMPARE(m_fake->requests().last().path, QByteArray("/v1/models/mistral-small-latest"));
        QCOMPARE(m_fake->requests().last().method, QByteArray("GET"));
    }

    void otherV1PathsPassThrough()
    {
        const HttpResult r = send("GET", QStringLiteral("/v1/files"));
        verifyOpenAiError(r, 404); // the fake's {"detail":"Not Found"}, in OpenAI's shape
        QCOMPARE(m_fake->requests().size(), 1);
        const auto &up = m_fake->requests().last();
        QCOMPARE(up.path, QByteArray("/v1/files"));
        QCOMPARE(up.header("authorization"), QByteArray("Bearer test-key"));

        const HttpResult post = send("POST", QStringLiteral("/v1/moderations"), "{\"input\":\"x\"}");
        verifyOpenAiError(post, 404);
        QCOMPARE(m_fake->requests().last().method, QByteArray("POST"));
        QCOMPARE(m_fake->requests().last().body, QByteArray("{\"input\":\"x\"}")); // untouched
    }

    void passThroughKeepsTheQuery()
    {
        const HttpResult r = send("GET", QStringLiteral("/v1/files?purpose=batch&page=2"));
        QCOMPARE(r.status, 404);
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().last().path, QByteArray("/v1/files?purpose=batch&page=2"));
    }

    // ---- upstream faults -------------------------------------------------------------------

    void upstreamErrorsKeepTheirStatus_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("shape");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("count"); // scripts to queue (retries)
        QTest::addColumn<bool>("streamed");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("type");
        using K = FakeScript::Kind;
        using S = FakeScript::ErrorShape;
        QTest::newRow("401") << int(K::Error) << int(S::UnauthorizedMessage) << 0 << 1 << false << 401
                             << QStringLiteral("authentication_error");
        QTest::newRow("400 invalid model")
            << int(K::Error) << int(S::InvalidModel) << 0 << 1 << false << 400 << QStringLiteral("invalid_model");
        QTest::newRow("422") << int(K::Error) << int(S::Validation422) << 0 << 1 << false << 422
                             << QStringLiteral("invalid_request_error");
        QTest::newRow("429 retries exhausted") << int(K::RateLimited) << int(S::RateLimitMessage) << 0 << 4 << false
                                               << 429 << QStringLiteral("rate_limit_error");
        QTest::newRow("429 retries exhausted, stream") << int(K::RateLimited) << int(S::RateLimitObject) << 0 << 4
                                                       << true << 429 << QStringLiteral("rate_limited");
        QTest::newRow("500") << int(K::Error) << int(S::InternalError) << 0 << 4 << false << 500
                             << QStringLiteral("api_error");
        QTest::newRow("503, stream") << int(K::Error) << int(S::ServiceUnavailable) << 0 << 4 << true << 503
                                     << QString();
        QTest::newRow("524 (not in Qt's status table)")
            << int(K::Error) << int(S::InternalError) << 524 << 1 << false << 524 << QString();
    }
    void upstreamErrorsKeepTheirStatus()
    {
        QFETCH(int, kind);
        QFETCH(int, shape);
        QFETCH(int, status);
        QFETCH(int, count);
        QFETCH(bool, streamed);
        QFETCH(int, expected);
        QFETCH(QString, type);
        FakeScript s = script(FakeScript::Kind(kind));
        s.errorShape = FakeScript::ErrorShape(shape);
        s.status = status;
        s.retryAfterSeconds = kind == int(FakeScript::Kind::RateLimited) ? 0 : -1;
        for (int i = 0; i < count; ++i)
            m_fake->enqueue(s);
        QJsonObject body = userChat();
        if (streamed)
            body.insert(QLatin1String("stream"), true);
        const HttpResult r = postJson(QStringLiteral("/v1/chat/completions"), body);
        verifyOpenAiError(r, expected);
        if (!type.isEmpty())
            QCOMPARE(r.errorObject().value(QLatin1String("type")).toString(), type);
        QCOMPARE(m_fake->requests().size(), count);
        QCOMPARE(m_fake->pendingScripts(), 0);
        QVERIFY(!r.body.contains("test-key"));
        QCOMPARE(lastLogFor(QStringLiteral("/v1/chat/completions")).status, expected);
        if (expected == 429)
            QCOMPARE(r.header("Retry-After"), QByteArray("0")); // SDKs back off as the API asked
        // The proxy is still fine.
        const HttpResult after = postJson(QStringLiteral("/v1/chat/completions"), userChat());
        QVERIFY2(after.status == 200, qPrintable(after.describe()));
    }

    void upstreamRateLimitHeadersReachTheClient()
    {
        const HttpResult r = postJson(QStringLiteral("/v1/chat/completions"), userChat());
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY(!r.header("x-ratelimit-remaining-req-minute").isEmpty());
        QVERIFY(!r.header("x-ratelimit-limit-tokens-minute").isEmpty());
        QCOMPARE(r.header("x-request-id").size(), 32);
    }

    // The fault matrix's "upstream refuses the connection": a clear 502 in OpenAI's shape, at once.
    void upstreamRefusesTheConnection()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there now
        m_client->setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        for (bool stream : {false, true}) {
            QJsonObject body = userChat();
            body.insert(QLatin1String("stream"), stream);
            QElapsedTimer clock;
            clock.start();
            const HttpResult r = postJson(QStringLiteral("/v1/chat/completions"), body);
            verifyOpenAiError(r, 502);
            QVERIFY2(r.errorObject().value(QLatin1String("message")).toString().contains(QLatin1String("refused"),
                                                                                         Qt::CaseInsensitive),
                     qPrintable(r.describe()));
            QVERIFY(clock.elapsed() < 2500); // the retries are short; no hang
        }
    }

    void upstreamRefusesTheKey()
    {
        m_client->setApiKey(QStringLiteral("sk-wrong-key-123"));
        const HttpResult r = postJson(QStringLiteral("/v1/chat/completions"), userChat());
        verifyOpenAiError(r, 401);
        QVERIFY(!r.body.contains("sk-wrong-key-123"));
        QVERIFY(r.errorObject().value(QLatin1String("message")).toString().contains(QLatin1String("API key")));
    }

    void dropMidStreamEndsWithAnErrorEvent_data()
    {
        QTest::addColumn<int>("tokensPerSecond");
        QTest::addColumn<int>("dropAfter");
        QTest::newRow("unpaced") << 0 << 2;
        QTest::newRow("unpaced, after role chunk") << 0 << 0;
        QTest::newRow("paced") << 50 << 2;
        QTest::newRow("paced, later") << 100 << 5;
    }
    void dropMidStreamEndsWithAnErrorEvent()
    {
        QFETCH(int, tokensPerSecond);
        QFETCH(int, dropAfter);
        FakeScript s = script(FakeScript::Kind::DropMidStream);
        s.tokens = 10;
        s.dropAfterEvents = dropAfter;
        s.tokensPerSecond = tokensPerSecond;
        m_fake->enqueue(s);
        m_fake->enqueue(s); // in case the role chunk alone let the client retry
        QJsonObject body = userChat();
        body.insert(QLatin1String("stream"), true);
        const StreamResult r = stream(body, 8000);
        QVERIFY2(r.done, "the client's stream did not end");
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY(!r.events.isEmpty());
        QVERIFY2(!r.body.contains("data: [DONE]"), r.body.constData());
        const QJsonObject error = r.events.last().json().value(QLatin1String("error")).toObject();
        QVERIFY2(!error.isEmpty(),
                 qPrintable(QStringLiteral("last event: ") + QString::fromUtf8(r.events.last().data)));
        QVERIFY(!error.value(QLatin1String("message")).toString().isEmpty());
        QTRY_COMPARE(m_proxy->activeRequests(), 0);
        const ProxyLogEntry entry = lastLogFor(QStringLiteral("/v1/chat/completions"));
        QVERIFY(!entry.error.isEmpty());
    }

    void streamClosedBeforeDoneEndsWithAnErrorEvent()
    {
        // An upstream (or a middlebox) that ends a close-delimited stream early looks to Qt like a
        // clean end: the proxy must still tell its client that the answer is cut, not end quietly.
        QTcpServer upstream;
        QVERIFY(upstream.listen(QHostAddress::LocalHost));
        connect(&upstream, &QTcpServer::newConnection, &upstream, [&upstream] {
            QTcpSocket *socket = upstream.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (!socket->readAll().contains("\r\n\r\n") || socket->property("answered").toBool())
                    return;
                socket->setProperty("answered", true);
                socket->write(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                    "data: {\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":"
                    "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
                    "data: {\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":"
                    "[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n");
                socket->disconnectFromHost();
            });
        });
        m_client->setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(upstream.serverPort())));
        QJsonObject body = userChat();
        body.insert(QLatin1String("stream"), true);
        const StreamResult r = stream(body, 5000);
        QVERIFY2(r.done, "the client's stream did not end");
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(r.error, QNetworkReply::NoError);
        QVERIFY2(r.events.size() >= 3, r.body.constData());
        QCOMPARE(r.events.at(1)
                     .json()
                     .value(QLatin1String("choices"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("delta"))
                     .toObject()
                     .value(QLatin1String("content"))
                     .toString(),
                 QStringLiteral("Hel"));
        QVERIFY2(!r.events.last().json().value(QLatin1String("error")).toObject().isEmpty(), r.body.constData());
        QVERIFY(!lastLogFor(QStringLiteral("/v1/chat/completions")).error.isEmpty());
    }

    void malformedEventIsForwardedAsIs()
    {
        // The proxy is no judge of event contents: a broken event passes, the stream goes on to [DONE].
        FakeScript s = script(FakeScript::Kind::MalformedSse);
        s.tokens = 4;
        m_fake->enqueue(s);
        QJsonObject body = userChat();
        body.insert(QLatin1String("stream"), true);
        const StreamResult r = stream(body);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY(r.body.contains("data: {not json\n\n"));
        QCOMPARE(r.events.last().data, QByteArray("[DONE]"));
        QCOMPARE(lastLogFor(QStringLiteral("/v1/chat/completions")).usage.completionTokens, 4);
    }

    void hangGivesGatewayTimeout_data()
    {
        QTest::addColumn<bool>("streamed");
        QTest::newRow("non-stream") << false;
        QTest::newRow("stream") << true;
    }
    void hangGivesGatewayTimeout()
    {
        QFETCH(bool, streamed);
        m_client->setTimeoutMs(300);
        m_fake->enqueue(script(FakeScript::Kind::Hang));
        QJsonObject body = userChat();
        if (streamed)
            body.insert(QLatin1String("stream"), true);
        QElapsedTimer clock;
        clock.start();
        const HttpResult r = postJson(QStringLiteral("/v1/chat/completions"), body);
        verifyOpenAiError(r, 504);
        QCOMPARE(r.errorObject().value(QLatin1String("code")).toString(), QStringLiteral("upstream_timeout"));
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(lastLogFor(QStringLiteral("/v1/chat/completions")).status, 504);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->openConnections(), 0, 3000);
    }

    void clientDisconnectCancelsUpstream_data()
    {
        QTest::addColumn<bool>("streamed");
        QTest::newRow("stream") << true;
        QTest::newRow("non-stream, waiting") << false;
    }
    void clientDisconnectCancelsUpstream()
    {
        QFETCH(bool, streamed);
        FakeScript s;
        s.tokens = 200;
        s.tokensPerSecond = 20; // 10 s if nobody stops it
        if (!streamed)
            s.firstByteDelayMs = 10000;
        m_fake->enqueue(s);
        QJsonObject body = userChat();
        if (streamed)
            body.insert(QLatin1String("stream"), true);
        QNetworkReply *reply = sendRaw("POST", QStringLiteral("/v1/chat/completions"), compact(body), {}, true);
        QByteArray received;
        connect(reply, &QNetworkReply::readyRead, reply, [&received, reply] { received += reply->readAll(); });
        if (streamed)
            QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"content\""), 5000);
        else
            QTRY_COMPARE_WITH_TIMEOUT(m_fake->requests().size(), 1, 5000);
        QCOMPARE(m_proxy->activeRequests(), 1);
        QVERIFY(m_fake->openConnections() >= 1);

        reply->abort();
        reply->deleteLater();
        QElapsedTimer clock;
        clock.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->openConnections(), 0, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(m_proxy->activeRequests(), 0, 2000);
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        const ProxyLogEntry entry = lastLogFor(QStringLiteral("/v1/chat/completions"));
        QCOMPARE(entry.status, 499);
        QCOMPARE(m_fake->requests().size(), 1); // cancelled, not retried
    }

    void activeRequestsAndHealthDuringAStream()
    {
        FakeScript s;
        s.tokens = 10;
        s.tokensPerSecond = 20;
        m_fake->enqueue(s);
        QJsonObject body = userChat();
        body.insert(QLatin1String("stream"), true);
        QNetworkReply *reply = sendRaw("POST", QStringLiteral("/v1/chat/completions"), compact(body), {}, true);
        QTRY_COMPARE_WITH_TIMEOUT(m_proxy->activeRequests(), 1, 5000);
        const HttpResult health = send("GET", QStringLiteral("/health"), {}, {}, false);
        QCOMPARE(health.json().value(QLatin1String("active_requests")).toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(reply->readAll().endsWith("data: [DONE]\n\n"));
        reply->deleteLater();
        QCOMPARE(m_proxy->activeRequests(), 0);
    }

    void stopLetsRequestsInFlightFinish()
    {
        FakeScript s;
        s.tokens = 12;
        s.tokensPerSecond = 40;
        m_fake->enqueue(s);
        QJsonObject body = userChat();
        body.insert(QLatin1String("stream"), true);
        QNetworkReply *reply = sendRaw("POST", QStringLiteral("/v1/chat/completions"), compact(body), {}, true);
        QByteArray received;
        connect(reply, &QNetworkReply::readyRead, reply, [&received, reply] { received += reply->readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"content\""), 5000);
        // A second connection, left idle after this: stop() must close it, or it could still be used.
        QCOMPARE(send("GET", QStringLiteral("/health"), {}, {}, false).status, 200);

        m_proxy->stop();
        QVERIFY(!m_proxy->isListening());
        const HttpResult refused = send("GET", QStringLiteral("/health"), {}, {}, false, 3000);
        QCOMPARE(refused.error, QNetworkReply::ConnectionRefusedError);

        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        received += reply->readAll();
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY2(received.endsWith("data: [DONE]\n\n"), received.right(200).constData());
        reply->deleteLater();
        QTRY_COMPARE(m_proxy->activeRequests(), 0);
        QCOMPARE(lastLogFor(QStringLiteral("/v1/chat/completions")).status, 200);
    }

    void connectionBurstIsQueued()
    {
        // 200 clients connect at once, before the proxy's event loop can accept any: the kernel must
        // queue them all. With Qt's default listen backlog (50) the rest had their SYN dropped and
        // waited for its retransmission, a 1 s stall (bench_soak: 64 connections opened together).
#ifndef Q_OS_UNIX
        QSKIP("POSIX sockets");
#else
        std::vector<int> fds;
        for (int i = 0; i < 200; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            QVERIFY(fd >= 0);
            sockaddr_in a {};
            a.sin_family = AF_INET;
            a.sin_port = htons(m_proxy->port());
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            const int rc = ::connect(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a);
            QVERIFY(rc == 0 || errno == EINPROGRESS);
            fds.push_back(fd);
        }
        int connected = 0;
        QElapsedTimer waited;
        waited.start();
        for (const int fd : fds) {
            pollfd p {fd, POLLOUT, 0};
            int error = 0;
            socklen_t length = sizeof error;
            const int left = int(std::max<qint64>(0, 500 - waited.elapsed()));
            if (::poll(&p, 1, left) == 1 && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0)
                ++connected;
        }
        for (const int fd : fds)
            ::close(fd);
        QCOMPARE(connected, 200);
        QTRY_COMPARE(m_proxy->activeRequests(), 0);
        QCOMPARE(send("GET", QStringLiteral("/health"), {}, {}, false).status, 200);
#endif
    }

    // ---- the access log --------------------------------------------------------------------

    void logEntriesHoldNoSecrets()
    {
        QVERIFY(postJson(QStringLiteral("/v1/chat/completions"), userChat()).status == 200);
        QJsonObject streamed = userChat();
        streamed.insert(QLatin1String("stream"), true);
        QVERIFY(stream(streamed).status == 200);
        QCOMPARE(send("GET", QStringLiteral("/v1/models"), {}, {{"Authorization", "Bearer test-key"}}, false).status,
                 401);
        QCOMPARE(send("GET", QStringLiteral("/v1/models"), {}, {{"Host", "evil.example"}}).status, 403);

        QCOMPARE(m_log.size(), 4);
        for (int i = 0; i < 2; ++i) {
            const ProxyLogEntry &e = m_log.at(i);
            QCOMPARE(e.status, 200);
            QCOMPARE(e.method, QStringLiteral("POST"));
            QCOMPARE(e.path, QStringLiteral("/v1/chat/completions"));
            QCOMPARE(e.model, QStringLiteral("mistral-small-latest"));
            QCOMPARE(e.usage.completionTokens, 8);
            QVERIFY(e.usage.promptTokens > 0);
            QCOMPARE(e.client, QStringLiteral("127.0.0.1"));
            const QJsonObject json = QJsonDocument::fromJson(e.toJsonLine()).object();
            QCOMPARE(json.value(QLatin1String("status")).toInt(), 200);
            QCOMPARE(json.value(QLatin1String("completion_tokens")).toInt(), 8);
            QVERIFY(json.value(QLatin1String("prompt_tokens")).toInt() > 0);
            QCOMPARE(json.value(QLatin1String("model")).toString(), QStringLiteral("mistral-small-latest"));
        }
        QCOMPARE(m_log.at(2).status, 401);
        QCOMPARE(m_log.at(3).status, 403);
        for (const ProxyLogEntry &e : std::as_const(m_log)) {
            const QByteArray line = e.toJsonLine();
            QVERIFY(line.endsWith('\n'));
            QCOMPARE(line.count('\n'), 1);
            QVERIFY(!QJsonDocument::fromJson(line).isNull());
            QVERIFY2(!line.contains(kToken.toUtf8()), line.constData());
            QVERIFY2(!line.contains("test-key"), line.constData());
            QVERIFY2(!line.contains("Say hello"), line.constData()); // no bodies by default
        }
    }
};

QTEST_GUILESS_MAIN(TestProxyServer)
#include "tst_ProxyServer.moc"
