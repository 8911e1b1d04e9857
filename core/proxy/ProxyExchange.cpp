#include "proxy/ProxyExchange.h"

#include "Logging.h"
#include "api/ApiCall.h"
#include "api/MistralClient.h"
#include "proxy/ByteSearch.h"
#include "proxy/JsonPeek.h"
#include "proxy/OpenAiTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <cstring>

namespace md {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The reason phrases QHttpServerResponder writes (RFC 9110), for the statuses a proxy passes on.
QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Request Entity Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return {};
    }
}

void appendStatusLine(QByteArray &head, int status)
{
    head += "HTTP/1.1 ";
    head += QByteArray::number(status);
    const QByteArrayView reason = reasonPhrase(status);
    if (!reason.isEmpty()) {
        head += ' ';
        head += reason;
    }
    head += "\r\n";
}

void appendHeader(QByteArray &head, QByteArrayView name, QByteArrayView value)
{
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
}

} // namespace

ProxyExchange::ProxyExchange(QTcpSocket *socket, ProxyLogEntry entry, QByteArray corsOrigin,
                             const OpenAiTranslator &translator, QObject *parent)
    : QObject(parent)
    , m_writer(socket)
    , m_translator(translator)
    , m_entry(std::move(entry))
    , m_corsOrigin(std::move(corsOrigin))
{
    m_clock.start();
    if (socket)
        connect(socket, &QTcpSocket::disconnected, this, &ProxyExchange::onClientGone);
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
    m_scanner = EventStreamScanner(m_restoreIds);
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
    return m_writer.isConnected();
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
    QByteArray head;
    head.reserve(256);
    appendStatusLine(head, 200);
    appendHeader(head, "Content-Type", "text/event-stream");
    appendHeader(head, "Cache-Control", "no-cache");
    appendHeader(head, "Transfer-Encoding", "chunked");
    if (m_call)
        writeUpstreamHeaders(head, m_call->rateLimit(), m_call->requestId());
    if (!m_corsOrigin.isEmpty())
        appendHeader(head, "Access-Control-Allow-Origin", m_corsOrigin);
    head += "\r\n";
    m_writer.write({head});
}

void ProxyExchange::onData(const QByteArray &bytes)
{
    if (m_done)
        return;
    if (!m_parseAll && std::memchr(bytes.constData(), '\r', size_t(bytes.size())) != nullptr) {
        // CR line ends: the scanner cuts runs at "\n\n" only, so SseParser takes this stream over.
        m_parseAll = true;
        const QByteArray pending = m_scanner.takePending();
        m_parser.feed(pending, m_events);
        m_parser.feed(bytes, m_events);
        forwardEvents();
        sendOutgoing();
        return;
    }
    if (m_parseAll) {
        m_parser.feed(bytes, m_events);
        forwardEvents();
        sendOutgoing();
        return;
    }
    forwardRuns(bytes);
}

void ProxyExchange::forwardRuns(QByteArrayView bytes)
{
    // Every whole event of one read leaves in one chunk as soon as it arrived. Plain runs leave as
    // received, without a copy; special ones (usage, [DONE], tool calls, unusual framing) are
    // re-framed into m_outgoing. The runs keep the upstream's order.
    m_runs.clear();
    m_scanner.feed(bytes, m_runs);
    if (m_runs.isEmpty())
        return;
    m_outgoing.clear();
    struct Piece {
        QByteArrayView plain;
        qsizetype from = 0; // else a range of m_outgoing, resolved once it stops growing
        qsizetype to = 0;
    };
    QVarLengthArray<Piece, 8> pieces;
    for (const EventStreamScanner::Run &run : std::as_const(m_runs)) {
        if (run.plain) {
            pieces.append({run.bytes, 0, 0});
            continue;
        }
        const qsizetype from = m_outgoing.size();
        m_parser.feed(run.bytes, m_events);
        forwardEvents();
        if (!pieces.isEmpty() && pieces.last().plain.isEmpty() && pieces.last().to == from)
            pieces.last().to = m_outgoing.size(); // consecutive special runs: one range
        else
            pieces.append({{}, from, m_outgoing.size()});
    }
    QVarLengthArray<QByteArrayView, SocketWriter::kMaxPieces> views;
    for (const Piece &p : std::as_const(pieces))
        views.append(p.plain.isEmpty() ? QByteArrayView(m_outgoing).sliced(p.from, p.to - p.from) : p.plain);
    if (views.size() + 2 > SocketWriter::kMaxPieces) {
        // More pieces than one sendmsg takes (only with several special events in one read): one buffer.
        QByteArray joined;
        for (QByteArrayView v : std::as_const(views))
            joined += v;
        deliver(joined, {});
        return;
    }
    if (m_call)
        m_call->markContentDelivered();
    m_writer.writeChunk(views.constData(), views.size());
    m_outgoing.clear();
}

