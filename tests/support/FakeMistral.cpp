#include "FakeMistral.h"

#include "FakeAnswerBuilder.h"
#include "FakeHttpConnection.h"
#include "FakeModelCatalog.h"
#include "FakeRequestValidator.h"
#include "FakeWireFormat.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <unordered_set>

namespace md::test {
namespace {

// Generous so that benchmarks never see "remaining: 0" within one minute.
constexpr qint64 kRequestsPerMinute = 120000;
constexpr qint64 kTokensPerMinute = 50000000;

using Kind = FakeScript::Kind;
using Shape = FakeScript::ErrorShape;
using Wire = FakeWireFormat;

} // namespace

struct FakeMistral::Private {
    struct Exchange {
        FakeHttpConnection *c = nullptr;
        FakeRequest request;
        QByteArray route; // path without the query
        QByteArray requestId;
        FakeScript script;
        bool counted = false; // counts against the rate-limit window
    };

    explicit Private(FakeMistral *owner)
        : q(owner)
        , server(new QTcpServer(owner))
    {
        server->setMaxPendingConnections(10000);
        server->setListenBacklogSize(1024);
        QObject::connect(server, &QTcpServer::newConnection, q, [this] { accept(); });
        rateWindow.start();
    }

    FakeMistral *q;
    QTcpServer *server;
    QString apiKey = QStringLiteral("test-key");
    QList<FakeScript> scripts;
    FakeScript defaultScript;
    bool inlineScripts = false;
    qint64 usageTokensSent = 0;
    qint64 answersWithUsage = 0;

    void noteUsageSent(qint64 tokens)
    {
        usageTokensSent += tokens;
        ++answersWithUsage;
    }
    QList<FakeRequest> requests;
    std::unordered_set<FakeHttpConnection *> connections;
    QElapsedTimer rateWindow;
    qint64 windowRequests = 0;
    qint64 windowTokens = 0;

    void shutdown()
    {
        server->close();
        for (FakeHttpConnection *c : connections)
            delete c; // its socket is a child: aborted, and no signal reaches us (c was the context)
        connections.clear();
    }

    void accept()
    {
        while (QTcpSocket *socket = server->nextPendingConnection()) {
            auto *c = new FakeHttpConnection(socket, q);
            connections.insert(c);
            QObject::connect(c, &FakeHttpConnection::requestReceived, c,
                             [this, c](const FakeRequest &request) { handle(c, request); });
            QObject::connect(c, &FakeHttpConnection::malformedRequestReceived, c, [this, c](int status) {
                Exchange ex;
                ex.c = c;
                ex.requestId = Wire::randomHex32();
                const QString message = QString::fromLatin1(Wire::reasonPhrase(status));
                respond(ex, status, "{\"detail\":" + Wire::jsonString(message) + '}');
            });
            QObject::connect(c, &FakeHttpConnection::closed, c, [this, c] { connections.erase(c); });
            c->start();
        }
    }

    // -- writing

    QByteArray head(Exchange &ex, int status, const char *contentType, qint64 contentLength, const QByteArray &extra,
                    qint64 tokens)
    {
        if (ex.counted) {
            if (rateWindow.elapsed() >= 60000) {
                rateWindow.restart();
                windowRequests = 0;
                windowTokens = 0;
            }
            ++windowRequests;
            windowTokens += tokens;
        }
        QByteArray h;
        h.reserve(512);
        h += "HTTP/1.1 " + QByteArray::number(status) + ' ' + Wire::reasonPhrase(status) + "\r\n";
        h += QByteArray("Content-Type: ") + contentType + "\r\n";
        if (contentLength >= 0)
            h += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
        else
            h += "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n";
        h += ex.c->closesAfterResponse() ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
        h += "x-request-id: " + ex.requestId + "\r\n";
        h += "x-ratelimit-limit-req-minute: " + QByteArray::number(kRequestsPerMinute) + "\r\n";
        h += "x-ratelimit-remaining-req-minute: "
            + QByteArray::number(std::max<qint64>(0, kRequestsPerMinute - windowRequests)) + "\r\n";
        h += "x-ratelimit-limit-tokens-minute: " + QByteArray::number(kTokensPerMinute) + "\r\n";
        h += "x-ratelimit-remaining-tokens-minute: "
            + QByteArray::number(std::max<qint64>(0, kTokensPerMinute - windowTokens)) + "\r\n";
        h += extra;
        h += "\r\n";
        return h;
    }

