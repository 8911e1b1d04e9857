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
#include <climits>
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
    std::vector<double> v(static_cast<size_t>(dimension));
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

// ---- the server ------------------------------------------------------------------------------

struct FakeMistral::Private {
    struct Exchange {
        Connection *c = nullptr;
        FakeRequest request;
        QByteArray route; // path without the query
        QByteArray requestId;
        FakeScript script;
        bool counted = false; // counts against the rate-limit window
    };

    explicit Private(FakeMistral *owner) : q(owner), server(new QTcpServer(owner))
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
    QList<FakeRequest> requests;
    std::unordered_set<Connection *> connections;
    QElapsedTimer rateWindow;
    qint64 windowRequests = 0;
    qint64 windowTokens = 0;

    void shutdown()
    {
        server->close();
        for (Connection *c : connections)
            delete c; // its socket is a child: aborted, and no signal reaches us (c was the context)
        connections.clear();
    }

    // -- connections

    void accept()
    {
        while (QTcpSocket *socket = server->nextPendingConnection()) {
            auto *c = new Connection(q);
            socket->setParent(c);
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // events leave as they are written
            c->socket = socket;
            c->pace = new QTimer(c);
            c->pace->setSingleShot(true);
            c->pace->setTimerType(Qt::PreciseTimer);
            connections.insert(c);
            QObject::connect(c->pace, &QTimer::timeout, c, [this, c] { pump(c); });
            QObject::connect(socket, &QTcpSocket::readyRead, c, [this, c] { read(c); });
            QObject::connect(socket, &QTcpSocket::disconnected, c, [this, c] { drop(c); });
            QObject::connect(socket, &QTcpSocket::errorOccurred, c, [this, c] {
                if (c->socket->state() == QAbstractSocket::UnconnectedState)
                    drop(c);
            });
            if (socket->bytesAvailable() > 0)
                read(c);
        }
    }

    void drop(Connection *c)
    {
        if (c->closed)
            return;
        c->closed = true;
        c->pace->stop();
        c->frames.clear();
        connections.erase(c);
        c->deleteLater();
    }

    void read(Connection *c)
    {
        if (c->closed)
            return;
        c->buffer += c->socket->readAll();
        process(c);
    }

    void process(Connection *c)
    {
        while (!c->busy && !c->closed && !c->buffer.isEmpty()) {
            ParsedRequest parsed;
            qsizetype consumed = 0;
            const Parse result = parseRequest(c->buffer, parsed, consumed);
            if (result == Parse::Incomplete) {
                if (parsed.expectContinue && !c->sentContinue) {
                    c->sentContinue = true;
                    c->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                }
                return;
            }
            c->busy = true;
            c->sentContinue = false;
            if (result == Parse::Bad) {
                c->buffer.clear();
                c->closeAfterResponse = true;
                Exchange ex;
                ex.c = c;
                ex.requestId = randomHex32();
                const QString message = QString::fromLatin1(reasonPhrase(parsed.badStatus));
                respond(ex, parsed.badStatus, "{\"detail\":" + jsonString(message) + '}');
                return;
            }
            c->buffer.remove(0, consumed);
            c->closeAfterResponse = parsed.close;
            handle(c, std::move(parsed.request));
        }
    }

    void finish(Connection *c)
    {
        if (c->closed)
            return;
        if (c->closeAfterResponse) {
            c->socket->disconnectFromHost();
            return;
        }
        c->busy = false;
        if (!c->buffer.isEmpty())
            QTimer::singleShot(0, c, [this, c] { process(c); });
    }

    // -- writing

