#include "proxy/ProxyServer.h"

#include "Logging.h"
#include "api/MistralClient.h"
#include "proxy/ProxyExchange.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>

namespace md {

namespace {

// Small writes (a stream's events) must leave at once: without TCP_NODELAY the kernel holds each
// one until the client's delayed ACK, about 40 ms. QAbstractHttpServer offers no hook for accepted
// sockets, so the listening server sets the option as it accepts them.
class LowDelayTcpServer : public QTcpServer {
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        addPendingConnection(socket);
    }
};

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    default:
        return "OTHER";
    }
}

// The access log's client field; loopback, nearly every client, without formatting an address each time.
QString clientText(const QHostAddress &address)
{
    if (address == QHostAddress::LocalHost)
        return QStringLiteral("127.0.0.1");
    return address.toString();
}

// Compares without an early exit, so the time taken says nothing about how much of a guess was right.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace

ProxyServer::ProxyServer(MistralClient *upstream, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_upstream(upstream)
    , m_translator(std::make_unique<OpenAiTranslator>(m_ids))
{
}

ProxyServer::~ProxyServer() = default;

void ProxyServer::setConfig(const ProxyConfig &config)
{
    m_config = config;
    m_tokenBytes = config.token.toUtf8();
    m_translator = std::make_unique<OpenAiTranslator>(m_ids, config.translation);
}

QString ProxyServer::generateToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()),
                                         reinterpret_cast<quint32 *>(bytes.data() + bytes.size()));
    return QStringLiteral("mdp_")
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool ProxyServer::start(QString *error)
{
    if (m_config.token.isEmpty()) {
        *error = QStringLiteral("The proxy needs a local token; none is set.");
        return false;
    }
    if (isListening())
        return true;
    auto *tcp = new LowDelayTcpServer(this);
    // Qt's default backlog (50) drops the SYNs of a larger burst of clients connecting at once
    // (64 parallel SDK workers), which then wait ~1 s for the retransmission: queue them instead.
    tcp->setListenBacklogSize(1024);
    if (!tcp->listen(m_config.address, m_config.port)) {
        *error = QStringLiteral("Cannot listen on %1:%2: %3")
                     .arg(m_config.address.toString())
                     .arg(m_config.port)
                     .arg(tcp->errorString());
        delete tcp;
        return false;
    }
    bind(tcp);
    m_listener = tcp;
    qCInfo(lcProxy).noquote() << "listening on" << baseUrl();
    return true;
}

void ProxyServer::stop()
{
    const auto tcpServers = servers();
    for (QTcpServer *tcp : tcpServers) {
        tcp->close();
        // Accepted connections are children of the QTcpServer and would die with it, cutting the
        // requests in flight: those keep their connection until answered, idle ones close now.
        const auto sockets = tcp->findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets) {
            socket->setParent(this);
            if (!m_busySockets.contains(socket))
                socket->disconnectFromHost();
        }
        tcp->deleteLater();
    }
}

bool ProxyServer::isListening() const
{
    // Asked after every request: servers() would walk every child object (exchanges, and the
    // accepted sockets below the listener) each time.
    return m_listener && m_listener->isListening();
}

quint16 ProxyServer::port() const
{
    const auto tcpServers = servers();
    for (QTcpServer *tcp : tcpServers) {
        if (tcp->isListening())
            return tcp->serverPort();
    }
    return 0;
}

