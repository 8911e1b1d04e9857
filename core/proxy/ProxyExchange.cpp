#include "proxy/ProxyExchange.h"

#include "Logging.h"
#include "api/ApiCall.h"
#include "api/MistralClient.h"
#include "proxy/OpenAiTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace md {

namespace {
using Status = QHttpServerResponder::StatusCode;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

ProxyExchange::ProxyExchange(QHttpServerResponder &&responder, ProxyLogEntry entry, QByteArray corsOrigin,
                             const OpenAiTranslator &translator, QObject *parent)
    : QObject(parent)
    , m_responder(std::move(responder))
    , m_socket(m_responder->socket())
    , m_translator(translator)
    , m_entry(std::move(entry))
    , m_corsOrigin(std::move(corsOrigin))
{
    m_clock.start();
    if (m_socket)
        connect(m_socket, &QTcpSocket::disconnected, this, &ProxyExchange::onClientGone);
}

ProxyExchange::~ProxyExchange()
{
    if (m_call)
        m_call->cancel();
}

void ProxyExchange::start(MistralClient *upstream, const Forward &forward)
{
    m_streaming = forward.stream;
    m_restoreIds = forward.restoreToolCallIds;
    m_usageChunk = forward.stream && forward.usageChunk;
    m_logBodies = forward.logBodies;
    m_expectDone = forward.stream && forward.streamEndsWithDone;
    m_entry.streamed = forward.stream;
    m_call = upstream->forward(forward.method, forward.path, forward.body, forward.stream);
    connect(m_call, &ApiCall::responseStarted, this, &ProxyExchange::onResponseStarted);
    connect(m_call, &ApiCall::dataReceived, this, &ProxyExchange::onData);
    connect(m_call, &ApiCall::finished, this, &ProxyExchange::onUpstreamFinished);
    connect(m_call, &ApiCall::failed, this, &ProxyExchange::onUpstreamFailed);
}

void ProxyExchange::respondWithError(const ApiError &error)
{
    onUpstreamFailed(error);
}

bool ProxyExchange::clientConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void ProxyExchange::onResponseStarted(int status)
{
    // Headers go out only once the upstream has said yes: until then a failure can still be
    // retried upstream or answered with a proper status.
    if (m_streaming && status >= 200 && status < 300)
        sendStreamHead();
}

void ProxyExchange::sendStreamHead()
{
    if (m_headSent || !clientConnected())
        return;
    m_headSent = true;
    m_entry.firstByteMs = m_clock.elapsed();
    m_responder->writeStatusLine(Status::Ok);
    m_responder->writeHeader("Content-Type", "text/event-stream");
    m_responder->writeHeader("Cache-Control", "no-cache");
    m_responder->writeHeader("Transfer-Encoding", "chunked");
    if (m_call)
        writeUpstreamHeaders(m_call->rateLimit(), m_call->requestId());
    if (!m_corsOrigin.isEmpty())
        m_responder->writeHeader("Access-Control-Allow-Origin", m_corsOrigin);
    m_responder->writeBody(QByteArray());
}

void ProxyExchange::onData(const QByteArray &bytes)
{
    if (m_done)
        return;
    m_parser.feed(bytes, m_events);
    forwardEvents();
}

void ProxyExchange::forwardEvents()
{
    if (m_events.isEmpty())
        return;
    // All events of one read leave in one write: each is forwarded as soon as it arrived, and the
    // client sees the same framing as from Mistral.
    m_outgoing.clear();
    for (const SseEvent &event : std::as_const(m_events)) {
        QByteArray data = event.data;
        if (data != "[DONE]") {
            if (m_restoreIds && OpenAiTranslator::mayContainToolCalls(data)) {
                QJsonObject chunk = QJsonDocument::fromJson(data).object();
                if (!chunk.isEmpty()) {
                    m_translator.restoreToolCallIds(chunk);
                    data = compact(chunk);
                }
            }
            if (data.contains("\"usage\""))
                noteUsage(data);
        } else {
            m_sawDone = true;
            if (m_usageChunk && !m_lastUsageChunk.isEmpty())
                m_outgoing += "data: " + usageOnlyChunk() + "\n\n";
        }
        m_outgoing += "data: " + data + "\n\n";
    }
    m_events.clear();
    if (m_call)
        m_call->markContentDelivered();
    sendChunk(m_outgoing);
}

void ProxyExchange::noteUsage(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    const QJsonValue usage = o.value(QLatin1String("usage"));
    if (usage.isObject()) {
        m_entry.usage = Usage::fromJson(usage.toObject());
        m_lastUsageChunk = o;
    }
    const QString model = o.value(QLatin1String("model")).toString();
    if (!model.isEmpty())
        m_entry.model = model;
}

QByteArray ProxyExchange::usageOnlyChunk() const
{
    // Mistral sends usage on the last content chunk; OpenAI clients that asked for include_usage
    // look for it on a chunk of its own with no choices, just before [DONE].
    QJsonObject chunk = m_lastUsageChunk;
    chunk.insert(QLatin1String("choices"), QJsonArray());
    return compact(chunk);
}

void ProxyExchange::writeUpstreamHeaders(const RateLimitInfo &rateLimit, const QString &requestId)
{
    // Clients see the upstream's limits and Retry-After, so SDKs back off as the API asks.
    const auto put = [this](const char *name, qint64 value) {
        if (value >= 0)
            m_responder->writeHeader(name, QByteArray::number(value));
    };
    put("x-ratelimit-limit-req-minute", rateLimit.requestsPerMinute);
    put("x-ratelimit-remaining-req-minute", rateLimit.requestsRemaining);
    put("x-ratelimit-limit-tokens-minute", rateLimit.tokensPerMinute);
    put("x-ratelimit-remaining-tokens-minute", rateLimit.tokensRemaining);
    put("Retry-After", rateLimit.retryAfterSeconds);
    if (!requestId.isEmpty())
        m_responder->writeHeader("x-request-id", requestId.toLatin1());
}

void ProxyExchange::sendChunk(const QByteArray &payload)
{
    if (payload.isEmpty() || !clientConnected())
        return;
    m_responder->writeBody(QByteArray::number(payload.size(), 16) + "\r\n" + payload + "\r\n");
}

void ProxyExchange::sendWhole(int status, const QByteArray &contentType, const QByteArray &body,
                              const RateLimitInfo &rateLimit, const QString &requestId)
{
    if (!clientConnected())
        return;
    if (m_entry.firstByteMs < 0)
        m_entry.firstByteMs = m_clock.elapsed();
    m_responder->writeStatusLine(Status(status));
    m_responder->writeHeader("Content-Type", contentType.isEmpty() ? QByteArray("application/json") : contentType);
    m_responder->writeHeader("Content-Length", QByteArray::number(body.size()));
    writeUpstreamHeaders(rateLimit, requestId);
    if (!m_corsOrigin.isEmpty())
        m_responder->writeHeader("Access-Control-Allow-Origin", m_corsOrigin);
    m_responder->writeBody(body);
}

void ProxyExchange::onUpstreamFinished(const QByteArray &body)
{
    if (m_done)
        return;
    if (m_streaming) {
        m_parser.finish(m_events);
        forwardEvents();
        if (m_expectDone && !m_sawDone) {
            // Qt may report a connection closed mid-stream as a normal end (a close-delimited body,
            // or a close between chunks): without [DONE] the answer is cut, and the client must know.
            onUpstreamFailed(ApiError::protocol(QStringLiteral("the stream ended before \"data: [DONE]\"")));
            return;
        }
        if (clientConnected() && m_headSent)
            m_responder->writeBody("0\r\n\r\n");
        finish(200);
        return;
    }
    QByteArray out = body;
    QJsonObject json = QJsonDocument::fromJson(body).object();
    if (!json.isEmpty()) {
        if (json.value(QLatin1String("usage")).isObject())
            m_entry.usage = Usage::fromJson(json.value(QLatin1String("usage")).toObject());
        const QString model = json.value(QLatin1String("model")).toString();
        if (!model.isEmpty())
            m_entry.model = model;
        if (m_restoreIds && OpenAiTranslator::mayContainToolCalls(body)) {
            m_translator.restoreToolCallIds(json);
            out = compact(json);
        }
    }
    const int status = m_call ? m_call->httpStatus() : 200;
    if (m_logBodies)
        m_entry.responseBody = out;
    if (m_call)
        sendWhole(status, m_call->contentType(), out, m_call->rateLimit(), m_call->requestId());
    else
        sendWhole(status, {}, out);
    finish(status);
}

QByteArray ProxyExchange::errorBody(const ApiError &error)
{
    // OpenAI SDKs read {"error": {...}}; Mistral's SDK reads the upstream's own fields (a 422's
    // "detail" list, "message", "type"). A body with both serves either client.
    QJsonObject body = QJsonDocument::fromJson(error.body).object();
    if (body.contains(QLatin1String("error")))
        body = {};
    body.insert(QLatin1String("error"), OpenAiTranslator::openAiError(error).value(QLatin1String("error")));
    return compact(body);
}

void ProxyExchange::onUpstreamFailed(const ApiError &error)
{
    if (m_done)
        return;
    const int status = OpenAiTranslator::clientStatus(error);
    const QByteArray body = errorBody(error);
    if (m_headSent) {
        // The client already has a 200 and part of the stream: end it with an error event it can
        // read, then close the stream properly, rather than leaving it hanging.
        sendChunk("data: " + body + "\n\n");
        if (clientConnected())
            m_responder->writeBody("0\r\n\r\n");
    } else {
        sendWhole(status, "application/json", body, error.rateLimit, error.requestId);
    }
    finish(m_headSent ? 200 : status, error.toString());
}

void ProxyExchange::onClientGone()
{
    if (m_done)
        return;
    qCDebug(lcProxy) << "client left" << m_entry.path << "after" << m_clock.elapsed() << "ms";
    finish(499, QStringLiteral("client closed the connection"));
}

void ProxyExchange::finish(int status, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_call) {
        m_call->disconnect(this);
        if (!m_call->isFinished())
            m_call->cancel();
    }
    m_entry.status = status;
    m_entry.latencyMs = m_clock.elapsed();
    m_entry.error = error;
    // The answer's last bytes leave now rather than on the next event-loop pass: whoever listens
    // to finished() may stop the loop (the headless proxy exits once the last request is done).
    if (clientConnected())
        m_socket->flush();
    emit finished(m_entry);
    deleteLater();
}

} // namespace md