    QByteArray head(Exchange &ex, int status, const char *contentType, qint64 contentLength,
                    const QByteArray &extra, qint64 tokens)
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
        h += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
        h += QByteArray("Content-Type: ") + contentType + "\r\n";
        if (contentLength >= 0)
            h += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
        else
            h += "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n";
        h += ex.c->closeAfterResponse ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
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
        Connection *c = ex.c;
        if (c->closed)
            return;
        c->socket->write(head(ex, status, "application/json", body.size(), extra, tokens) + body);
        finish(c);
    }

    // A successful non-streamed body, with the script's faults applied.
    void respondOk(Exchange &ex, const QByteArray &body, qint64 tokens)
    {
        Connection *c = ex.c;
        if (c->closed)
            return;
        switch (ex.script.kind) {
        case Kind::DropMidStream:
            c->socket->write(head(ex, 200, "application/json", body.size(), {}, tokens) + body.left(body.size() / 2));
            c->socket->disconnectFromHost();
            return;
        case Kind::MalformedSse:
            respond(ex, 200, body.left(body.size() / 2) + "{not json", {}, tokens);
            return;
        default:
            respond(ex, 200, body, {}, tokens);
        }
    }

    void stream(Exchange &ex, QList<Connection::Frame> frames, qint64 tokens)
    {
        Connection *c = ex.c;
        if (c->closed)
            return;
        const FakeScript &s = ex.script;
        c->dropAtEnd = false;
        if (s.kind == Kind::MalformedSse) {
            const qsizetype at = std::min<qsizetype>(2, frames.size());
            const int slot = at > 0 ? frames.at(at - 1).slot : 0;
            frames.insert(at, Connection::Frame{chunkEncode("data: {not json\n\n"), slot});
        }
        if (s.kind == Kind::DropMidStream) {
            frames.resize(std::min<qsizetype>(frames.size(), 1 + std::max(0, s.dropAfterEvents)));
            c->dropAtEnd = true;
        } else {
            const int slot = frames.isEmpty() ? 0 : frames.last().slot;
            frames.append(Connection::Frame{sseFrame("[DONE]") + "0\r\n\r\n", slot});
        }
        c->frames = std::move(frames);
        c->nextFrame = 0;
        c->intervalMs = s.tokensPerSecond > 0 ? 1000.0 / s.tokensPerSecond : 0.0;
        c->socket->write(head(ex, 200, "text/event-stream", -1, {}, tokens));
        c->clock.start();
        pump(c);
    }

    void pump(Connection *c)
    {
        if (c->closed)
            return;
        const double now = c->intervalMs > 0 ? double(c->clock.nsecsElapsed()) / 1e6 : 0.0;
        while (c->nextFrame < c->frames.size()) {
            const Connection::Frame &f = c->frames.at(c->nextFrame);
            if (c->intervalMs > 0 && f.slot * c->intervalMs > now) {
                c->pace->start(int(std::ceil(f.slot * c->intervalMs - now)));
                return;
            }
            c->socket->write(f.bytes);
            ++c->nextFrame;
        }
        c->frames.clear();
        c->nextFrame = 0;
        if (c->dropAtEnd) {
            // The upstream goes away: what was written is flushed, then FIN, and no terminating chunk.
            c->socket->disconnectFromHost();
            return;
        }
        finish(c);
    }

    // -- requests

    void handle(Connection *c, FakeRequest request)
    {
        Exchange ex;
        ex.c = c;
        ex.requestId = randomHex32();
        const qsizetype query = request.path.indexOf('?');
        ex.route = query < 0 ? request.path : request.path.left(query);
        ex.request = std::move(request);
        if (ex.route.startsWith("/_fake/")) {
            control(ex);
            return;
        }
        requests.append(ex.request);
        emit q->requestReceived(ex.request);
        if (!ex.route.startsWith("/v1/")) {
            respond(ex, 404, scriptedErrorBody(Shape::NotFound, {}, {}));
            return;
        }
        const QByteArray expected = QByteArray("Bearer ") + apiKey.toUtf8();
        if (ex.request.header("authorization") != expected) {
            respond(ex, 401, scriptedErrorBody(Shape::UnauthorizedMessage, {}, ex.requestId));
            return;
        }
        ex.counted = true;
        ex.script = scripts.isEmpty() ? defaultScript : scripts.takeFirst();
        if (ex.script.firstByteDelayMs > 0) {
            QTimer::singleShot(ex.script.firstByteDelayMs, Qt::PreciseTimer, c, [this, ex]() mutable {
                if (!ex.c->closed)
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
        case Kind::Hang: return; // the connection stays busy until the client or the fake goes away
        case Kind::Error: {
            QString message = s.text;
            if (s.errorShape == Shape::InvalidModel && message.isEmpty())
                message = ex.request.json().value(QLatin1String("model")).toString();
            respond(ex, s.status ? s.status : naturalStatus(s.errorShape),
                    scriptedErrorBody(s.errorShape, message, ex.requestId));
            return;
        }
        case Kind::RateLimited: {
            const Shape shape = s.errorShape == Shape::RateLimitObject ? Shape::RateLimitObject : Shape::RateLimitMessage;
            const QByteArray extra =
                s.retryAfterSeconds >= 0 ? "Retry-After: " + QByteArray::number(s.retryAfterSeconds) + "\r\n" : QByteArray();
            respond(ex, s.status ? s.status : 429, scriptedErrorBody(shape, {}, ex.requestId), extra);
            return;
        }
        default: break;
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
            respond(ex, 404, scriptedErrorBody(Shape::NotFound, {}, {}));
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
                respond(ex, 400, invalidRequestBody(QStringLiteral("Expected a script object or an array of them")));
                return;
            }
            for (const QJsonValue &v : std::as_const(list))
                scripts.append(FakeScript::fromJson(v.toObject()));
            respond(ex, 200, "{\"queued\":" + QByteArray::number(list.size())
                                 + ",\"pending\":" + QByteArray::number(scripts.size()) + '}');
        } else if (route == "/_fake/reset" && ex.request.method == "POST") {
            scripts.clear();
            requests.clear();
            respond(ex, 200, QByteArrayLiteral("{\"ok\":true}"));
        } else if (route == "/_fake/requests" && ex.request.method == "GET") {
            respond(ex, 200, "{\"count\":" + QByteArray::number(requests.size()) + '}');
        } else {
            respond(ex, 404, scriptedErrorBody(Shape::NotFound, {}, {}));
        }
    }

    std::optional<QJsonObject> jsonBody(Exchange &ex)
    {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(ex.request.body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            respond(ex, 400, invalidRequestBody(QStringLiteral("Invalid JSON body")));
            return std::nullopt;
        }
        return doc.object();
    }

    void models(Exchange &ex)
    {
        if (ex.route == "/v1/models") {
            const QJsonObject list{{QStringLiteral("object"), QStringLiteral("list")},
                                   {QStringLiteral("data"), cachedModelCards()}};
            respondOk(ex, QJsonDocument(list).toJson(QJsonDocument::Compact), 0);
            return;
        }
        const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(ex.route.mid(sizeof("/v1/models/") - 1)));
        if (const auto found = findModel(id))
            respondOk(ex, QJsonDocument(*found).toJson(QJsonDocument::Compact), 0);
        else
            respond(ex, 404, scriptedErrorBody(Shape::NotFound, {}, {}));
    }

    void completion(Exchange &ex, bool fim);
    void embeddings(Exchange &ex);
};

