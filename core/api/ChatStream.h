#pragma once

#include "api/ApiError.h"
#include "api/ChatResult.h"
#include "api/SseParser.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QMap>
#include <QObject>

namespace md {

// One chat (or FIM) call as the caller sees it: text and thinking deltas as they arrive, tool
// calls, usage and finish reason, then `finished` with the whole ChatResult, or `failed`.
// It decodes Mistral's stream (usage on the last content chunk, tool calls whole in one chunk)
// and OpenAI-style streams (tool call arguments in fragments) alike. A non-streamed answer ends
// in the same `finished(ChatResult)`.
//
// The byte-level entry points (feed, endOfStream, completeWith, fail) are driven by MistralClient,
// and directly by tests and benchmarks.
class ChatStream : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype kMaxEventBytes = 16 * 1024 * 1024;

    explicit ChatStream(QObject *parent = nullptr);

    // Starts the clocks: call when the request is sent.
    void start();
    void feed(QByteArrayView bytes);
    void endOfStream();
    void completeWith(const QByteArray &completionJson);
    void fail(const ApiError &error);
    // A retry is about to start: forget what the failed attempt delivered.
    void restart();
    // Asks for the call to stop; `failed(Cancelled)` follows, with the partial result kept.
    void cancel();
    void setRateLimit(const RateLimitInfo &info) { m_result.rateLimit = info; }

    bool isFinished() const { return m_done; }
    bool hasDeliveredContent() const { return m_firstTokenMs >= 0; }
    const ChatResult &result() const;
    int skippedEvents() const { return m_skippedEvents; }
    qint64 timeToFirstTokenMs() const { return m_firstTokenMs; }
    double tokensPerSecond() const;

signals:
    void contentStarted();
    void textDelta(const QString &text);
    void thinkingDelta(const QString &text);
    void toolCallReceived(const md::ToolCall &call);
    void usageReceived(const md::Usage &usage);
    void finishReasonReceived(const QString &reason);
    void eventSkipped(const QString &why); // a malformed event was ignored
    void retrying(int attempt, int delayMs, const md::ApiError &error);
    void cancelRequested();
    void finished(const md::ChatResult &result);
    void failed(const md::ApiError &error);

private:
    // An event of the read being handled, parsed ahead of its handling (see handleEvents()).
    struct ParsedEvent {
        QJsonDocument doc; // null for [DONE]
        QJsonParseError error {};
        QString text; // the token, for a plain text chunk
        bool isPlainText = false;
    };

    void handleEvents();
    void handleEvent(const SseEvent &event, const ParsedEvent &parsed);
    void handleChunk(const QJsonObject &chunk, const QByteArray &raw);
    void handleToolCallDeltas(const QJsonArray &calls);
    void handleContent(const QJsonValue &content);
    void appendText(const QString &text);
    void noteToken();
    void flushToolCalls();
    void complete();
    void stampTimes();

    SseParser m_parser;
    QList<SseEvent> m_events;    // reused between reads
    QList<ParsedEvent> m_parsed; // reused between reads
    ChatResult m_result;
    QMap<int, ToolCall> m_pendingCalls;
    QElapsedTimer m_clock;
    qint64 m_firstTokenMs = -1;
    qint64 m_lastTokenMs = -1;
    qint64 m_deltaCount = 0;
    int m_skippedEvents = 0;
    bool m_sawDone = false;
    bool m_tokenInThisRead = false;
    bool m_done = false;
};

} // namespace md