void ProxyExchange::sendOutgoing()
{
    deliver(m_outgoing, {});
}

void ProxyExchange::deliver(QByteArrayView first, QByteArrayView second)
{
    if (first.isEmpty() && second.isEmpty())
        return;
    if (m_call)
        m_call->markContentDelivered();
    m_writer.writeChunk({first, second});
    m_outgoing.clear();
}

void ProxyExchange::forwardEvents()
{
    // Appends the parsed events to m_outgoing, re-framed as "data: ...\n\n".
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
            if (bytes::contains(data, QByteArrayView("\"usage\"", 7)))
                noteUsage(data);
        } else {
            m_sawDone = true;
            if (m_usageChunk && !m_lastUsageChunk.isEmpty()) {
                m_outgoing += "data: ";
                m_outgoing += usageOnlyChunk();
                m_outgoing += "\n\n";
            }
        }
        m_outgoing += "data: ";
        m_outgoing += data;
        m_outgoing += "\n\n";
    }
    m_events.clear();
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

void ProxyExchange::writeUpstreamHeaders(QByteArray &head, const RateLimitInfo &rateLimit,
                                         const QString &requestId) const
{
    // Clients see the upstream's limits and Retry-After, so SDKs back off as the API asks.
    const auto put = [&head](const char *name, qint64 value) {
        if (value >= 0)
            appendHeader(head, name, QByteArray::number(value));
    };
    put("x-ratelimit-limit-req-minute", rateLimit.requestsPerMinute);
    put("x-ratelimit-remaining-req-minute", rateLimit.requestsRemaining);
    put("x-ratelimit-limit-tokens-minute", rateLimit.tokensPerMinute);
    put("x-ratelimit-remaining-tokens-minute", rateLimit.tokensRemaining);
    put("Retry-After", rateLimit.retryAfterSeconds);
    if (!requestId.isEmpty())
        appendHeader(head, "x-request-id", requestId.toLatin1());
}

void ProxyExchange::sendWhole(int status, const QByteArray &contentType, const QByteArray &body,
                              const RateLimitInfo &rateLimit, const QString &requestId)
{
    if (!clientConnected())
        return;
    if (m_entry.firstByteMs < 0)
        m_entry.firstByteMs = m_clock.elapsed();
    // Head and body leave in one sendmsg(), the body from its own buffer.
    QByteArray head;
    head.reserve(256);
    appendStatusLine(head, status);
    appendHeader(head, "Content-Type", contentType.isEmpty() ? QByteArrayView("application/json") : contentType);
    appendHeader(head, "Content-Length", QByteArray::number(body.size()));
    writeUpstreamHeaders(head, rateLimit, requestId);
    if (!m_corsOrigin.isEmpty())
        appendHeader(head, "Access-Control-Allow-Origin", m_corsOrigin);
    head += "\r\n";
    m_writer.write({head, body});
}

void ProxyExchange::onUpstreamFinished(const QByteArray &body)
{
    if (m_done)
        return;
    if (m_streaming) {
        const QByteArray pending = m_scanner.finish();
        m_parser.feed(pending, m_events);
        m_parser.finish(m_events);
        forwardEvents();
        sendOutgoing();
        if (m_expectDone && !m_sawDone) {
            // Qt may report a connection closed mid-stream as a normal end (a close-delimited body,
            // or a close between chunks): without [DONE] the answer is cut, and the client must know.
            onUpstreamFailed(ApiError::protocol(QStringLiteral("the stream ended before \"data: [DONE]\"")));
            return;
        }
        if (m_headSent)
            m_writer.writeLastChunk();
        finish(200);
        return;
    }
    QByteArray out = body;
    if (m_restoreIds && OpenAiTranslator::mayContainToolCalls(body)) {
        // Tool calls whose ids may need restoring: the answer is rewritten, so parsed whole.
        QJsonObject json = QJsonDocument::fromJson(body).object();
        if (!json.isEmpty()) {
            if (json.value(QLatin1String("usage")).isObject())
                m_entry.usage = Usage::fromJson(json.value(QLatin1String("usage")).toObject());
            const QString model = json.value(QLatin1String("model")).toString();
            if (!model.isEmpty())
                m_entry.model = model;
            m_translator.restoreToolCallIds(json);
            out = compact(json);
        }
    } else {
        // Forwarded as received: only usage and model are read, without parsing the whole answer.
        const QByteArrayView usage = JsonPeek::topLevelValue(body, "usage");
        if (usage.startsWith('{'))
            m_entry.usage = JsonPeek::usage(usage);
        const QString model = JsonPeek::topLevelString(body, "model");
        if (!model.isEmpty())
            m_entry.model = model;
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
        m_writer.writeChunk({"data: ", body, "\n\n"});
        m_writer.writeLastChunk();
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
        m_writer.socket()->flush();
    emit finished(m_entry);
    deleteLater();
}

} // namespace md