// ---- validation ------------------------------------------------------------------------------

namespace {

const std::initializer_list<const char *> kChatFields = {
    "model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed", "n",
    "presence_penalty", "frequency_penalty", "response_format", "tools", "tool_choice", "parallel_tool_calls",
    "prediction", "reasoning_effort", "prompt_mode", "safe_prompt"};
const std::initializer_list<const char *> kFimFields = {
    "model", "prompt", "suffix", "temperature", "top_p", "max_tokens", "min_tokens", "stream", "stop", "random_seed"};
const std::initializer_list<const char *> kEmbeddingFields = {
    "model", "input", "output_dimension", "output_dtype", "encoding_format"};

QJsonArray bodyLoc(const QString &field) { return QJsonArray{QStringLiteral("body"), field}; }

// Pydantic-style checks of one required field; appends a violation when it fails.
void requireField(const QJsonObject &body, const char *name, QJsonValue::Type type, QList<Violation> &out)
{
    const QString field = QString::fromLatin1(name);
    const QJsonValue v = body.value(field);
    if (v.isUndefined())
        out.append({"missing", bodyLoc(field), QStringLiteral("Field required"), body});
    else if (v.type() != type && type == QJsonValue::String)
        out.append({"string_type", bodyLoc(field), QStringLiteral("Input should be a valid string"), v});
    else if (v.type() != type && type == QJsonValue::Array)
        out.append({"list_type", bodyLoc(field), QStringLiteral("Input should be a valid list"), v});
}

void checkOptionalTypes(const QJsonObject &body, QList<Violation> &out)
{
    const QJsonValue stream = body.value(QLatin1String("stream"));
    if (!stream.isUndefined() && !stream.isNull() && !stream.isBool())
        out.append({"bool_type", bodyLoc(QStringLiteral("stream")), QStringLiteral("Input should be a valid boolean"), stream});
    const QJsonValue maxTokens = body.value(QLatin1String("max_tokens"));
    if (!maxTokens.isUndefined() && !maxTokens.isNull()
        && (!maxTokens.isDouble() || maxTokens.toDouble() != std::floor(maxTokens.toDouble())))
        out.append({"int_type", bodyLoc(QStringLiteral("max_tokens")), QStringLiteral("Input should be a valid integer"),
                    maxTokens});
}

void checkExtraFields(const QJsonObject &body, std::initializer_list<const char *> allowed, QList<Violation> &out)
{
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!fieldAllowed(it.key(), allowed))
            out.append(extraField(it.key(), it.value()));
}

