#include "FakeMistral.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <unordered_set>
#include <vector>

// Response bodies are written by hand rather than through QJsonDocument: QJsonObject sorts its keys,
// and the point of this fake is to send what Mistral sends, byte for byte where the shape is known
// (error bodies) and in Mistral's key order elsewhere. It is also much cheaper for 10,000-event streams.

namespace md::test {
namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr qint64 kMaxBodyBytes = 256LL * 1024 * 1024;
constexpr int kMaxEmbeddingInputs = 512;
constexpr qint64 kMaxEmbeddingTokens = 16384;
// Generous so that benchmarks never see "remaining: 0" within one minute.
constexpr qint64 kRequestsPerMinute = 120000;
constexpr qint64 kTokensPerMinute = 50000000;

using Kind = FakeScript::Kind;
using Shape = FakeScript::ErrorShape;

// ---- JSON text -------------------------------------------------------------------------------

QByteArray jsonString(QByteArrayView utf8)
{
    static constexpr char hex[] = "0123456789abcdef";
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray jsonString(const QString &s) { return jsonString(QByteArrayView(s.toUtf8())); }

QByteArray jsonValue(const QJsonValue &v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray randomHex32()
{
    std::array<quint32, 4> words{};
    QRandomGenerator::global()->fillRange(words.data(), qsizetype(words.size()));
    return QByteArray(reinterpret_cast<const char *>(words.data()), 16).toHex();
}

int estimateTokens(qsizetype utf8Bytes) { return int((utf8Bytes + 3) / 4); }

// ---- error bodies ----------------------------------------------------------------------------

int naturalStatus(Shape shape)
{
    switch (shape) {
    case Shape::InvalidRequest:
    case Shape::InvalidModel: return 400;
    case Shape::Validation422:
    case Shape::BareDetail422: return 422;
    case Shape::UnauthorizedMessage:
    case Shape::UnauthorizedDetail: return 401;
    case Shape::NotFound: return 404;
    case Shape::RateLimitMessage:
    case Shape::RateLimitObject: return 429;
    case Shape::InternalError: return 500;
    case Shape::ServiceUnavailable: return 503;
    }
    return 500;
}

QByteArray invalidRequestBody(const QString &message)
{
    return "{\"object\":\"error\",\"message\":" + jsonString(message)
        + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}";
}

QByteArray invalidModelBody(const QString &model)
{
    return "{\"object\":\"error\",\"message\":" + jsonString(QStringLiteral("Invalid model: ") + model)
        + ",\"type\":\"invalid_model\",\"param\":null,\"code\":\"1500\",\"raw_status_code\":400}";
}

struct Violation {
    QByteArray type;
    QJsonArray loc;
    QString msg;
    QJsonValue input;
};

QByteArray validationBody(const QList<Violation> &violations)
{
    QByteArray detail;
    for (const Violation &v : violations) {
        if (!detail.isEmpty())
            detail += ',';
        detail += "{\"type\":" + jsonString(QByteArrayView(v.type)) + ",\"loc\":" + jsonValue(v.loc)
            + ",\"msg\":" + jsonString(v.msg) + ",\"input\":" + jsonValue(v.input) + '}';
    }
    return "{\"object\":\"error\",\"message\":{\"detail\":[" + detail
        + "]},\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}";
}

Violation extraField(const QString &field, const QJsonValue &input)
{
    return {"extra_forbidden", QJsonArray{QStringLiteral("body"), field},
            QStringLiteral("Extra inputs are not permitted"), input};
}

QByteArray scriptedErrorBody(Shape shape, const QString &message, const QByteArray &requestId)
{
    switch (shape) {
    case Shape::InvalidRequest:
        return invalidRequestBody(message.isEmpty() ? QStringLiteral("Invalid request") : message);
    case Shape::InvalidModel:
        return invalidModelBody(message.isEmpty() ? QStringLiteral("unknown-model") : message);
    case Shape::Validation422:
        return validationBody({extraField(QStringLiteral("safe_mode"), true)});
    case Shape::BareDetail422:
        return QByteArrayLiteral(
            "{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}");
    case Shape::UnauthorizedMessage:
        return "{\"message\":\"Unauthorized\",\"request_id\":\"" + requestId + "\"}";
    case Shape::UnauthorizedDetail: return QByteArrayLiteral("{\"detail\":\"Unauthorized\"}");
    case Shape::NotFound: return QByteArrayLiteral("{\"detail\":\"Not Found\"}");
    case Shape::RateLimitMessage: return QByteArrayLiteral("{\"message\":\"Requests rate limit exceeded\"}");
    case Shape::RateLimitObject:
        return QByteArrayLiteral("{\"object\":\"error\",\"message\":\"Rate limit exceeded\",\"type\":\"rate_limited\","
                                 "\"param\":null,\"code\":\"1300\"}");
    case Shape::InternalError: return QByteArrayLiteral("{\"detail\":\"Internal Server Error\"}");
    case Shape::ServiceUnavailable: return QByteArrayLiteral("{\"detail\":\"Service Unavailable\"}");
    }
    return {};
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

// ---- model cards -----------------------------------------------------------------------------

struct Caps {
    bool chat = true, tools = true, reasoning = false, fim = false, fineTuning = false, vision = false;
    bool ocr = false, classification = false, moderation = false, audio = false;
};

QJsonObject card(const char *id, qint64 created, const char *description, int context, QStringList aliases,
                 const Caps &caps, QJsonValue temperature, QJsonValue deprecation = QJsonValue::Null,
                 QJsonValue replacement = QJsonValue::Null)
{
    const QString name = QString::fromLatin1(id);
    return QJsonObject{
        {QStringLiteral("id"), name},
        {QStringLiteral("object"), QStringLiteral("model")},
        {QStringLiteral("created"), created},
        {QStringLiteral("owned_by"), QStringLiteral("mistralai")},
        {QStringLiteral("capabilities"),
         QJsonObject{{QStringLiteral("completion_chat"), caps.chat},
                     {QStringLiteral("function_calling"), caps.tools},
                     {QStringLiteral("reasoning"), caps.reasoning},
                     {QStringLiteral("completion_fim"), caps.fim},
                     {QStringLiteral("fine_tuning"), caps.fineTuning},
                     {QStringLiteral("vision"), caps.vision},
                     {QStringLiteral("ocr"), caps.ocr},
                     {QStringLiteral("classification"), caps.classification},
                     {QStringLiteral("moderation"), caps.moderation},
                     {QStringLiteral("audio"), caps.audio}}},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), QString::fromUtf8(description)},
        {QStringLiteral("max_context_length"), context},
        {QStringLiteral("aliases"), QJsonArray::fromStringList(aliases)},
        {QStringLiteral("deprecation"), deprecation},
        {QStringLiteral("deprecation_replacement_model"), replacement},
        {QStringLiteral("default_model_temperature"), temperature},
        {QStringLiteral("type"), QStringLiteral("base")},
    };
}

QJsonArray buildModelCards()
{
    const auto L = [](const char *s) { return QString::fromLatin1(s); };
    Caps big;
    big.vision = true;
    Caps smallCaps = big;
    smallCaps.fineTuning = true;
    Caps plain;
    Caps code;
    code.fim = true;
    code.fineTuning = true;
    Caps reasoning;
    reasoning.reasoning = true;
    Caps vision;
    vision.vision = true;
    Caps embed;
    embed.chat = false;
    embed.tools = false;
    Caps moderation = embed;
    moderation.moderation = true;
    moderation.classification = true;
    return QJsonArray{
        card("mistral-large-2512", 1764979200, "Official mistral-large-2512 Mistral AI model", 262144,
             {L("mistral-large-latest")}, big, 0.7),
        card("mistral-medium-3-5", 1767225600, "Official mistral-medium-3-5 Mistral AI model", 262144,
             {L("mistral-medium-latest")}, big, 0.3),
        card("mistral-small-2603", 1772323200, "Official mistral-small-2603 Mistral AI model", 262144,
             {L("mistral-small-latest")}, smallCaps, 0.3),
        card("ministral-3b-latest", 1764979200, "Official ministral-3b Mistral AI model", 262144,
             {L("ministral-3b-2512")}, plain, 0.3),
        card("ministral-8b-latest", 1764979200, "Official ministral-8b Mistral AI model", 262144,
             {L("ministral-8b-2512")}, plain, 0.3),
        card("ministral-14b-latest", 1764979200, "Official ministral-14b Mistral AI model", 262144,
             {L("ministral-14b-2512")}, plain, 0.3),
        card("codestral-2508", 1754006400, "Official codestral-2508 Mistral AI model", 131072,
             {L("codestral-latest")}, code, 0.3),
        card("devstral-latest", 1764979200, "Official devstral Mistral AI model", 262144,
             {L("devstral-2512")}, plain, 0.2),
        card("magistral-medium-latest", 1758240000, "Official magistral-medium Mistral AI model", 131072,
             {L("magistral-medium-2509")}, reasoning, 0.7),
        card("magistral-small-latest", 1758240000, "Official magistral-small Mistral AI model", 131072,
             {L("magistral-small-2509")}, reasoning, 0.7),
        card("pixtral-large-latest", 1731542400, "Official pixtral-large Mistral AI model", 131072,
             {L("pixtral-large-2411")}, vision, 0.7),
        card("open-mistral-nemo", 1721174400, "Official open-mistral-nemo Mistral AI model", 131072,
             {L("open-mistral-nemo-2407")}, plain, 0.3, L("2026-03-31T12:00:00Z"), L("ministral-8b-latest")),
        card("mistral-embed", 1702252800, "Official mistral-embed Mistral AI model", 8192, {}, embed,
             QJsonValue::Null),
        card("codestral-embed", 1748476800, "Official codestral-embed Mistral AI model", 8192,
             {L("codestral-embed-2505")}, embed, QJsonValue::Null),
        card("mistral-moderation-latest", 1731024000, "Official mistral-moderation Mistral AI model", 8192,
             {L("mistral-moderation-2411")}, moderation, QJsonValue::Null),
    };
}

const QJsonArray &cachedModelCards()
{
    static const QJsonArray cards = buildModelCards();
    return cards;
}

std::optional<QJsonObject> findModel(const QString &idOrAlias)
{
    for (const QJsonValue &v : cachedModelCards()) {
        const QJsonObject c = v.toObject();
        if (c.value(QLatin1String("id")).toString() == idOrAlias)
            return c;
        for (const QJsonValue &a : c.value(QLatin1String("aliases")).toArray())
            if (a.toString() == idOrAlias)
                return c;
    }
    return std::nullopt;
}

// ---- content generation ----------------------------------------------------------------------

struct Piece {
    bool thinking = false;
    QString text;
};

// Splits text into `count` pieces of about the same number of code points, never inside a surrogate pair.
QStringList splitText(const QString &text, int count)
{
    QList<qsizetype> starts;
    for (qsizetype i = 0; i < text.size();) {
        starts.append(i);
        i += (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) ? 2 : 1;
    }
    QStringList out;
    const qsizetype points = starts.size();
    if (points == 0)
        return out;
    const qsizetype n = std::clamp<qsizetype>(count, 1, points);
    for (qsizetype k = 0; k < n; ++k) {
        const qsizetype from = starts.at(k * points / n);
        const qsizetype to = k + 1 == n ? text.size() : starts.at((k + 1) * points / n);
        out.append(text.mid(from, to - from));
    }
    return out;
}

// "word0 word1 word2 café3 word4 word5 🙂6 word7 ...": non-ASCII on purpose (2- and 4-byte UTF-8).
QString generatedToken(int i)
{
    const QString stem = i % 8 == 3 ? QStringLiteral("caf\u00e9")
        : i % 8 == 6                ? QString::fromUtf8("\xF0\x9F\x99\x82")
                                    : QStringLiteral("word");
    return (i == 0 ? QString() : QStringLiteral(" ")) + stem + QString::number(i);
}

// Text of a message for the prompt-token estimate: string content, text/thinking chunks, tool calls.
void collectText(const QJsonValue &v, QByteArray &out)
{
    if (v.isString()) {
        out += v.toString().toUtf8();
    } else if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            collectText(e, out);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        collectText(o.value(QLatin1String("text")), out);
        collectText(o.value(QLatin1String("thinking")), out);
    }
}