    void respond(Exchange &ex, int status, const QByteArray &body, const QByteArray &extra = {}, qint64 tokens = 0)
    {
        FakeHttpConnection *c = ex.c;
        if (c->isClosed())
            return;
        c->write(head(ex, status, "application/json", body.size(), extra, tokens) + body);
        c->finishResponse();
    }

    void reject(Exchange &ex, const FakeRejection &rejection) { respond(ex, rejection.status, rejection.body); }

    // A successful non-streamed body, with the script's faults applied.
    void respondOk(Exchange &ex, const QByteArray &body, qint64 tokens)
    {
        FakeHttpConnection *c = ex.c;
        if (c->isClosed())
            return;
        switch (ex.script.kind) {
        case Kind::DropMidStream:
            c->write(head(ex, 200, "application/json", body.size(), {}, tokens) + body.left(body.size() / 2));
            c->hangUp();
            return;
        case Kind::MalformedSse:
            respond(ex, 200, body.left(body.size() / 2) + "{not json", {}, tokens);
            return;
        default:
            respond(ex, 200, body, {}, tokens);
            if (tokens > 0 && !ex.script.omitUsage)
                noteUsageSent(tokens);
        }
    }

    // A stream, with the script's faults applied.
    void stream(Exchange &ex, QList<FakeHttpConnection::Frame> frames, qint64 tokens)
    {
        FakeHttpConnection *c = ex.c;
        if (c->isClosed())
            return;
        const FakeScript &s = ex.script;
        bool dropAtEnd = false;
        if (s.kind == Kind::MalformedSse) {
            const qsizetype at = std::min<qsizetype>(2, frames.size());
            const int slot = at > 0 ? frames.at(at - 1).slot : 0;
            frames.insert(at, FakeHttpConnection::Frame {Wire::chunkEncode("data: {not json\n\n"), slot});
        }
        if (s.kind == Kind::DropMidStream) {
            frames.resize(std::min<qsizetype>(frames.size(), 1 + std::max(0, s.dropAfterEvents)));
            dropAtEnd = true;
        } else {
            const int slot = frames.isEmpty() ? 0 : frames.last().slot;
            frames.append(FakeHttpConnection::Frame {Wire::sseFrame("[DONE]") + "0\r\n\r\n", slot});
        }
        c->write(head(ex, 200, "text/event-stream", -1, {}, tokens));
        std::function<void()> onAllWritten;
        if (tokens > 0 && !s.omitUsage)
            onAllWritten = [this, tokens] { noteUsageSent(tokens); };
        c->sendFrames(std::move(frames), s.tokensPerSecond > 0 ? 1000.0 / s.tokensPerSecond : 0.0, dropAtEnd,
                      std::move(onAllWritten));
    }

    // -- requests

    void handle(FakeHttpConnection *c, const FakeRequest &request)
    {
        Exchange ex;
        ex.c = c;
        ex.requestId = Wire::randomHex32();
        const qsizetype query = request.path.indexOf('?');
        ex.route = query < 0 ? request.path : request.path.left(query);
        ex.request = request;
        if (ex.route.startsWith("/_fake/")) {
            control(ex);
            return;
        }
        requests.append(ex.request);
        emit q->requestReceived(ex.request);
        if (!ex.route.startsWith("/v1/")) {
            respond(ex, 404, Wire::errorBody(Shape::NotFound, {}, {}));
            return;
        }
        const QByteArray expected = QByteArray("Bearer ") + apiKey.toUtf8();
        if (ex.request.header("authorization") != expected) {
            respond(ex, 401, Wire::errorBody(Shape::UnauthorizedMessage, {}, ex.requestId));
            return;
        }
        ex.counted = true;
        std::optional<FakeScript> inlined;
        if (inlineScripts)
            inlined = FakeMistral::inlineScript(ex.request.body);
        if (inlined)
            ex.script = *inlined;
        else
            ex.script = scripts.isEmpty() ? defaultScript : scripts.takeFirst();
        if (ex.script.firstByteDelayMs > 0) {
            QTimer::singleShot(ex.script.firstByteDelayMs, Qt::PreciseTimer, c, [this, ex]() mutable {
                if (!ex.c->isClosed())
                    dispatch(ex);
            });
            return;
        }
        dispatch(ex);
    }