void checkMessageRoles(const QJsonArray &messages, QList<Violation> &violations)
{
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonValue m = messages.at(i);
        const QJsonArray loc{QStringLiteral("body"), QStringLiteral("messages"), int(i)};
        const QJsonValue role = m.toObject().value(QLatin1String("role"));
        if (!m.isObject() || !role.isString()) {
            violations.append({"union_tag_not_found", loc, QStringLiteral("Unable to extract tag using discriminator 'role'"), m});
        } else if (!QStringList{QStringLiteral("system"), QStringLiteral("user"), QStringLiteral("assistant"),
                                QStringLiteral("tool")}
                        .contains(role.toString())) {
            violations.append({"union_tag_invalid", loc,
                               QStringLiteral("Input tag '%1' found using 'role' does not match any of the expected "
                                              "tags: 'system', 'user', 'assistant', 'tool'")
                                   .arg(role.toString()),
                               m});
        }
    }
}

std::optional<Rejection> checkMessages(const QJsonArray &messages)
{
    if (messages.isEmpty())
        return Rejection{400, invalidRequestBody(QStringLiteral("Messages must not be empty"))};

    const auto badId = [](const QJsonValue &id) {
        const QString shown = id.isString() ? id.toString() : QString::fromUtf8(jsonValue(id));
        return Rejection{400, invalidRequestBody(QStringLiteral("Tool call id was %1 but must be a-z, A-Z, 0-9, "
                                                                "with a length of 9.")
                                                     .arg(shown))};
    };
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonObject m = messages.at(i).toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        if (role == QLatin1String("assistant")) {
            const QJsonArray calls = m.value(QLatin1String("tool_calls")).toArray();
            for (const QJsonValue &call : calls) {
                const QJsonValue id = call.toObject().value(QLatin1String("id"));
                if (!id.isUndefined() && !id.isNull() && !(id.isString() && isValidToolCallId(id.toString())))
                    return badId(id);
            }
            if (isBlankContent(m.value(QLatin1String("content"))) && calls.isEmpty())
                return Rejection{400, invalidRequestBody(QStringLiteral(
                                          "Assistant message must have either content or tool_calls, but not none."))};
            if (m.value(QLatin1String("prefix")).toBool() && i + 1 != messages.size())
                return Rejection{400, invalidRequestBody(QStringLiteral(
                                          "Assistant message with prefix True must be the last message"))};
        } else if (role == QLatin1String("tool")) {
            const QJsonValue id = m.value(QLatin1String("tool_call_id"));
            if (!id.isUndefined() && !id.isNull() && !(id.isString() && isValidToolCallId(id.toString())))
                return badId(id);
        }
    }
    const QJsonObject last = messages.last().toObject();
    const QString lastRole = last.value(QLatin1String("role")).toString();
    const bool ok = lastRole == QLatin1String("user") || lastRole == QLatin1String("tool")
        || (lastRole == QLatin1String("assistant") && last.value(QLatin1String("prefix")).toBool());
    if (!ok)
        return Rejection{400, invalidRequestBody(QStringLiteral("Expected last role User or Tool (or Assistant with "
                                                                "prefix True) for serving but got %1")
                                                     .arg(lastRole))};
    return std::nullopt;
}

