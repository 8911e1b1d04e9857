#include "api/ChatStream.h"

#include "Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace md {

namespace {
const QLatin1String kChoices("choices");
const QLatin1String kDelta("delta");
const QLatin1String kContent("content");
const QLatin1String kToolCalls("tool_calls");
const QLatin1String kFinishReason("finish_reason");
const QLatin1String kUsage("usage");
const QLatin1String kType("type");
const QLatin1String kText("text");
const QLatin1String kThinking("thinking");
const QLatin1String kFunction("function");
const QLatin1String kArguments("arguments");
} // namespace

ChatStream::ChatStream(QObject *parent)
    : QObject(parent)
{
    start();
}

void ChatStream::start()
{
    m_clock.start();
}

void ChatStream::feed(QByteArrayView bytes)
{
    if (m_done)
        return;
    m_parser.feed(bytes, m_events);
    m_tokenInThisRead = false;
    for (const SseEvent &event : std::as_const(m_events)) {
        handleEvent(event);
        if (m_done)
            break;
    }
    m_events.clear();
    // One clock read per network read, not per token: tokens of one read arrived together.
    if (m_tokenInThisRead && !m_done)
        m_lastTokenMs = m_clock.elapsed();
}

void ChatStream::endOfStream()
{
    if (m_done)
        return;
    m_parser.finish(m_events);
    for (const SseEvent &event : std::as_const(m_events)) {
        handleEvent(event);
        if (m_done)
            break;
    }
    m_events.clear();
    if (m_done)
        return;
    if (m_sawDone || !m_result.finishReason.isEmpty()) {
        complete();
        return;
    }
    fail(ApiError::protocol(QStringLiteral("the answer ended before it was complete")));
}

void ChatStream::completeWith(const QByteArray &completionJson)
{
    if (m_done)
        return;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(completionJson, &parseError);
    QString error;
    if (!doc.isObject()) {
        fail(ApiError::protocol(QStringLiteral("the answer is not JSON (%1)").arg(parseError.errorString())));
        return;
    }
    const RateLimitInfo rateLimit = m_result.rateLimit;
    if (!ChatResult::fromCompletionJson(doc.object(), &m_result, &error)) {
        fail(ApiError::protocol(error));
        return;
    }
    m_result.rateLimit = rateLimit;
    m_firstTokenMs = m_lastTokenMs = m_clock.elapsed();
    m_deltaCount = m_result.usage.completionTokens;
    emit contentStarted();
    if (!m_result.thinking.isEmpty())
        emit thinkingDelta(m_result.thinking);
    if (!m_result.content.isEmpty())
        emit textDelta(m_result.content);
    for (const ToolCall &call : std::as_const(m_result.toolCalls))
        emit toolCallReceived(call);
    if (m_result.hasUsage)
        emit usageReceived(m_result.usage);
    emit finishReasonReceived(m_result.finishReason);
    complete();
}

void ChatStream::fail(const ApiError &error)
{
    if (m_done)
        return;
    m_done = true;
    stampTimes();
    emit failed(error);
}

void ChatStream::restart()
{
    if (m_done)
        return;
    const RateLimitInfo rateLimit = m_result.rateLimit;
    m_parser.reset();
    m_result = {};
    m_result.rateLimit = rateLimit;
    m_pendingCalls.clear();
    m_contentParts.clear();
    m_firstTokenMs = m_lastTokenMs = -1;
    m_deltaCount = 0;
    m_sawDone = false;
}

void ChatStream::cancel()
{
    if (m_done)
        return;
    emit cancelRequested();
    fail(ApiError::cancelled()); // no-op when the client already reported the cancellation
}

double ChatStream::tokensPerSecond() const
{
    return m_result.tokensPerSecond;
}

