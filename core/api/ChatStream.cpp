#include "api/ChatStream.h"

#include "Logging.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
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

// The same keys as CBOR strings, for plainTextOf(). QCborMap::constFind() with a QCborValue key
// compares lengths, then bytes; with a QLatin1String key it decodes each stored key character by
// character (and QJsonObject::value(), a binary search of the same kind, costs more still).
const QCborValue kChoicesKey(kChoices);
const QCborValue kDeltaKey(kDelta);
const QCborValue kContentKey(kContent);

// Nearly every chunk of an answer is one text token and nothing else:
//   {"id":..,"object":..,"created":..,"model":..,"choices":[{"index":0,"delta":{"content":".."},"finish_reason":null}]}
// This recognises exactly that shape and returns its text; for any other chunk, or anything
// unexpected, it returns false and handleChunk() reads the chunk in full. For a chunk accepted
// here (once the id is known), handleChunk() would only append the text: no error branch (choices
// is an array), one content string, no tool calls (the delta has one key), no finish reason (it
// would be a string), no usage (five keys at most, choices not empty).
// It reads the CBOR view of the parsed JSON (QCborMap::fromJsonObject shares the data, no copy):
// QJsonObject::value() lookups cost several times more, and were the largest cost of a stream
// after the parse itself. `top` is the chunk.
bool plainTextOf(const QCborMap &top, QString *text)
{
    if (top.size() > 5)
        return false; // extra keys: usage may be among them
    // Each QCborValue or QCborMap held below costs an atomic reference count up and down, a type
    // check none: a value is held only to go down into it.
    const QCborMap::ConstIterator choicesIt = top.constFind(kChoicesKey);
    if (choicesIt == top.constEnd())
        return false;
    const QCborValue choices = choicesIt.value();
    if (!choices.isArray())
        return false;
    const QCborValue first = choices[0]; // undefined if there is none
    if (!first.isMap())
        return false;
    const QCborMap choice = first.toMap();
    const QCborMap::ConstIterator choiceEnd = choice.constEnd();
    // A finish reason worth reading is a non-empty string: a choice without any string value has
    // none. (Checking the types is cheaper than finding the key.)
    for (QCborMap::ConstIterator it = choice.constBegin(); it != choiceEnd; ++it) {
        if (it.value().isString())
            return false;
    }
    const QCborMap::ConstIterator deltaIt = choice.constFind(kDeltaKey);
    if (deltaIt == choiceEnd)
        return false;
    const QCborValue deltaValue = deltaIt.value();
    if (!deltaValue.isMap())
        return false;
    const QCborMap delta = deltaValue.toMap();
    if (delta.size() != 1)
        return false; // also tool calls, role, ...
    const QCborMap::ConstIterator contentIt = delta.constFind(kContentKey);
    if (contentIt == delta.constEnd())
        return false;
    const QCborValue content = contentIt.value();
    if (!content.isString())
        return false; // typed chunks (an array), or null
    *text = content.toString();
    return true;
}
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
    handleEvents();
    // One clock read per network read, not per token: tokens of one read arrived together.
    if (m_tokenInThisRead && !m_done)
        m_lastTokenMs = m_clock.elapsed();
    // A server that never ends a line would otherwise grow the buffer until memory runs out.
    if (!m_done && (m_parser.pendingBytes() > kMaxEventBytes || m_parser.pendingEventBytes() > kMaxEventBytes))
        fail(ApiError::protocol(QStringLiteral("an event of the stream is larger than %1 MB").arg(kMaxEventBytes >> 20)));
}