std::optional<Rejection> validateCompletion(const QJsonObject &body, bool fim)
{
    QList<Violation> violations;
    requireField(body, "model", QJsonValue::String, violations);
    if (fim)
        requireField(body, "prompt", QJsonValue::String, violations);
    else
        requireField(body, "messages", QJsonValue::Array, violations);
    if (!fim)
        checkMessageRoles(body.value(QLatin1String("messages")).toArray(), violations);
    checkOptionalTypes(body, violations);
    checkExtraFields(body, fim ? kFimFields : kChatFields, violations);
    if (!violations.isEmpty())
        return Rejection{422, validationBody(violations)};
    const QString model = body.value(QLatin1String("model")).toString();
    if (!findModel(model))
        return Rejection{400, invalidModelBody(model)};
    if (!fim)
        return checkMessages(body.value(QLatin1String("messages")).toArray());
    return std::nullopt;
}

// The chunk text every streamed event of one answer starts with.
QByteArray chunkPrefix(const QByteArray &id, qint64 created, const QString &model)
{
    return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + QByteArray::number(created)
        + ",\"model\":" + jsonString(model) + ",\"choices\":[{\"index\":0,\"delta\":";
}

QByteArray chunkEvent(const QByteArray &prefix, const QByteArray &delta, const char *finishReason, const QByteArray &usage)
{
    QByteArray json;
    json.reserve(prefix.size() + delta.size() + usage.size() + 48);
    json += prefix;
    json += delta;
    json += ",\"finish_reason\":";
    if (finishReason) {
        json += '"';
        json += finishReason;
        json += '"';
    } else {
        json += "null";
    }
    json += "}]";
    if (!usage.isEmpty()) {
        json += ",\"usage\":";
        json += usage;
    }
    json += '}';
    return sseFrame(json);
}

QByteArray completionBody(const QByteArray &id, qint64 created, const QString &model, const QByteArray &message,
                          const char *finishReason, const QByteArray &usage)
{
    QByteArray body = "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":" + QByteArray::number(created)
        + ",\"model\":" + jsonString(model) + ",\"choices\":[{\"index\":0,\"message\":" + message
        + ",\"finish_reason\":\"" + finishReason + "\"}]";
    if (!usage.isEmpty())
        body += ",\"usage\":" + usage;
    body += '}';
    return body;
}

QByteArray thinkingChunk(const QString &text)
{
    return "{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":" + jsonString(text) + "}]}";
}

} // namespace