QString ProxyServer::baseUrl() const
{
    QString host = m_config.address.toString();
    if (m_config.address.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2").arg(host).arg(port());
}

bool ProxyServer::hostAllowed(const QByteArray &hostHeader) const
{
    // A browser page on another site may reach 127.0.0.1 through a DNS name that resolves there
    // (DNS rebinding): its requests carry that foreign name in Host. Only our own names pass.
    QByteArray host = hostHeader.trimmed().toLower();
    if (host.startsWith('[')) {
        host = host.mid(1, host.indexOf(']') - 1);
    } else if (host.count(':') == 1) {
        host = host.left(host.indexOf(':'));
    }
    if (host == "localhost" || host == "127.0.0.1" || host == "::1")
        return true;
    const QHostAddress asAddress(QString::fromLatin1(host));
    if (asAddress.isNull())
        return false;
    if (asAddress == m_config.address)
        return true;
    // Listening on every interface: any of this machine's own addresses is fine, names are not.
    return m_config.address == QHostAddress::Any || m_config.address == QHostAddress::AnyIPv4
        || m_config.address == QHostAddress::AnyIPv6;
}

bool ProxyServer::tokenMatches(const QByteArray &authorization) const
{
    const QByteArray prefix("Bearer ");
    if (!authorization.startsWith(prefix))
        return false;
    return constantTimeEquals(authorization.mid(prefix.size()).trimmed(), m_tokenBytes);
}

void ProxyServer::reject(const QHttpServerRequest &request, QTcpSocket *socket, int status, const QString &type,
                         const QString &message, const QByteArray &origin)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    const QByteArray body = QJsonDocument(QJsonObject {{QLatin1String("error"),
                                                        QJsonObject {{QLatin1String("message"), message},
                                                                     {QLatin1String("type"), type},
                                                                     {QLatin1String("param"), QJsonValue()},
                                                                     {QLatin1String("code"), QJsonValue()}}}})
                                .toJson(QJsonDocument::Compact);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    if (!origin.isEmpty())
        responder.writeHeader("Access-Control-Allow-Origin", origin);
    responder.writeBody(body);

    ProxyLogEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.client = clientText(request.remoteAddress());
    entry.method = QString::fromLatin1(methodName(request.method()));
    entry.path = request.url().path();
    entry.status = status;
    entry.error = message;
    m_metrics.record(entry);
    emit requestFinished(entry);
}

void ProxyServer::record(ProxyLogEntry &entry)
{
    if (!entry.usage.isEmpty() && !entry.model.isEmpty())
        entry.costUsd = m_prices.cost(entry.model, entry.usage);
    m_metrics.requestFinished(entry);
}

