#pragma once

#include "api/ApiError.h"
#include "api/SseParser.h"
#include "net/SocketWriter.h"
#include "proxy/EventStreamScanner.h"
#include "proxy/ProxyLogEntry.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <optional>

class QTcpSocket;

namespace md {

class ApiCall;
class MistralClient;
class OpenAiTranslator;

// One client request forwarded upstream and its answer sent back: the JSON answer whole, or the
// event stream event by event. Ends the client's stream with an error event when the upstream
// fails midway, and cancels the upstream call when the client goes away. Deletes itself when done.
class ProxyExchange : public QObject {
    Q_OBJECT
public:
    struct Forward {
        QByteArray method;
        QString path; // /v1/...
        QByteArray body;
        bool stream = false;
        bool restoreToolCallIds = false; // chat answers: map Mistral tool-call ids back to the client's
        bool usageChunk = false;         // OpenAI's stream_options.include_usage: a last chunk with only usage
        bool logBodies = false;          // keep the answer in the log entry
        bool streamEndsWithDone = false; // chat and FIM streams: an end without "data: [DONE]" is a cut answer
    };

    // The answer is written to `socket` directly (SocketWriter), not through QHttpServerResponder.
    ProxyExchange(QTcpSocket *socket, ProxyLogEntry entry, QByteArray corsOrigin, const OpenAiTranslator &translator,
                  QObject *parent = nullptr);
    ~ProxyExchange() override;

    void start(MistralClient *upstream, const Forward &forward);
    // Answers without going upstream (a request refused after parsing, e.g. a bad body).
    void respondWithError(const ApiError &error);

signals:
    void finished(const md::ProxyLogEntry &entry);

private:
    void onResponseStarted(int status);
    void onData(const QByteArray &bytes);
    void onUpstreamFinished(const QByteArray &body);
    void onUpstreamFailed(const ApiError &error);
    void onClientGone();
    static QByteArray errorBody(const ApiError &error);
    void forwardRuns(QByteArrayView bytes);
    void forwardEvents();
    void sendOutgoing();
    void deliver(QByteArrayView first, QByteArrayView second);
    void noteUsage(const QByteArray &json);
    void sendStreamHead();
    void writeUpstreamHeaders(QByteArray &head, const RateLimitInfo &rateLimit, const QString &requestId) const;
    QByteArray usageOnlyChunk() const;
    void sendWhole(int status, const QByteArray &contentType, const QByteArray &body,
                   const RateLimitInfo &rateLimit = {}, const QString &requestId = {});
    bool clientConnected() const;
    void finish(int status, const QString &error = {});

    SocketWriter m_writer;
    const OpenAiTranslator &m_translator;
    QPointer<ApiCall> m_call;
    ProxyLogEntry m_entry;
    QByteArray m_corsOrigin;
    QElapsedTimer m_clock;
    EventStreamScanner m_scanner;
    EventStreamScanner::Runs m_runs;
    SseParser m_parser; // special runs, and every read once a CR was seen (m_parseAll)
    QList<SseEvent> m_events;
    QByteArray m_outgoing; // re-framed events of the current read
    bool m_parseAll = false;
    bool m_restoreIds = false;
    bool m_usageChunk = false;
    bool m_logBodies = false;
    QJsonObject m_lastUsageChunk; // the chunk that carried usage, for the usage-only chunk
    bool m_expectDone = false;
    bool m_sawDone = false;
    bool m_streaming = false;
    bool m_headSent = false;
    bool m_done = false;
};

} // namespace md