void FakeMistral::Private::completion(Exchange &ex, bool fim)
{
    const std::optional<QJsonObject> parsed = jsonBody(ex);
    if (!parsed)
        return;
    const QJsonObject &body = *parsed;
    if (const auto rejected = validateCompletion(body, fim)) {
        respond(ex, rejected->status, rejected->body);
        return;
    }
    const FakeScript &s = ex.script;
    const bool streamed = body.value(QLatin1String("stream")).toBool();
    const QString model = body.value(QLatin1String("model")).toString();
    const QByteArray id = randomHex32();
    const qint64 created = QDateTime::currentSecsSinceEpoch();
    const int promptTokens = promptTokensFor(body, fim);
    const QByteArray prefix = chunkPrefix(id, created, model);
    QList<Connection::Frame> frames;
    frames.append({chunkEvent(prefix, "{\"role\":\"assistant\",\"content\":\"\"}", nullptr, {}), 0});

    if (s.kind == Kind::ToolCalls && !fim) {
        const QList<FakeScript::ToolCallSpec> calls = toolCallsOf(s);
        int completionTokens = 0;
        QByteArray array = "[";
        for (qsizetype i = 0; i < calls.size(); ++i) {
            completionTokens += std::max(1, estimateTokens((calls.at(i).name + calls.at(i).arguments).toUtf8().size()));
            if (i)
                array += ',';
            array += toolCallJson(calls.at(i), int(i));
        }
        array += ']';
        const QByteArray usage = s.omitUsage ? QByteArray() : usageJson(promptTokens, completionTokens);
        const qint64 tokens = promptTokens + completionTokens;
        if (!streamed) {
            const QByteArray message =
                "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":" + array + ",\"prefix\":false}";
            respondOk(ex, completionBody(id, created, model, message, "tool_calls", usage), tokens);
            return;
        }
        if (!s.fragmentedToolCalls) {
            frames.append({chunkEvent(prefix, "{\"content\":\"\",\"tool_calls\":" + array + '}', "tool_calls", usage), 1});
        } else {
            int slot = 0;
            for (qsizetype i = 0; i < calls.size(); ++i) {
                const FakeScript::ToolCallSpec &t = calls.at(i);
                const QByteArray index = QByteArray::number(i);
                frames.append({chunkEvent(prefix,
                                          "{\"tool_calls\":[{\"index\":" + index + ",\"id\":" + jsonString(t.id)
                                              + ",\"type\":\"function\",\"function\":{\"name\":" + jsonString(t.name)
                                              + ",\"arguments\":\"\"}}]}",
                                          nullptr, {}),
                               ++slot});
                for (const QString &piece : splitText(t.arguments, 4))
                    frames.append({chunkEvent(prefix,
                                              "{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":"
                                                  + jsonString(piece) + "}}]}",
                                              nullptr, {}),
                                   ++slot});
            }
            frames.append({chunkEvent(prefix, "{}", "tool_calls", usage), slot});
        }
        stream(ex, std::move(frames), tokens);
        return;
    }

    // max_tokens cuts the answer (thinking included) short with finish_reason "length". Generated
    // words are only made up to the cut, so a big default (--tokens) stays cheap for short requests.
    const QJsonValue maxTokens = body.value(QLatin1String("max_tokens"));
    const qint64 limit = maxTokens.isDouble() ? std::max<qint64>(0, maxTokens.toInteger()) : qint64(INT_MAX);
    QList<Piece> pieces;
    qint64 available = 0;
    if (!s.thinking.isEmpty()) {
        const QStringList thinking = splitText(s.thinking, std::max(1, s.tokens));
        available += thinking.size();
        for (const QString &p : thinking)
            pieces.append({true, p});
    }
    if (!s.text.isEmpty()) {
        const QStringList text = splitText(s.text, std::max(1, s.tokens));
        available += text.size();
        for (const QString &p : text)
            pieces.append({false, p});
    } else {
        available += std::max(0, s.tokens);
        const qint64 wanted = std::min<qint64>(std::max(0, s.tokens), std::max<qint64>(0, limit - pieces.size()));
        pieces.reserve(pieces.size() + wanted);
        for (int i = 0; i < wanted; ++i)
            pieces.append({false, generatedToken(i)});
    }
    const char *finishReason = "stop";
    if (limit < available) {
        pieces.resize(std::min<qsizetype>(pieces.size(), limit));
        finishReason = "length";
    }
    const int completionTokens = int(pieces.size());
    const QByteArray usage = s.omitUsage ? QByteArray() : usageJson(promptTokens, completionTokens);
    const qint64 tokens = promptTokens + completionTokens;

    if (!streamed) {
        QString thinking;
        QString text;
        for (const Piece &p : std::as_const(pieces))
            (p.thinking ? thinking : text) += p.text;
        const QByteArray content = s.thinking.isEmpty()
            ? jsonString(text)
            : "[" + thinkingChunk(thinking) + ",{\"type\":\"text\",\"text\":" + jsonString(text) + "}]";
        const QByteArray message =
            "{\"role\":\"assistant\",\"content\":" + content + ",\"tool_calls\":null,\"prefix\":false}";
        respondOk(ex, completionBody(id, created, model, message, finishReason, usage), tokens);
        return;
    }
    frames.reserve(pieces.size() + 3);
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        const Piece &p = pieces.at(i);
        const QByteArray delta = p.thinking ? QByteArray("{\"content\":[" + thinkingChunk(p.text) + "]}")
                                            : QByteArray("{\"content\":" + jsonString(p.text) + '}');
        const bool last = i + 1 == pieces.size();
        frames.append({chunkEvent(prefix, delta, last ? finishReason : nullptr, last ? usage : QByteArray()), int(i) + 1});
    }
    if (pieces.isEmpty())
        frames.append({chunkEvent(prefix, "{\"content\":\"\"}", finishReason, usage), 1});
    stream(ex, std::move(frames), tokens);
}