int promptTokensFor(const QJsonObject &body, bool fim)
{
    if (fim) {
        return 4 + estimateTokens(body.value(QLatin1String("prompt")).toString().toUtf8().size())
            + estimateTokens(body.value(QLatin1String("suffix")).toString().toUtf8().size());
    }
    int total = 0;
    for (const QJsonValue &mv : body.value(QLatin1String("messages")).toArray()) {
        const QJsonObject m = mv.toObject();
        QByteArray text;
        collectText(m.value(QLatin1String("content")), text);
        for (const QJsonValue &tc : m.value(QLatin1String("tool_calls")).toArray()) {
            const QJsonObject f = tc.toObject().value(QLatin1String("function")).toObject();
            text += f.value(QLatin1String("name")).toString().toUtf8();
            const QJsonValue args = f.value(QLatin1String("arguments"));
            text += args.isString() ? args.toString().toUtf8() : jsonValue(args);
        }
        total += 4 + estimateTokens(text.size());
    }
    const QJsonValue tools = body.value(QLatin1String("tools"));
    if (tools.isArray() && !tools.toArray().isEmpty())
        total += estimateTokens(jsonValue(tools).size());
    return total;
}

QByteArray usageJson(int prompt, int completion)
{
    return "{\"prompt_tokens\":" + QByteArray::number(prompt) + ",\"completion_tokens\":"
        + QByteArray::number(completion) + ",\"total_tokens\":" + QByteArray::number(prompt + completion) + '}';
}