void ChatStream::handleEvent(const SseEvent &event)
{
    if (event.data == "[DONE]") {
        m_sawDone = true;
        complete();
        return;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(event.data, &parseError);
    if (!doc.isObject()) {
        // One unreadable event should not throw away the whole answer; it is counted and reported.
        ++m_skippedEvents;
        const QString why = QStringLiteral("an unreadable event was skipped (%1)").arg(parseError.errorString());
        qCWarning(lcApi).noquote() << why;
        emit eventSkipped(why);
        return;
    }
    handleChunk(doc.object(), event.data);
}

void ChatStream::handleChunk(const QJsonObject &chunk, const QByteArray &raw)
{
    const QJsonValue choicesValue = chunk.value(kChoices);
    if (!choicesValue.isArray()) {
        // Some servers report a failure inside the stream instead of with a status code.
        if (chunk.contains(QLatin1String("error")) || chunk.contains(QLatin1String("detail"))
            || chunk.value(QLatin1String("object")).toString() == QLatin1String("error")) {
            const int status = chunk.value(QLatin1String("raw_status_code")).toInt(500);
            fail(ApiError::fromHttp(status, raw, m_result.rateLimit));
            return;
        }
    }
    if (m_result.id.isEmpty()) {
        m_result.id = chunk.value(QLatin1String("id")).toString();
        m_result.model = chunk.value(QLatin1String("model")).toString();
        m_result.created = chunk.value(QLatin1String("created")).toInteger();
    }
    const QJsonArray choices = choicesValue.toArray();
    bool usageMayFollow = choices.isEmpty() || chunk.size() > 5;
    if (!choices.isEmpty()) {
        const QJsonObject choice = choices.first().toObject();
        const QJsonObject delta = choice.value(kDelta).toObject();
        const QJsonValue content = delta.value(kContent);
        if (!content.isNull() && !content.isUndefined())
            handleContent(content);
        // Most deltas hold only text: skip the tool-call lookup for them.
        if (delta.size() > 1 || content.isUndefined())
            handleToolCallDeltas(delta.value(kToolCalls).toArray());
        const QJsonValue finish = choice.value(kFinishReason);
        if (finish.isString() && !finish.toString().isEmpty()) {
            usageMayFollow = true;
            m_result.finishReason = finish.toString();
            flushToolCalls();
            emit finishReasonReceived(m_result.finishReason);
        }
    }
    // Usage comes with the finish reason (Mistral), on a chunk without choices (OpenAI's
    // include_usage), or on a chunk with extra keys (servers that report it on every chunk). Plain
    // text chunks have none of these, and skipping the lookup for them is measurably faster.
    if (!usageMayFollow)
        return;
    const QJsonValue usage = chunk.value(kUsage);
    if (usage.isObject()) {
        m_result.usage = Usage::fromJson(usage.toObject());
        m_result.hasUsage = true;
        emit usageReceived(m_result.usage);
    }
}

void ChatStream::handleToolCallDeltas(const QJsonArray &calls)
{
    // Mistral sends each call whole; OpenAI-style servers send the arguments in fragments that
    // share an index. Both are joined here and announced once the choice finishes.
    for (const QJsonValue &value : calls) {
        const QJsonObject o = value.toObject();
        const int index = o.value(QLatin1String("index")).toInt(int(m_pendingCalls.size()));
        ToolCall &call = m_pendingCalls[index];
        call.index = index;
        const QString id = o.value(QLatin1String("id")).toString();
        if (!id.isEmpty())
            call.id = id;
        const QJsonObject function = o.value(kFunction).toObject();
        const QString name = function.value(QLatin1String("name")).toString();
        if (!name.isEmpty())
            call.name = name;
        const QJsonValue args = function.value(kArguments);
        call.arguments += args.isObject() ? QString::fromUtf8(QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact))
                                          : args.toString();
    }
    if (!calls.isEmpty())
        noteToken();
}

void ChatStream::handleContent(const QJsonValue &content)
{
    if (content.isString()) {
        const QString text = content.toString();
        if (text.isEmpty())
            return; // the opening {"role":"assistant","content":""}
        noteToken();
        m_contentParts.append(text);
        emit textDelta(text);
        return;
    }
    // Reasoning models send typed chunks: [{"type":"thinking","thinking":[{"type":"text","text":..}]}, ...]
    for (const QJsonValue &part : content.toArray()) {
        const QJsonObject o = part.toObject();
        const QString type = o.value(kType).toString();
        if (type == kText) {
            const QString text = o.value(kText).toString();
            if (text.isEmpty())
                continue;
            noteToken();
            m_contentParts.append(text);
            emit textDelta(text);
        } else if (type == kThinking) {
            QString text;
            const QJsonValue thinking = o.value(kThinking);
            if (thinking.isString())
                text = thinking.toString();
            for (const QJsonValue &piece : thinking.toArray())
                text += piece.toObject().value(kText).toString();
            if (text.isEmpty())
                continue;
            noteToken();
            m_result.thinking += text;
            emit thinkingDelta(text);
        }
    }
}

void ChatStream::noteToken()
{
    ++m_deltaCount;
    m_tokenInThisRead = true;
    if (m_firstTokenMs < 0) {
        m_firstTokenMs = m_clock.elapsed();
        emit contentStarted();
    }
}

void ChatStream::flushToolCalls()
{
    for (const ToolCall &call : std::as_const(m_pendingCalls)) {
        m_result.toolCalls.append(call);
        emit toolCallReceived(call);
    }
    m_pendingCalls.clear();
}

const ChatResult &ChatStream::result() const
{
    // Deltas are kept as the pieces they arrived in and joined on demand: one copy in all, instead
    // of regrowing one long string on every token.
    if (!m_contentParts.isEmpty()) {
        m_result.content += m_contentParts.join(QString());
        m_contentParts.clear();
    }
    return m_result;
}

void ChatStream::stampTimes()
{
    result();
    if (m_tokenInThisRead)
        m_lastTokenMs = m_clock.elapsed();
    m_result.durationMs = m_clock.elapsed();
    m_result.timeToFirstTokenMs = m_firstTokenMs;
    const qint64 tokens = m_result.hasUsage ? m_result.usage.completionTokens : m_deltaCount;
    // Generation speed counts from the first token; a non-streamed answer has only its total time.
    const qint64 span = (m_lastTokenMs > m_firstTokenMs && m_deltaCount > 1) ? m_lastTokenMs - m_firstTokenMs
                                                                             : m_result.durationMs;
    m_result.tokensPerSecond = span > 0 ? double(tokens) * 1000.0 / double(span) : 0.0;
}

void ChatStream::complete()
{
    if (m_done)
        return;
    flushToolCalls();
    m_done = true;
    stampTimes();
    emit finished(result());
}

} // namespace md