void FakeMistral::Private::embeddings(Exchange &ex)
{
    const std::optional<QJsonObject> parsed = jsonBody(ex);
    if (!parsed)
        return;
    const QJsonObject &body = *parsed;
    QList<Violation> violations;
    requireField(body, "model", QJsonValue::String, violations);
    const QJsonValue input = body.value(QLatin1String("input"));
    QStringList inputs;
    if (input.isUndefined()) {
        violations.append({"missing", bodyLoc(QStringLiteral("input")), QStringLiteral("Field required"), body});
    } else if (input.isString()) {
        inputs.append(input.toString());
    } else if (input.isArray()) {
        const QJsonArray array = input.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (array.at(i).isString())
                inputs.append(array.at(i).toString());
            else
                violations.append({"string_type", QJsonArray{QStringLiteral("body"), QStringLiteral("input"), int(i)},
                                   QStringLiteral("Input should be a valid string"), array.at(i)});
        }
    } else {
        violations.append({"string_type", bodyLoc(QStringLiteral("input")), QStringLiteral("Input should be a valid string"),
                           input});
    }
    checkExtraFields(body, kEmbeddingFields, violations);
    if (!violations.isEmpty()) {
        respond(ex, 422, validationBody(violations));
        return;
    }
    const QString model = body.value(QLatin1String("model")).toString();
    if (!findModel(model)) {
        respond(ex, 400, invalidModelBody(model));
        return;
    }
    if (inputs.isEmpty()) {
        respond(ex, 400, invalidRequestBody(QStringLiteral("Input must not be empty")));
        return;
    }
    qint64 tokens = 0;
    for (const QString &text : std::as_const(inputs))
        tokens += estimateTokens(text.toUtf8().size());
    if (inputs.size() > kMaxEmbeddingInputs || tokens > kMaxEmbeddingTokens) {
        respond(ex, 400, invalidRequestBody(QStringLiteral("Too many tokens in batch. Max is %1 tokens and %2 inputs "
                                                           "per request, got %3 tokens in %4 inputs.")
                                                .arg(kMaxEmbeddingTokens)
                                                .arg(kMaxEmbeddingInputs)
                                                .arg(tokens)
                                                .arg(inputs.size())));
        return;
    }
    int dimension = 1024;
    const QString canonical = findModel(model)->value(QLatin1String("id")).toString();
    if (canonical == QLatin1String("codestral-embed")) {
        dimension = 1536;
        const QJsonValue requested = body.value(QLatin1String("output_dimension"));
        if (!requested.isUndefined() && !requested.isNull()) {
            const int asked = requested.toInt(-1);
            if (asked < 1 || asked > 3072) {
                respond(ex, 400, invalidRequestBody(QStringLiteral("output_dimension must be between 1 and 3072")));
                return;
            }
            dimension = asked;
        }
    }
    if (ex.script.embeddingDimension > 0)
        dimension = ex.script.embeddingDimension;

    QByteArray out;
    out.reserve(inputs.size() * (dimension * 13 + 64) + 256);
    out += "{\"id\":\"" + randomHex32() + "\",\"object\":\"list\",\"data\":[";
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        if (i)
            out += ',';
        out += "{\"object\":\"embedding\",\"embedding\":";
        appendEmbedding(out, inputs.at(i), dimension);
        out += ",\"index\":" + QByteArray::number(i) + '}';
    }
    out += "],\"model\":" + jsonString(model);
    if (!ex.script.omitUsage)
        out += ",\"usage\":" + usageJson(int(tokens), 0);
    out += '}';
    respondOk(ex, out, tokens);
}

// ---- public API ------------------------------------------------------------------------------

QByteArray FakeRequest::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return h.second;
    return {};
}

QJsonObject FakeRequest::json() const { return QJsonDocument::fromJson(body).object(); }