QByteArray chunkEncode(const QByteArray &payload)
{
    return QByteArray::number(payload.size(), 16) + "\r\n" + payload + "\r\n";
}

QByteArray sseFrame(const QByteArray &json) { return chunkEncode("data: " + json + "\n\n"); }

QByteArray toolCallJson(const FakeScript::ToolCallSpec &t, int index)
{
    return "{\"id\":" + jsonString(t.id) + ",\"type\":\"function\",\"function\":{\"name\":" + jsonString(t.name)
        + ",\"arguments\":" + jsonString(t.arguments) + "},\"index\":" + QByteArray::number(index) + '}';
}

QList<FakeScript::ToolCallSpec> toolCallsOf(const FakeScript &s)
{
    if (!s.toolCalls.isEmpty())
        return s.toolCalls;
    return {{QStringLiteral("abcDEF123"), QStringLiteral("get_weather"), QStringLiteral("{\"city\": \"Paris\"}")}};
}

bool isValidToolCallId(const QString &id)
{
    if (id.size() != 9)
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    });
}

bool isBlankContent(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())
        || (v.isArray() && v.toArray().isEmpty());
}

// quint64 FNV-1a: stable across processes (qHash is seeded per process).
quint64 fnv1a(const QByteArray &data)
{
    quint64 h = 1469598103934665603ULL;
    for (const char c : data) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

void appendEmbedding(QByteArray &out, const QString &text, int dimension)
{
    const quint64 h = fnv1a(text.toUtf8());
    const std::array<quint32, 2> seed{quint32(h), quint32(h >> 32)};
    QRandomGenerator rng(seed.data(), qsizetype(seed.size()));
    std::vector<double> v(size_t(dimension));
    double norm = 0;
    for (double &x : v) {
        x = rng.generateDouble() * 2.0 - 1.0;
        norm += x * x;
    }
    norm = std::sqrt(norm);
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += ',';
        out += QByteArray::number(norm > 0 ? v[i] / norm : 0.0, 'g', 9);
    }
    out += ']';
}