    void dispatch(Exchange &ex)
    {
        const FakeScript &s = ex.script;
        switch (s.kind) {
        case Kind::Hang:
            return; // the connection stays busy until the client or the fake goes away
        case Kind::Error: {
            QString message = s.text;
            if (s.errorShape == Shape::InvalidModel && message.isEmpty())
                message = ex.request.json().value(QLatin1String("model")).toString();
            const QByteArray extra = s.retryAfterSeconds >= 0
                ? "Retry-After: " + QByteArray::number(s.retryAfterSeconds) + "\r\n"
                : QByteArray();
            respond(ex, s.status ? s.status : Wire::naturalStatus(s.errorShape),
                    Wire::errorBody(s.errorShape, message, ex.requestId), extra);
            return;
        }
        case Kind::RateLimited: {
            const Shape shape
                = s.errorShape == Shape::RateLimitObject ? Shape::RateLimitObject : Shape::RateLimitMessage;
            const QByteArray extra = s.retryAfterSeconds >= 0
                ? "Retry-After: " + QByteArray::number(s.retryAfterSeconds) + "\r\n"
                : QByteArray();
            respond(ex, s.status ? s.status : 429, Wire::errorBody(shape, {}, ex.requestId), extra);
            return;
        }
        default:
            break;
        }

        const QByteArray &route = ex.route;
        const bool post = ex.request.method == "POST";
        const bool get = ex.request.method == "GET";
        if (route == "/v1/chat/completions" || route == "/v1/fim/completions" || route == "/v1/embeddings") {
            if (!post)
                respond(ex, 405, QByteArrayLiteral("{\"detail\":\"Method Not Allowed\"}"));
            else if (route == "/v1/embeddings")
                embeddings(ex);
            else
                completion(ex, route == "/v1/fim/completions");
        } else if (route == "/v1/models" || route.startsWith("/v1/models/")) {
            if (!get)
                respond(ex, 405, QByteArrayLiteral("{\"detail\":\"Method Not Allowed\"}"));
            else
                models(ex);
        } else {
            respond(ex, 404, Wire::errorBody(Shape::NotFound, {}, {}));
        }
    }

    void control(Exchange &ex)
    {
        const QByteArray &route = ex.route;
        if (route == "/_fake/script" && ex.request.method == "POST") {
            const QJsonDocument doc = QJsonDocument::fromJson(ex.request.body);
            QJsonArray list;
            if (doc.isObject())
                list.append(doc.object());
            else if (doc.isArray())
                list = doc.array();
            else {
                respond(ex, 400,
                        Wire::invalidRequestBody(QStringLiteral("Expected a script object or an array of them")));
                return;
            }
            for (const QJsonValue &v : std::as_const(list))
                scripts.append(FakeScript::fromJson(v.toObject()));
            respond(ex, 200,
                    "{\"queued\":" + QByteArray::number(list.size())
                        + ",\"pending\":" + QByteArray::number(scripts.size()) + '}');
        } else if (route == "/_fake/reset" && ex.request.method == "POST") {
            scripts.clear();
            requests.clear();
            respond(ex, 200, QByteArrayLiteral("{\"ok\":true}"));
        } else if (route == "/_fake/requests" && ex.request.method == "GET") {
            respond(ex, 200,
                    "{\"count\":" + QByteArray::number(requests.size())
                        + ",\"usage_tokens\":" + QByteArray::number(usageTokensSent)
                        + ",\"answers_with_usage\":" + QByteArray::number(answersWithUsage) + '}');
        } else {
            respond(ex, 404, Wire::errorBody(Shape::NotFound, {}, {}));
        }
    }

    void models(Exchange &ex)
    {
        if (ex.route == "/v1/models") {
            const QJsonObject list {{QStringLiteral("object"), QStringLiteral("list")},
                                    {QStringLiteral("data"), FakeModelCatalog::cards()}};
            respondOk(ex, QJsonDocument(list).toJson(QJsonDocument::Compact), 0);
            return;
        }
        const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(ex.route.mid(sizeof("/v1/models/") - 1)));
        if (const auto found = FakeModelCatalog::find(id))
            respondOk(ex, QJsonDocument(*found).toJson(QJsonDocument::Compact), 0);
        else
            respond(ex, 404, Wire::errorBody(Shape::NotFound, {}, {}));
    }