FakeScript FakeScript::fromJson(const QJsonObject &json)
{
    static const QHash<QString, Kind> kinds{
        {QStringLiteral("normal"), Kind::Normal},         {QStringLiteral("tool_calls"), Kind::ToolCalls},
        {QStringLiteral("error"), Kind::Error},           {QStringLiteral("rate_limited"), Kind::RateLimited},
        {QStringLiteral("drop"), Kind::DropMidStream},    {QStringLiteral("malformed_sse"), Kind::MalformedSse},
        {QStringLiteral("hang"), Kind::Hang},
    };
    static const QHash<QString, Shape> shapes{
        {QStringLiteral("invalid_request"), Shape::InvalidRequest},
        {QStringLiteral("invalid_model"), Shape::InvalidModel},
        {QStringLiteral("validation_422"), Shape::Validation422},
        {QStringLiteral("bare_detail_422"), Shape::BareDetail422},
        {QStringLiteral("unauthorized_message"), Shape::UnauthorizedMessage},
        {QStringLiteral("unauthorized_detail"), Shape::UnauthorizedDetail},
        {QStringLiteral("not_found"), Shape::NotFound},
        {QStringLiteral("rate_limit_message"), Shape::RateLimitMessage},
        {QStringLiteral("rate_limit_object"), Shape::RateLimitObject},
        {QStringLiteral("internal_error"), Shape::InternalError},
        {QStringLiteral("service_unavailable"), Shape::ServiceUnavailable},
    };
    FakeScript s;
    s.kind = kinds.value(json.value(QLatin1String("kind")).toString(), Kind::Normal);
    s.status = json.value(QLatin1String("status")).toInt(s.status);
    if (json.contains(QLatin1String("error_shape")))
        s.errorShape = shapes.value(json.value(QLatin1String("error_shape")).toString(), s.errorShape);
    else if (s.kind == Kind::RateLimited)
        s.errorShape = Shape::RateLimitMessage;
    s.retryAfterSeconds = json.value(QLatin1String("retry_after")).toInt(s.retryAfterSeconds);
    s.tokens = json.value(QLatin1String("tokens")).toInt(s.tokens);
    s.tokensPerSecond = json.value(QLatin1String("tokens_per_second")).toInt(s.tokensPerSecond);
    s.firstByteDelayMs = json.value(QLatin1String("first_byte_delay_ms")).toInt(s.firstByteDelayMs);
    s.dropAfterEvents = json.value(QLatin1String("drop_after_events")).toInt(s.dropAfterEvents);
    s.text = json.value(QLatin1String("text")).toString();
    s.thinking = json.value(QLatin1String("thinking")).toString();
    for (const QJsonValue &v : json.value(QLatin1String("tool_calls")).toArray()) {
        const QJsonObject o = v.toObject();
        const QJsonValue args = o.value(QLatin1String("arguments"));
        s.toolCalls.append({o.value(QLatin1String("id")).toString(), o.value(QLatin1String("name")).toString(),
                            args.isString() ? args.toString() : QString::fromUtf8(jsonValue(args))});
    }
    s.fragmentedToolCalls = json.value(QLatin1String("fragmented_tool_calls")).toBool();
    s.embeddingDimension = json.value(QLatin1String("embedding_dimension")).toInt(s.embeddingDimension);
    s.omitUsage = json.value(QLatin1String("omit_usage")).toBool();
    return s;
}

FakeMistral::FakeMistral(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this)) {}

FakeMistral::~FakeMistral() { d->shutdown(); }

bool FakeMistral::listen(const QHostAddress &address, quint16 port) { return d->server->listen(address, port); }

quint16 FakeMistral::port() const { return d->server->serverPort(); }

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

void FakeMistral::setApiKey(const QString &key) { d->apiKey = key; }

QString FakeMistral::apiKey() const { return d->apiKey; }

void FakeMistral::enqueue(const FakeScript &script) { d->scripts.append(script); }

void FakeMistral::clearScripts() { d->scripts.clear(); }

void FakeMistral::setDefaultScript(const FakeScript &script) { d->defaultScript = script; }

int FakeMistral::pendingScripts() const { return int(d->scripts.size()); }

const QList<FakeRequest> &FakeMistral::requests() const { return d->requests; }

void FakeMistral::clearRequests() { d->requests.clear(); }

int FakeMistral::openConnections() const { return int(d->connections.size()); }

QJsonArray FakeMistral::modelCards() { return cachedModelCards(); }

} // namespace md::test