void ChatStream::endOfStream()
{
    if (m_done)
        return;
    m_parser.finish(m_events);
    handleEvents();
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
    QJsonParseError parseError {};
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

// The events of one read are handled in passes over a batch: all parsed, then the plain text ones
// read (the common case, see plainTextOf()), then all handled, rather than each event parsed, read
// and handled in turn. The JSON parser's code, the reading code and the handling code (signals)
// then each stay in the CPU's instruction cache, which makes the whole measurably faster. What can
// be observed is the same: events are handled one by one, in order, and none after the one that
// ends the call; parsing and reading have no effect of their own. Batches bound the memory used.
void ChatStream::handleEvents()
{
    constexpr qsizetype kBatch = 32;
    for (qsizetype first = 0; first < m_events.size() && !m_done; first += kBatch) {
        const qsizetype count = qMin(kBatch, m_events.size() - first);
        m_parsed.resize(count);
        for (qsizetype i = 0; i < count; ++i) {
            const QByteArray &data = m_events.at(first + i).data;
            ParsedEvent &parsed = m_parsed[i];
            if (data != "[DONE]")
                parsed.doc = QJsonDocument::fromJson(data, &parsed.error);
        }
        for (ParsedEvent &parsed : m_parsed) {
            if (parsed.doc.isObject())
                parsed.isPlainText = plainTextOf(QCborMap::fromJsonObject(parsed.doc.object()), &parsed.text);
        }
        for (qsizetype i = 0; i < count && !m_done; ++i) {
            const ParsedEvent &parsed = m_parsed.at(i);
            // The first chunk also carries id, model and created: handleChunk() takes them.
            if (parsed.isPlainText && !m_result.id.isEmpty())
                appendText(parsed.text); // all that handleChunk() would do with this chunk
            else
                handleEvent(m_events.at(first + i), parsed);
        }
        m_parsed.clear();
    }
    m_events.clear();
}

void ChatStream::handleEvent(const SseEvent &event, const ParsedEvent &parsed)
{
    if (event.data == "[DONE]") {
        m_sawDone = true;
        complete();
        return;
    }
    if (!parsed.doc.isObject()) {
        // One unreadable event should not throw away the whole answer; it is counted and reported.
        ++m_skippedEvents;
        const QString why = QStringLiteral("an unreadable event was skipped (%1)").arg(parsed.error.errorString());
        qCWarning(lcApi).noquote() << why;
        emit eventSkipped(why);
        return;
    }
    handleChunk(parsed.doc.object(), event.data);
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
        call.arguments += args.isObject()
            ? QString::fromUtf8(QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact))
            : args.toString();
    }
    if (!calls.isEmpty())
        noteToken();
}

void ChatStream::handleContent(const QJsonValue &content)
{
    if (content.isString()) {
        appendText(content.toString());
        return;
    }
    // Reasoning models send typed chunks: [{"type":"thinking","thinking":[{"type":"text","text":..}]}, ...]
    for (const QJsonValue &part : content.toArray()) {
        const QJsonObject o = part.toObject();
        const QString type = o.value(kType).toString();
        if (type == kText) {
            appendText(o.value(kText).toString());
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

void ChatStream::appendText(const QString &text)
{
    if (text.isEmpty())
        return; // e.g. the opening {"role":"assistant","content":""}
    noteToken();
    // Appended as it comes: QString grows geometrically, so this is amortised O(1) per token, and
    // it is measurably faster than keeping each piece to join them at the end (one heap block per
    // token, alive to the end, among the JSON parser's short-lived ones).
    m_result.content += text;
    emit textDelta(text);
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
    return m_result;
}

void ChatStream::stampTimes()
{
    if (m_tokenInThisRead)
        m_lastTokenMs = m_clock.elapsed();
    m_result.durationMs = m_clock.elapsed();
    m_result.timeToFirstTokenMs = m_firstTokenMs;
    const qint64 tokens = m_result.hasUsage ? m_result.usage.completionTokens : m_deltaCount;
    // Generation speed counts from the first token; a non-streamed answer has only its total time.
    const qint64 span
        = (m_lastTokenMs > m_firstTokenMs && m_deltaCount > 1) ? m_lastTokenMs - m_firstTokenMs : m_result.durationMs;
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