bool fieldAllowed(const QString &key, std::initializer_list<const char *> allowed)
{
    return std::any_of(allowed.begin(), allowed.end(), [&](const char *a) { return key == QLatin1String(a); });
}

struct Rejection {
    int status = 400;
    QByteArray body;
};

} // namespace

// ---- one client connection -------------------------------------------------------------------

namespace {

// A QObject only to be the context of its socket's and timers' connections, so that nothing fires
// into a connection that is gone.
class Connection : public QObject {
public:
    using QObject::QObject;

    struct Frame {
        QByteArray bytes;
        int slot = 0; // the frame is due at slot * intervalMs after the headers
    };

    QTcpSocket *socket = nullptr;
    QByteArray buffer;
    bool busy = false;             // a request is being answered (or hangs)
    bool closed = false;           // the socket is gone; the object waits for deleteLater
    bool closeAfterResponse = false;
    bool sentContinue = false;

    QList<Frame> frames;
    qsizetype nextFrame = 0;
    double intervalMs = 0;
    bool dropAtEnd = false;
    QElapsedTimer clock;
    QTimer *pace = nullptr;
};

enum class Parse { Incomplete, Complete, Bad };

struct ParsedRequest {
    FakeRequest request;
    bool close = false;
    bool expectContinue = false;
    int badStatus = 400;
};

// Scans a chunked body starting at `pos`. With body == nullptr it only checks completeness, so that
// a large body arriving in many reads is copied once, not once per read.
Parse parseChunkedBody(const QByteArray &buf, qsizetype pos, QByteArray *body, qsizetype &end)
{
    qint64 total = 0;
    for (;;) {
        const qsizetype lineEnd = buf.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return Parse::Incomplete;
        QByteArray sizeLine = buf.mid(pos, lineEnd - pos);
        if (const qsizetype semi = sizeLine.indexOf(';'); semi >= 0)
            sizeLine.truncate(semi);
        bool ok = false;
        const qint64 size = sizeLine.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0 || total + size > kMaxBodyBytes)
            return Parse::Bad;
        pos = lineEnd + 2;
        if (size == 0) {
            for (;;) { // trailers, up to the empty line
                const qsizetype le = buf.indexOf("\r\n", pos);
                if (le < 0)
                    return Parse::Incomplete;
                const bool emptyLine = le == pos;
                pos = le + 2;
                if (emptyLine) {
                    end = pos;
                    return Parse::Complete;
                }
            }
        }
        if (buf.size() < pos + size + 2)
            return Parse::Incomplete;
        if (buf.mid(pos + size, 2) != "\r\n")
            return Parse::Bad;
        if (body)
            body->append(buf.constData() + pos, size);
        total += size;
        pos += size + 2;
    }
}

