#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <memory>
#include <optional>

class QTcpServer;

namespace md::test {

// One scripted answer. FakeMistral consumes scripts in FIFO order, one per request to a /v1 path;
// with an empty queue it answers each request the normal, successful way.
struct FakeScript {
    enum class Kind {
        Normal,      // successful answer for the endpoint (text stream / completion / embeddings / models)
        ToolCalls,   // chat answer that calls the tools in `toolCalls` (finish_reason "tool_calls")
        Error,       // HTTP `status` with the body of `errorShape`
        RateLimited, // 429 with `errorShape` body (default RateLimitMessage) and Retry-After if retryAfterSeconds >= 0
        DropMidStream, // streams `dropAfterEvents` content events, then closes the socket without finishing
        MalformedSse,  // streams a few valid events, then an event whose data is not JSON, then continues normally
        Hang,          // reads the request and never answers
    };
    enum class ErrorShape {
        InvalidRequest, // 400 {"object":"error","message":..,"type":"invalid_request_error","param":null,"code":null}
        InvalidModel,   // 400 {... "type":"invalid_model","code":"1500","raw_status_code":400}
        Validation422,  // 422
                        // {"object":"error","message":{"detail":[{type,loc,msg}]},"type":"invalid_request_error",...}
        BareDetail422,  // 422 {"detail":[{"loc":[..],"msg":..,"type":..}]}
        UnauthorizedMessage, // 401 {"message":"Unauthorized","request_id":"..."}
        UnauthorizedDetail,  // 401 {"detail":"Unauthorized"}
        NotFound,            // 404 {"detail":"Not Found"}
        RateLimitMessage,    // 429 {"message":"Requests rate limit exceeded"}
        RateLimitObject,     // 429 {"object":"error","message":"Rate limit
                             // exceeded","type":"rate_limited","param":null,"code":"1300"}
        InternalError,       // 500 {"detail":"Internal Server Error"}
        ServiceUnavailable,  // 503 {"detail":"Service Unavailable"}
    };
    struct ToolCallSpec {
        QString id; // 9 chars [a-zA-Z0-9]
        QString name;
        QString arguments; // JSON text
    };

    Kind kind = Kind::Normal;
    int status = 0; // Error: HTTP status; 0 = the shape's natural status
    ErrorShape errorShape = ErrorShape::InvalidRequest;
    int retryAfterSeconds = -1; // RateLimited: Retry-After header value; < 0 = no header
    int tokens = 8;             // Normal chat: number of content tokens (events) to send
    int tokensPerSecond = 0;    // pacing of streamed tokens; 0 = as fast as possible
    int firstByteDelayMs = 0;   // delay before the status line is written
    int dropAfterEvents = 2;    // DropMidStream
    QString text;     // Normal chat: exact content to send (split into `tokens` pieces); empty = generated words
    QString thinking; // Normal chat: if set, content arrives as [thinking chunk, text chunk] (reasoning models)
    QList<ToolCallSpec> toolCalls;    // ToolCalls
    bool fragmentedToolCalls = false; // ToolCalls in stream: OpenAI-style argument fragments instead of whole calls
    int embeddingDimension = 0;       // Normal embeddings: 0 = model default (1024 mistral-embed, 1536 codestral-embed)
    bool omitUsage = false;           // leave usage out of the final chunk / completion

    static FakeScript fromJson(const QJsonObject &json); // used by the standalone program's control endpoint
};

// A request as FakeMistral received it, for assertions.
struct FakeRequest {
    QByteArray method;
    QByteArray path;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    QByteArray header(const QByteArray &lowerName) const;
    QJsonObject json() const;
};

// An HTTP/1.1 upstream that speaks Mistral's real wire format (see shared/MISTRAL_API.md), for
// tests, benchmarks and manual trials. Written on QTcpServer rather than QHttpServer because the
// faults it must produce (a dropped connection mid-stream, a hang, malformed event framing, a slow
// first byte) need byte-level control of the socket.
class FakeMistral : public QObject {
    Q_OBJECT
public:
    explicit FakeMistral(QObject *parent = nullptr);
    ~FakeMistral() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    QString baseUrl() const; // "http://127.0.0.1:PORT" (no /v1)

    void setApiKey(const QString &key); // default "test-key"; requests need "Authorization: Bearer <key>"
    QString apiKey() const;

    void enqueue(const FakeScript &script);
    void clearScripts();
    // The answer used while the queue is empty (default: FakeScript{}, a normal 8-token answer).
    void setDefaultScript(const FakeScript &script);
    int pendingScripts() const;
    // Off by default. When on, a /v1 request whose body holds `[fake key=value ...]` (e.g. in a
    // message's content or an embeddings input) is answered by that script (the keys of
    // FakeScript::fromJson; numbers, true/false, else strings) instead of the queue's next one,
    // which stays queued. Lets concurrent clients choose each request's fault, which a FIFO queue
    // shared by all cannot do (bench_soak).
    void setInlineScripts(bool on);
    // The script a body's `[fake ...]` directive describes, if it has one.
    static std::optional<FakeScript> inlineScript(const QByteArray &body);

    // Usage the fake put in answers it wrote whole (non-streamed bodies; streams to their last
    // frame): prompt + completion tokens, and how many answers. Since start; reset() keeps them.
    qint64 usageTokensSent() const;
    qint64 answersWithUsage() const;

    const QList<FakeRequest> &requests() const;
    void clearRequests();
    int openConnections() const;

    // The models /v1/models lists (cards with the real field names).
    static QJsonArray modelCards();

signals:
    void requestReceived(const md::test::FakeRequest &request);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace md::test

Q_DECLARE_METATYPE(md::test::FakeRequest)