    void completion(Exchange &ex, bool fim)
    {
        QJsonObject body;
        if (const auto rejected = FakeRequestValidator::parseBody(ex.request.body, body)) {
            reject(ex, *rejected);
            return;
        }
        if (const auto rejected = FakeRequestValidator::checkCompletion(body, fim)) {
            reject(ex, *rejected);
            return;
        }
        FakeAnswer answer = FakeAnswerBuilder::completion(body, ex.script, fim);
        if (answer.streamed)
            stream(ex, std::move(answer.frames), answer.tokens);
        else
            respondOk(ex, answer.body, answer.tokens);
    }

    void embeddings(Exchange &ex)
    {
        QJsonObject body;
        if (const auto rejected = FakeRequestValidator::parseBody(ex.request.body, body)) {
            reject(ex, *rejected);
            return;
        }
        FakeRequestValidator::Embeddings request;
        if (const auto rejected = FakeRequestValidator::checkEmbeddings(body, request)) {
            reject(ex, *rejected);
            return;
        }
        const int dimension = ex.script.embeddingDimension > 0 ? ex.script.embeddingDimension : request.dimension;
        respondOk(ex,
                  FakeAnswerBuilder::embeddings(request.inputs, request.model, dimension, request.tokens,
                                                ex.script.omitUsage, request.base64),
                  request.tokens);
    }
};

// ---- public API ------------------------------------------------------------------------------

FakeMistral::FakeMistral(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
}

FakeMistral::~FakeMistral()
{
    d->shutdown();
}

bool FakeMistral::listen(const QHostAddress &address, quint16 port)
{
    return d->server->listen(address, port);
}

quint16 FakeMistral::port() const
{
    return d->server->serverPort();
}

QString FakeMistral::baseUrl() const
{
    const QHostAddress a = d->server->serverAddress();
    QString host = QStringLiteral("127.0.0.1");
    if (a == QHostAddress::LocalHostIPv6 || a == QHostAddress::AnyIPv6)
        host = QStringLiteral("[::1]");
    else if (!a.isNull() && !a.isLoopback() && a != QHostAddress::Any && a != QHostAddress::AnyIPv4)
        host = a.protocol() == QAbstractSocket::IPv6Protocol ? QLatin1Char('[') + a.toString() + QLatin1Char(']')
                                                             : a.toString();
    return QStringLiteral("http://") + host + QLatin1Char(':') + QString::number(port());
}

void FakeMistral::setApiKey(const QString &key)
{
    d->apiKey = key;
}

QString FakeMistral::apiKey() const
{
    return d->apiKey;
}

void FakeMistral::enqueue(const FakeScript &script)
{
    d->scripts.append(script);
}

void FakeMistral::clearScripts()
{
    d->scripts.clear();
}

void FakeMistral::setDefaultScript(const FakeScript &script)
{
    d->defaultScript = script;
}

void FakeMistral::setInlineScripts(bool on)
{
    d->inlineScripts = on;
}

std::optional<FakeScript> FakeMistral::inlineScript(const QByteArray &body)
{
    const qsizetype start = body.indexOf("[fake ");
    if (start < 0)
        return std::nullopt;
    const qsizetype end = body.indexOf(']', start);
    if (end < 0)
        return std::nullopt;
    QJsonObject json;
    const QByteArray inner = body.mid(start + 6, end - start - 6);
    for (const QByteArray &pair : inner.split(' ')) {
        const qsizetype eq = pair.indexOf('=');
        if (eq <= 0)
            continue;
        const QString key = QString::fromUtf8(pair.left(eq));
        const QByteArray value = pair.mid(eq + 1);
        bool isNumber = false;
        const int number = value.toInt(&isNumber);
        if (isNumber)
            json.insert(key, number);
        else if (value == "true" || value == "false")
            json.insert(key, value == "true");
        else
            json.insert(key, QString::fromUtf8(value));
    }
    return FakeScript::fromJson(json);
}

qint64 FakeMistral::usageTokensSent() const
{
    return d->usageTokensSent;
}

qint64 FakeMistral::answersWithUsage() const
{
    return d->answersWithUsage;
}

int FakeMistral::pendingScripts() const
{
    return int(d->scripts.size());
}

const QList<FakeRequest> &FakeMistral::requests() const
{
    return d->requests;
}

void FakeMistral::clearRequests()
{
    d->requests.clear();
}

int FakeMistral::openConnections() const
{
    return int(d->connections.size());
}

QJsonArray FakeMistral::modelCards()
{
    return FakeModelCatalog::cards();
}

} // namespace md::test