Parse parseRequest(const QByteArray &buf, ParsedRequest &out, qsizetype &consumed)
{
    const qsizetype headEnd = buf.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (buf.size() > kMaxHeaderBytes) {
            out.badStatus = 431;
            return Parse::Bad;
        }
        return Parse::Incomplete;
    }
    const QList<QByteArray> lines = buf.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return Parse::Bad;
    FakeRequest &r = out.request;
    r.method = requestLine.at(0);
    r.path = requestLine.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return Parse::Bad;
        r.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    const QByteArray connection = r.header("connection").toLower();
    out.close = connection.contains("close") || (requestLine.at(2) == "HTTP/1.0" && !connection.contains("keep-alive"));
    out.expectContinue = r.header("expect").toLower() == "100-continue";

    const qsizetype bodyStart = headEnd + 4;
    if (r.header("transfer-encoding").toLower().contains("chunked")) {
        qsizetype end = 0;
        const Parse scan = parseChunkedBody(buf, bodyStart, nullptr, end);
        if (scan != Parse::Complete)
            return scan;
        parseChunkedBody(buf, bodyStart, &r.body, end);
        consumed = end;
        return Parse::Complete;
    }
    qint64 length = 0;
    if (const QByteArray cl = r.header("content-length"); !cl.isEmpty()) {
        bool ok = false;
        length = cl.toLongLong(&ok);
        if (!ok || length < 0)
            return Parse::Bad;
        if (length > kMaxBodyBytes) {
            out.badStatus = 413;
            return Parse::Bad;
        }
    }
    if (buf.size() - bodyStart < length)
        return Parse::Incomplete;
    r.body = buf.mid(bodyStart, length);
    consumed = bodyStart + length;
    return Parse::Complete;
}

} // namespace