bool ProxyServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    const QByteArray method = methodName(request.method());

    if (!hostAllowed(request.value("Host"))) {
        reject(request, socket, 403, QStringLiteral("permission_error"),
               QStringLiteral("This proxy only answers requests addressed to localhost or its own address."));
        return true;
    }

    // Browsers send Origin on cross-origin requests; other clients do not. Without an allow-listed
    // origin a web page must not be able to use the user's key.
    const QByteArray origin = request.value("Origin");
    const bool originAllowed = origin.isEmpty() || m_config.allowedOrigins.contains(QString::fromUtf8(origin));
    if (!originAllowed) {
        reject(
            request, socket, 403, QStringLiteral("permission_error"),
            QStringLiteral("Cross-origin requests from %1 are not allowed; add the origin to the proxy's allow-list.")
                .arg(QString::fromUtf8(origin)));
        return true;
    }
    if (request.method() == QHttpServerRequest::Method::Options) {
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(QHttpServerResponder::StatusCode::NoContent);
        if (!origin.isEmpty()) {
            responder.writeHeader("Access-Control-Allow-Origin", origin);
            responder.writeHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
            // SDKs send headers of their own (x-stainless-*, OpenAI-Beta...): allow what the browser asks
            // for, since the origin is trusted and the token is still required on the real request.
            const QByteArray requested = request.value("Access-Control-Request-Headers");
            responder.writeHeader("Access-Control-Allow-Headers",
                                  requested.isEmpty() ? QByteArray("Authorization, Content-Type") : requested);
            responder.writeHeader("Access-Control-Max-Age", "600");
        }
        responder.writeHeader("Content-Length", "0");
        responder.writeBody(QByteArray());
        return true;
    }

    if (path == QLatin1String("/health")) {
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.write(QJsonDocument(QJsonObject {{QLatin1String("status"), QLatin1String("ok")},
                                                   {QLatin1String("active_requests"), m_active}}));
        return true;
    }
    if (!path.startsWith(QLatin1String("/v1/")) && path != QLatin1String("/metrics")) {
        reject(request, socket, 404, QStringLiteral("not_found_error"),
               QStringLiteral("Unknown path %1: this proxy serves /v1/... and /health.").arg(path), origin);
        return true;
    }
    if (!tokenMatches(request.value("Authorization"))) {
        reject(request, socket, 401, QStringLiteral("authentication_error"),
               QStringLiteral("Missing or wrong local token: send \"Authorization: Bearer <token>\" with the token "
                              "shown in Mistral Desk's proxy settings (not your Mistral API key)."),
               origin);
        return true;
    }
    if (path == QLatin1String("/metrics") && request.method() == QHttpServerRequest::Method::Get) {
        const QByteArray text = m_metrics.render();
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
        responder.writeHeader("Content-Type", ProxyMetrics::contentType());
        responder.writeHeader("Content-Length", QByteArray::number(text.size()));
        responder.writeBody(text);
        return true;
    }
    const QByteArray body = request.body();
    if (body.size() > m_config.maxBodyBytes) {
        reject(request, socket, 413, QStringLiteral("invalid_request_error"),
               QStringLiteral("The request body is %1 bytes; this proxy accepts at most %2.")
                   .arg(body.size())
                   .arg(m_config.maxBodyBytes),
               origin);
        return true;
    }
    if (!m_upstream) {
        reject(request, socket, 503, QStringLiteral("api_error"), QStringLiteral("The proxy is shutting down."),
               origin);
        return true;
    }

    ProxyLogEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.client = clientText(request.remoteAddress());
    entry.method = QString::fromLatin1(method);
    entry.path = path;
    if (m_config.logBodies)
        entry.requestBody = body;

    ProxyExchange::Forward forward;
    forward.method = method;
    forward.path = path + (request.url().hasQuery() ? QLatin1Char('?') + request.url().query() : QString());
    forward.body = body;
    forward.logBodies = m_config.logBodies;

    const bool translated = method == "POST"
        && (path == QLatin1String("/v1/chat/completions") || path == QLatin1String("/v1/fim/completions")
            || path == QLatin1String("/v1/embeddings"));
    std::optional<ApiError> refusal;
    if (translated) {
        QJsonParseError parseError {};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (!doc.isObject()) {
            refusal = ApiError::fromHttp(400, {});
            refusal->type = QStringLiteral("invalid_request_error");
            refusal->message = parseError.error == QJsonParseError::NoError
                ? QStringLiteral("The request body must be a JSON object.")
                : QStringLiteral("The request body is not valid JSON: %1 at offset %2.")
                      .arg(parseError.errorString())
                      .arg(parseError.offset);
        } else {
            const QJsonObject clientBody = doc.object();
            const Translation t = path == QLatin1String("/v1/embeddings")
                ? m_translator->translateEmbeddings(clientBody)
                : path == QLatin1String("/v1/fim/completions") ? m_translator->translateFim(clientBody)
                                                               : m_translator->translateChat(clientBody);
            if (!t.ok()) {
                refusal = *t.error;
            } else {
                // A body the translation left as it was goes upstream as the client wrote it: no
                // second serialisation.
                if (t.bodyChanged)
                    forward.body = QJsonDocument(t.body).toJson(QJsonDocument::Compact);
                forward.stream = t.body.value(QLatin1String("stream")).toBool();
                // Only ids this request's messages gave the model can come back; without any, the
                // answer is not searched for tool calls (~5% of the proxy's time on a long stream).
                forward.restoreToolCallIds = path == QLatin1String("/v1/chat/completions") && t.toolCallIdsMapped;
                forward.usageChunk = t.streamUsageRequested;
                forward.streamEndsWithDone = path != QLatin1String("/v1/embeddings");
                entry.model = t.body.value(QLatin1String("model")).toString();
                entry.translated = t.renamedFields + t.droppedFields;
            }
        }
    } else {
        forward.stream = request.value("Accept").contains("text/event-stream");
    }

    auto *exchange
        = new ProxyExchange(socket, std::move(entry), originAllowed ? origin : QByteArray(), *m_translator, this);
    ++m_active;
    m_metrics.requestStarted();
    m_busySockets.insert(socket);
    emit activeRequestsChanged(m_active);
    connect(exchange, &ProxyExchange::finished, this,
            [this, socket, guard = QPointer<QTcpSocket>(socket)](ProxyLogEntry done) {
                m_busySockets.remove(socket);
                record(done);
                if (guard && !isListening())
                    guard->disconnectFromHost(); // stopped: the connection served its last request
                --m_active;
                emit activeRequestsChanged(m_active);
                emit requestFinished(done);
            });
    if (refusal)
        exchange->respondWithError(*refusal);
    else
        exchange->start(m_upstream, forward);
    return true;
}

void ProxyServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    reject(request, socket, 404, QStringLiteral("not_found_error"), QStringLiteral("Not found."));
}

} // namespace md
