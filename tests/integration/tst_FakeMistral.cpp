// The fake upstream's own contract: every client, proxy and benchmark test relies on it speaking
// Mistral's wire format, so the format is pinned down here, over real loopback HTTP.

#include "support/FakeMistral.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>

using md::test::FakeMistral;
using md::test::FakeRequest;
using md::test::FakeScript;

namespace {

constexpr int kTimeoutMs = 5000;

struct Result {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased

    QByteArray header(const QByteArray &lowerName) const
    {
        for (const auto &h : headers)
            if (h.first == lowerName)
                return h.second;
        return {};
    }
    bool hasHeader(const QByteArray &lowerName) const
    {
        return std::any_of(headers.begin(), headers.end(), [&](const auto &h) { return h.first == lowerName; });
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// The JSON payloads of an SSE body, in order ("[DONE]" included as is).
QList<QByteArray> sseData(const QByteArray &body)
{
    QList<QByteArray> out;
    for (const QByteArray &event : body.split('\n')) {
        if (event.startsWith("data: "))
            out.append(event.mid(6));
    }
    return out;
}

QJsonObject userChat(const QString &model = QStringLiteral("mistral-small-latest"))
{
    return QJsonObject {
        {QStringLiteral("model"), model},
        {QStringLiteral("messages"),
         QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                                  {QStringLiteral("content"), QStringLiteral("hi")}}}},
    };
}

QString generatedText(int tokens)
{
    QString out;
    for (int i = 0; i < tokens; ++i) {
        const QString stem = i % 8 == 3 ? QStringLiteral("caf\u00e9")
            : i % 8 == 6                ? QString::fromUtf8("\xF0\x9F\x99\x82")
                                        : QStringLiteral("word");
        out += (i == 0 ? QString() : QStringLiteral(" ")) + stem + QString::number(i);
    }
    return out;
}

} // namespace

class tst_FakeMistral : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void unauthorized();
    void unknownPath();
    void recordsRequests();
    void modelsList();
    void modelById();
    void chatNonStream();
    void chatMaxTokens();
    void chatThinking();
    void chatStreamFraming();
    void chatStreamThinking();
    void rawChunkedFramingAndKeepAlive();
    void expectContinue();
    void toolCallsNonStream();
    void toolCallsStreamWhole();
    void toolCallsStreamFragmented();
    void rejectsExtraFields_data();
    void rejectsExtraFields();
    void rejectsMissingFields();
    void rejectsOpenAiToolCallId();
    void rejectsInvalidModel();
    void rejectsBadConversation_data();
    void rejectsBadConversation();
    void errorShapes_data();
    void errorShapes();
    void errorStatusOverride();
    void rateLimitedRetryAfter();
    void embeddings();
    void embeddingsDimensions();
    void embeddingsTooBig();
    void fim();
    void dropMidStream();
    void dropNonStream();
    void malformedSse();
    void hangThenClientAbort();
    void keepAlive();
    void pacingAndFirstByteDelay();
    void scriptFromJson();
    void controlEndpoint();
    void inlineScripts();
    void usageTally();
    void destroyWithOpenStream();

private:
    QNetworkReply *send(const QByteArray &verb, const QString &path, const QByteArray &body = {}, bool auth = true);
    Result finish(QNetworkReply *reply);
    Result post(const QString &path, const QJsonObject &body)
    {
        return finish(send("POST", path, QJsonDocument(body).toJson()));
    }
    Result get(const QString &path, bool auth = true) { return finish(send("GET", path, {}, auth)); }
    Result chat(const QJsonObject &body) { return post(QStringLiteral("/v1/chat/completions"), body); }

    std::unique_ptr<FakeMistral> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void tst_FakeMistral::init()
{
    m_fake = std::make_unique<FakeMistral>();
    QVERIFY(m_fake->listen());
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void tst_FakeMistral::cleanup()
{
    m_nam.reset();
    m_fake.reset();
}

QNetworkReply *tst_FakeMistral::send(const QByteArray &verb, const QString &path, const QByteArray &body, bool auth)
{
    QNetworkRequest request(QUrl(m_fake->baseUrl() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (auth)
        request.setRawHeader("Authorization", "Bearer " + m_fake->apiKey().toUtf8());
    return m_nam->sendCustomRequest(request, verb, body);
}

Result tst_FakeMistral::finish(QNetworkReply *reply)
{
    Result r;
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kTimeoutMs)) {
        reply->abort();
        delete reply;
        qWarning("request timed out");
        return r;
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.body = reply->readAll();
    for (const auto &h : reply->rawHeaderPairs())
        r.headers.append({h.first.toLower(), h.second});
    delete reply;
    return r;
}

void tst_FakeMistral::unauthorized()
{
    const Result noKey = get(QStringLiteral("/v1/models"), false);
    QCOMPARE(noKey.status, 401);
    QCOMPARE(noKey.json().value(QLatin1String("message")).toString(), QStringLiteral("Unauthorized"));
    QCOMPARE(noKey.json().value(QLatin1String("request_id")).toString().toUtf8(), noKey.header("x-request-id"));
    QVERIFY(noKey.hasHeader("x-ratelimit-remaining-req-minute"));

    m_fake->setApiKey(QStringLiteral("other"));
    m_fake->enqueue(FakeScript {}); // a 401 does not consume a script
    const Result wrongKey = finish([&] {
        QNetworkRequest request(QUrl(m_fake->baseUrl() + QStringLiteral("/v1/models")));
        request.setRawHeader("Authorization", "Bearer test-key");
        return m_nam->get(request);
    }());
    QCOMPARE(wrongKey.status, 401);
    QCOMPARE(m_fake->pendingScripts(), 1);
}

void tst_FakeMistral::unknownPath()
{
    QCOMPARE(get(QStringLiteral("/nowhere")).body, QByteArrayLiteral("{\"detail\":\"Not Found\"}"));
    const Result r = get(QStringLiteral("/v1/nowhere"));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArrayLiteral("{\"detail\":\"Not Found\"}"));
    QCOMPARE(finish(send("GET", QStringLiteral("/v1/chat/completions"))).status, 405);
}

void tst_FakeMistral::recordsRequests()
{
    QSignalSpy received(m_fake.get(), &FakeMistral::requestReceived);
    chat(userChat());
    QCOMPARE(received.size(), 1);
    QCOMPARE(m_fake->requests().size(), 1);
    const FakeRequest &r = m_fake->requests().first();
    QCOMPARE(r.method, QByteArrayLiteral("POST"));
    QCOMPARE(r.path, QByteArrayLiteral("/v1/chat/completions"));
    QCOMPARE(r.header("authorization"), QByteArrayLiteral("Bearer test-key"));
    QCOMPARE(r.header("content-type"), QByteArrayLiteral("application/json"));
    QCOMPARE(r.json().value(QLatin1String("model")).toString(), QStringLiteral("mistral-small-latest"));
    QCOMPARE(received.first().first().value<FakeRequest>().path, r.path);
    m_fake->clearRequests();
    QVERIFY(m_fake->requests().isEmpty());
}

void tst_FakeMistral::modelsList()
{
    const Result r = get(QStringLiteral("/v1/models"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), QByteArrayLiteral("application/json"));
    const QJsonObject list = r.json();
    QCOMPARE(list.value(QLatin1String("object")).toString(), QStringLiteral("list"));
    const QJsonArray data = list.value(QLatin1String("data")).toArray();
    QCOMPARE(data, FakeMistral::modelCards());

    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &v : data) {
        const QJsonObject card = v.toObject();
        for (const char *field :
             {"id", "object", "created", "owned_by", "type", "name", "description", "max_context_length", "aliases",
              "deprecation", "deprecation_replacement_model", "default_model_temperature", "capabilities"})
            QVERIFY2(card.contains(QLatin1String(field)), field);
        QCOMPARE(card.value(QLatin1String("object")).toString(), QStringLiteral("model"));
        QCOMPARE(card.value(QLatin1String("owned_by")).toString(), QStringLiteral("mistralai"));
        const QJsonObject caps = card.value(QLatin1String("capabilities")).toObject();
        for (const char *cap : {"completion_chat", "function_calling", "reasoning", "completion_fim", "fine_tuning",
                                "vision", "ocr", "classification", "moderation", "audio"})
            QVERIFY2(caps.value(QLatin1String(cap)).isBool(), cap);
        byId.insert(card.value(QLatin1String("id")).toString(), card);
    }
    for (const char *id : {"mistral-large-2512", "mistral-medium-3-5", "mistral-small-2603", "ministral-8b-latest",
                           "codestral-2508", "magistral-medium-latest", "pixtral-large-latest", "open-mistral-nemo",
                           "mistral-embed", "codestral-embed", "mistral-moderation-latest"})
        QVERIFY2(byId.contains(QLatin1String(id)), id);
    const auto cap = [&](const char *id, const char *name) {
        return byId.value(QLatin1String(id))
            .value(QLatin1String("capabilities"))
            .toObject()
            .value(QLatin1String(name))
            .toBool();
    };
    QVERIFY(byId.value(QStringLiteral("mistral-large-2512"))
                .value(QLatin1String("aliases"))
                .toArray()
                .contains(QStringLiteral("mistral-large-latest")));
    QVERIFY(cap("codestral-2508", "completion_fim"));
    QVERIFY(cap("magistral-medium-latest", "reasoning"));
    QVERIFY(cap("pixtral-large-latest", "vision"));
    QVERIFY(!cap("mistral-embed", "completion_chat"));
    const QJsonObject nemo = byId.value(QStringLiteral("open-mistral-nemo"));
    QVERIFY(nemo.value(QLatin1String("deprecation")).isString());
    QVERIFY(!nemo.value(QLatin1String("deprecation_replacement_model")).toString().isEmpty());
    QVERIFY(byId.value(QStringLiteral("mistral-small-2603")).value(QLatin1String("deprecation")).isNull());
}

void tst_FakeMistral::modelById()
{
    const Result byAlias = get(QStringLiteral("/v1/models/mistral-large-latest"));
    QCOMPARE(byAlias.status, 200);
    QCOMPARE(byAlias.json().value(QLatin1String("id")).toString(), QStringLiteral("mistral-large-2512"));
    QCOMPARE(get(QStringLiteral("/v1/models/codestral-2508")).json().value(QLatin1String("id")).toString(),
             QStringLiteral("codestral-2508"));
    const Result unknown = get(QStringLiteral("/v1/models/gpt-4o"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.body, QByteArrayLiteral("{\"detail\":\"Not Found\"}"));
}

void tst_FakeMistral::chatNonStream()
{
    const Result r = chat(userChat());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), QByteArrayLiteral("application/json"));
    QVERIFY(r.hasHeader("content-length"));
    QCOMPARE(r.header("x-request-id").size(), 32);
    const QJsonObject o = r.json();
    QVERIFY(
        QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(o.value(QLatin1String("id")).toString()).hasMatch());
    QCOMPARE(o.value(QLatin1String("object")).toString(), QStringLiteral("chat.completion"));
    QVERIFY(o.value(QLatin1String("created")).toInteger() > 1600000000);
    QCOMPARE(o.value(QLatin1String("model")).toString(), QStringLiteral("mistral-small-latest"));
    const QJsonArray choices = o.value(QLatin1String("choices")).toArray();
    QCOMPARE(choices.size(), 1);
    const QJsonObject choice = choices.first().toObject();
    QCOMPARE(choice.value(QLatin1String("index")).toInt(-1), 0);
    QCOMPARE(choice.value(QLatin1String("finish_reason")).toString(), QStringLiteral("stop"));
    const QJsonObject message = choice.value(QLatin1String("message")).toObject();
    QCOMPARE(message.value(QLatin1String("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(message.value(QLatin1String("content")).toString(), generatedText(8));
    QVERIFY(message.value(QLatin1String("content")).toString().contains(QChar(0xe9)));
    QVERIFY(message.contains(QLatin1String("tool_calls")) && message.value(QLatin1String("tool_calls")).isNull());
    QCOMPARE(message.value(QLatin1String("prefix")).toBool(true), false);
    const QJsonObject usage = o.value(QLatin1String("usage")).toObject();
    QCOMPARE(usage.value(QLatin1String("prompt_tokens")).toInt(), 5); // 4 per message + ceil(2 bytes / 4)
    QCOMPARE(usage.value(QLatin1String("completion_tokens")).toInt(), 8);
    QCOMPARE(usage.value(QLatin1String("total_tokens")).toInt(), 13);

    // Rate-limit headers: present, and "remaining" goes down.
    for (const char *h : {"x-ratelimit-limit-req-minute", "x-ratelimit-remaining-req-minute",
                          "x-ratelimit-limit-tokens-minute", "x-ratelimit-remaining-tokens-minute"})
        QVERIFY2(r.header(h).toLongLong() > 0, h);
    const Result again = chat(userChat());
    QVERIFY(again.header("x-ratelimit-remaining-req-minute").toLongLong()
            < r.header("x-ratelimit-remaining-req-minute").toLongLong());
    QVERIFY(again.header("x-ratelimit-remaining-tokens-minute").toLongLong()
            < r.header("x-ratelimit-remaining-tokens-minute").toLongLong());
    QVERIFY(again.header("x-request-id") != r.header("x-request-id"));

    FakeScript omit;
    omit.omitUsage = true;
    m_fake->enqueue(omit);
    QVERIFY(!chat(userChat()).json().contains(QLatin1String("usage")));
}

void tst_FakeMistral::chatMaxTokens()
{
    QJsonObject body = userChat();
    body.insert(QStringLiteral("max_tokens"), 3);
    const QJsonObject o = chat(body).json();
    const QJsonObject choice = o.value(QLatin1String("choices")).toArray().first().toObject();
    QCOMPARE(choice.value(QLatin1String("finish_reason")).toString(), QStringLiteral("length"));
    QCOMPARE(choice.value(QLatin1String("message")).toObject().value(QLatin1String("content")).toString(),
             generatedText(3));
    QCOMPARE(o.value(QLatin1String("usage")).toObject().value(QLatin1String("completion_tokens")).toInt(), 3);

    FakeScript scripted;
    scripted.text = QStringLiteral("Hello there, world");
    scripted.tokens = 3;
    m_fake->enqueue(scripted);
    const QJsonObject exact = chat(userChat()).json();
    QCOMPARE(exact.value(QLatin1String("choices"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("message"))
                 .toObject()
                 .value(QLatin1String("content"))
                 .toString(),
             scripted.text);
    QCOMPARE(exact.value(QLatin1String("usage")).toObject().value(QLatin1String("completion_tokens")).toInt(), 3);
}

void tst_FakeMistral::chatThinking()
{
    FakeScript s;
    s.thinking = QStringLiteral("Let me think.");
    s.text = QStringLiteral("The answer.");
    m_fake->enqueue(s);
    const QJsonObject message = chat(userChat(QStringLiteral("magistral-medium-latest")))
                                    .json()
                                    .value(QLatin1String("choices"))
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value(QLatin1String("message"))
                                    .toObject();
    const QJsonArray content = message.value(QLatin1String("content")).toArray();
    QCOMPARE(content.size(), 2);
    const QJsonObject thinking = content.at(0).toObject();
    QCOMPARE(thinking.value(QLatin1String("type")).toString(), QStringLiteral("thinking"));
    const QJsonObject inner = thinking.value(QLatin1String("thinking")).toArray().first().toObject();
    QCOMPARE(inner.value(QLatin1String("type")).toString(), QStringLiteral("text"));
    QCOMPARE(inner.value(QLatin1String("text")).toString(), s.thinking);
    QCOMPARE(content.at(1).toObject().value(QLatin1String("type")).toString(), QStringLiteral("text"));
    QCOMPARE(content.at(1).toObject().value(QLatin1String("text")).toString(), s.text);
}

void tst_FakeMistral::chatStreamFraming()
{
    QJsonObject body = userChat();
    body.insert(QStringLiteral("stream"), true);
    const Result r = chat(body);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.error, QNetworkReply::NoError);
    QCOMPARE(r.header("content-type"), QByteArrayLiteral("text/event-stream"));
    QVERIFY(r.hasHeader("x-ratelimit-remaining-tokens-minute"));
    QVERIFY(r.body.endsWith("data: [DONE]\n\n"));

    const QList<QByteArray> data = sseData(r.body);
    QCOMPARE(data.size(), 1 + 8 + 1);
    QCOMPARE(data.last(), QByteArrayLiteral("[DONE]"));
    QString text;
    QString id;
    for (qsizetype i = 0; i + 1 < data.size(); ++i) {
        const QJsonObject chunk = QJsonDocument::fromJson(data.at(i)).object();
        QCOMPARE(chunk.value(QLatin1String("object")).toString(), QStringLiteral("chat.completion.chunk"));
        QCOMPARE(chunk.value(QLatin1String("model")).toString(), QStringLiteral("mistral-small-latest"));
        if (i == 0)
            id = chunk.value(QLatin1String("id")).toString();
        QCOMPARE(chunk.value(QLatin1String("id")).toString(), id);
        const QJsonObject choice = chunk.value(QLatin1String("choices")).toArray().first().toObject();
        const QJsonObject delta = choice.value(QLatin1String("delta")).toObject();
        QCOMPARE(choice.value(QLatin1String("index")).toInt(-1), 0);
        QVERIFY(choice.contains(QLatin1String("finish_reason")));
        const bool last = i + 2 == data.size();
        if (i == 0) {
            QCOMPARE(delta,
                     (QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                                   {QStringLiteral("content"), QString()}}));
        }
        if (last) {
            QCOMPARE(choice.value(QLatin1String("finish_reason")).toString(), QStringLiteral("stop"));
            const QJsonObject usage = chunk.value(QLatin1String("usage")).toObject();
            QCOMPARE(usage.value(QLatin1String("prompt_tokens")).toInt(), 5);
            QCOMPARE(usage.value(QLatin1String("completion_tokens")).toInt(), 8);
            QCOMPARE(usage.value(QLatin1String("total_tokens")).toInt(), 13);
        } else {
            QVERIFY(choice.value(QLatin1String("finish_reason")).isNull());
            QVERIFY(!chunk.contains(QLatin1String("usage")));
        }
        text += delta.value(QLatin1String("content")).toString();
    }
    QCOMPARE(text, generatedText(8));

    FakeScript omit;
    omit.omitUsage = true;
    m_fake->enqueue(omit);
    const QList<QByteArray> noUsage = sseData(chat(body).body);
    QVERIFY(!QJsonDocument::fromJson(noUsage.at(noUsage.size() - 2)).object().contains(QLatin1String("usage")));
}

void tst_FakeMistral::chatStreamThinking()
{
    FakeScript s;
    s.thinking = QStringLiteral("Hmm, let me see");
    s.text = QStringLiteral("Forty-two");
    s.tokens = 2;
    m_fake->enqueue(s);
    QJsonObject body = userChat(QStringLiteral("magistral-medium-latest"));
    body.insert(QStringLiteral("stream"), true);
    const QList<QByteArray> data = sseData(chat(body).body);
    QString thinking;
    QString text;
    bool textStarted = false;
    for (qsizetype i = 1; i + 1 < data.size(); ++i) {
        const QJsonValue content = QJsonDocument::fromJson(data.at(i))
                                       .object()
                                       .value(QLatin1String("choices"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QLatin1String("delta"))
                                       .toObject()
                                       .value(QLatin1String("content"));
        if (content.isArray()) {
            QVERIFY(!textStarted);
            const QJsonObject chunk = content.toArray().first().toObject();
            QCOMPARE(chunk.value(QLatin1String("type")).toString(), QStringLiteral("thinking"));
            thinking += chunk.value(QLatin1String("thinking"))
                            .toArray()
                            .first()
                            .toObject()
                            .value(QLatin1String("text"))
                            .toString();
        } else {
            textStarted = true;
            text += content.toString();
        }
    }
    QCOMPARE(thinking, s.thinking);
    QCOMPARE(text, s.text);
}

void tst_FakeMistral::rawChunkedFramingAndKeepAlive()
{
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, m_fake->port());
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, kTimeoutMs);

    // A chunked request body, split in awkward places.
    const QByteArray json
        = QJsonDocument(QJsonObject {{QStringLiteral("model"), QStringLiteral("mistral-small-latest")},
                                     {QStringLiteral("stream"), true},
                                     {QStringLiteral("messages"), userChat().value(QLatin1String("messages"))}})
              .toJson(QJsonDocument::Compact);
    QByteArray request = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-key\r\n"
                         "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    const qsizetype half = json.size() / 2;
    request += QByteArray::number(half, 16) + "\r\n" + json.left(half) + "\r\n";
    request += QByteArray::number(json.size() - half, 16) + ";ext=1\r\n" + json.mid(half) + "\r\n0\r\n\r\n";
    socket.write(request.left(10));
    QTest::qWait(20);
    socket.write(request.mid(10));
    QTRY_VERIFY_WITH_TIMEOUT(received.endsWith("\r\n0\r\n\r\n"), kTimeoutMs);
    QCOMPARE(m_fake->requests().size(), 1);
    QCOMPARE(m_fake->requests().first().body, json);

    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    const QByteArray head = received.left(headEnd).toLower();
    QVERIFY(head.startsWith("http/1.1 200 ok\r\n"));
    QVERIFY(head.contains("\r\ntransfer-encoding: chunked"));
    QVERIFY(head.contains("\r\ncontent-type: text/event-stream"));
    QVERIFY(!head.contains("content-length"));
    // Every HTTP chunk holds exactly one SSE event.
    qsizetype pos = headEnd + 4;
    int events = 0;
    for (;;) {
        const qsizetype lineEnd = received.indexOf("\r\n", pos);
        QVERIFY(lineEnd > 0);
        bool ok = false;
        const qsizetype size = received.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
        QVERIFY(ok);
        if (size == 0)
            break;
        const QByteArray payload = received.mid(lineEnd + 2, size);
        QVERIFY2(payload.startsWith("data: ") && payload.endsWith("\n\n") && payload.count("\n\n") == 1,
                 payload.constData());
        QCOMPARE(received.mid(lineEnd + 2 + size, 2), QByteArrayLiteral("\r\n"));
        pos = lineEnd + 2 + size + 2;
        ++events;
    }
    QCOMPARE(events, 1 + 8 + 1);
    QCOMPARE(pos + 5, received.size());

    // Same connection, next request.
    received.clear();
    socket.write("GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-key\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("\r\n\r\n") && received.endsWith("}"), kTimeoutMs);
    QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
    QCOMPARE(m_fake->openConnections(), 1);

    // "Connection: close" is honoured.
    received.clear();
    socket.write("GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer test-key\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, kTimeoutMs);
    QVERIFY(received.toLower().contains("connection: close"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->openConnections(), 0, kTimeoutMs);
}

void tst_FakeMistral::expectContinue()
{
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, m_fake->port());
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, kTimeoutMs);
    const QByteArray json = QJsonDocument(userChat()).toJson(QJsonDocument::Compact);
    socket.write(
        "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-key\r\nExpect: 100-continue\r\n"
        "Content-Length: "
        + QByteArray::number(json.size()) + "\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(received, QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"), kTimeoutMs);
    socket.write(json);
    QTRY_VERIFY_WITH_TIMEOUT(received.endsWith("}}"), kTimeoutMs);
    QVERIFY(received.contains("HTTP/1.1 200 OK\r\n"));
}

void tst_FakeMistral::toolCallsNonStream()
{
    FakeScript s;
    s.kind = FakeScript::Kind::ToolCalls;
    s.toolCalls
        = {{QStringLiteral("D681PevKs"), QStringLiteral("get_time"), QStringLiteral("{\"tz\":\"UTC\"}")},
           {QStringLiteral("a1b2c3d4e"), QStringLiteral("get_weather"), QStringLiteral("{\"city\":\"Paris\"}")}};
    m_fake->enqueue(s);
    const QJsonObject choice = chat(userChat()).json().value(QLatin1String("choices")).toArray().first().toObject();
    QCOMPARE(choice.value(QLatin1String("finish_reason")).toString(), QStringLiteral("tool_calls"));
    const QJsonObject message = choice.value(QLatin1String("message")).toObject();
    QCOMPARE(message.value(QLatin1String("content")).toString(), QString());
    const QJsonArray calls = message.value(QLatin1String("tool_calls")).toArray();
    QCOMPARE(calls.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QJsonObject call = calls.at(i).toObject();
        QCOMPARE(call.value(QLatin1String("id")).toString(), s.toolCalls.at(i).id);
        QCOMPARE(call.value(QLatin1String("type")).toString(), QStringLiteral("function"));
        QCOMPARE(call.value(QLatin1String("index")).toInt(-1), i);
        const QJsonObject function = call.value(QLatin1String("function")).toObject();
        QCOMPARE(function.value(QLatin1String("name")).toString(), s.toolCalls.at(i).name);
        QCOMPARE(function.value(QLatin1String("arguments")).toString(), s.toolCalls.at(i).arguments);
    }
}

void tst_FakeMistral::toolCallsStreamWhole()
{
    FakeScript s;
    s.kind = FakeScript::Kind::ToolCalls;
    m_fake->enqueue(s); // no toolCalls given: a default get_weather call
    QJsonObject body = userChat();
    body.insert(QStringLiteral("stream"), true);
    const QList<QByteArray> data = sseData(chat(body).body);
    QCOMPARE(data.size(), 3);
    QCOMPARE(data.last(), QByteArrayLiteral("[DONE]"));
    const QJsonObject chunk = QJsonDocument::fromJson(data.at(1)).object();
    const QJsonObject choice = chunk.value(QLatin1String("choices")).toArray().first().toObject();
    QCOMPARE(choice.value(QLatin1String("finish_reason")).toString(), QStringLiteral("tool_calls"));
    QVERIFY(chunk.value(QLatin1String("usage")).toObject().value(QLatin1String("total_tokens")).toInt() > 0);
    const QJsonObject call = choice.value(QLatin1String("delta"))
                                 .toObject()
                                 .value(QLatin1String("tool_calls"))
                                 .toArray()
                                 .first()
                                 .toObject();
    QCOMPARE(call.value(QLatin1String("id")).toString().size(), 9);
    QCOMPARE(call.value(QLatin1String("index")).toInt(-1), 0);
    QCOMPARE(call.value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("get_weather"));
    QVERIFY(QJsonDocument::fromJson(
                call.value(QLatin1String("function")).toObject().value(QLatin1String("arguments")).toString().toUtf8())
                .isObject());
}

void tst_FakeMistral::toolCallsStreamFragmented()
{
    FakeScript s;
    s.kind = FakeScript::Kind::ToolCalls;
    s.fragmentedToolCalls = true;
    s.toolCalls = {
        {QStringLiteral("abcdefghi"), QStringLiteral("search"), QStringLiteral("{\"query\":\"caf\u00e9 in Lyon\"}")}};
    m_fake->enqueue(s);
    QJsonObject body = userChat();
    body.insert(QStringLiteral("stream"), true);
    const QList<QByteArray> data = sseData(chat(body).body);
    QVERIFY(data.size() > 4);
    QString arguments;
    QString id;
    QString name;
    for (qsizetype i = 1; i + 2 < data.size(); ++i) {
        const QJsonObject choice
            = QJsonDocument::fromJson(data.at(i)).object().value(QLatin1String("choices")).toArray().first().toObject();
        QVERIFY(choice.value(QLatin1String("finish_reason")).isNull());
        const QJsonObject call = choice.value(QLatin1String("delta"))
                                     .toObject()
                                     .value(QLatin1String("tool_calls"))
                                     .toArray()
                                     .first()
                                     .toObject();
        QCOMPARE(call.value(QLatin1String("index")).toInt(-1), 0);
        if (i == 1) {
            id = call.value(QLatin1String("id")).toString();
            name = call.value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString();
        } else {
            QVERIFY(!call.contains(QLatin1String("id")));
        }
        arguments += call.value(QLatin1String("function")).toObject().value(QLatin1String("arguments")).toString();
    }
    QCOMPARE(id, s.toolCalls.first().id);
    QCOMPARE(name, s.toolCalls.first().name);
    QCOMPARE(arguments, s.toolCalls.first().arguments);
    const QJsonObject last = QJsonDocument::fromJson(data.at(data.size() - 2)).object();
    QCOMPARE(last.value(QLatin1String("choices"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("finish_reason"))
                 .toString(),
             QStringLiteral("tool_calls"));
    QVERIFY(last.contains(QLatin1String("usage")));
}

void tst_FakeMistral::rejectsExtraFields_data()
{
    QTest::addColumn<QString>("field");
    for (const char *f : {"safe_mode", "max_completion_tokens", "stream_options", "store", "user", "seed", "metadata"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void tst_FakeMistral::rejectsExtraFields()
{
    QFETCH(QString, field);
    QJsonObject body = userChat();
    body.insert(field, true);
    const Result r = chat(body);
    QCOMPARE(r.status, 422);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QLatin1String("object")).toString(), QStringLiteral("error"));
    QCOMPARE(o.value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
    QVERIFY(o.value(QLatin1String("param")).isNull());
    QVERIFY(o.value(QLatin1String("code")).isNull());
    const QJsonArray detail = o.value(QLatin1String("message")).toObject().value(QLatin1String("detail")).toArray();
    QCOMPARE(detail.size(), 1);
    const QJsonObject entry = detail.first().toObject();
    QCOMPARE(entry.value(QLatin1String("type")).toString(), QStringLiteral("extra_forbidden"));
    QCOMPARE(entry.value(QLatin1String("loc")).toArray(), (QJsonArray {QStringLiteral("body"), field}));
    QVERIFY(!entry.value(QLatin1String("msg")).toString().isEmpty());
    QVERIFY(r.body.startsWith("{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\""));

    // The allowed spelling passes.
    body.remove(field);
    body.insert(QStringLiteral("safe_prompt"), true);
    body.insert(QStringLiteral("random_seed"), 7);
    QCOMPARE(chat(body).status, 200);
}

void tst_FakeMistral::rejectsMissingFields()
{
    const Result r = chat(QJsonObject {{QStringLiteral("temperature"), 0.3}});
    QCOMPARE(r.status, 422);
    const QJsonArray detail
        = r.json().value(QLatin1String("message")).toObject().value(QLatin1String("detail")).toArray();
    QCOMPARE(detail.size(), 2);
    QCOMPARE(detail.at(0).toObject().value(QLatin1String("type")).toString(), QStringLiteral("missing"));
    QCOMPARE(detail.at(0).toObject().value(QLatin1String("loc")).toArray(),
             (QJsonArray {QStringLiteral("body"), QStringLiteral("model")}));
    QCOMPARE(detail.at(0).toObject().value(QLatin1String("msg")).toString(), QStringLiteral("Field required"));
    QVERIFY(detail.at(0).toObject().contains(QLatin1String("input")));
    QCOMPARE(detail.at(1).toObject().value(QLatin1String("loc")).toArray(),
             (QJsonArray {QStringLiteral("body"), QStringLiteral("messages")}));

    const Result notJson = finish(send("POST", QStringLiteral("/v1/chat/completions"), "{oops"));
    QCOMPARE(notJson.status, 400);
    QCOMPARE(notJson.json().value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
}

void tst_FakeMistral::rejectsOpenAiToolCallId()
{
    QJsonObject body = userChat();
    body.insert(QStringLiteral("messages"),
                QJsonArray {
                    QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                                 {QStringLiteral("content"), QStringLiteral("weather?")}},
                    QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                                 {QStringLiteral("content"), QString()},
                                 {QStringLiteral("tool_calls"),
                                  QJsonArray {QJsonObject {
                                      {QStringLiteral("id"), QStringLiteral("call_abc123")},
                                      {QStringLiteral("type"), QStringLiteral("function")},
                                      {QStringLiteral("function"),
                                       QJsonObject {{QStringLiteral("name"), QStringLiteral("w")},
                                                    {QStringLiteral("arguments"), QStringLiteral("{}")}}}}}}},
                    QJsonObject {{QStringLiteral("role"), QStringLiteral("tool")},
                                 {QStringLiteral("tool_call_id"), QStringLiteral("call_abc123")},
                                 {QStringLiteral("content"), QStringLiteral("sunny")}},
                });
    const Result r = chat(body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
    QCOMPARE(r.json().value(QLatin1String("message")).toString(),
             QStringLiteral("Tool call id was call_abc123 but must be a-z, A-Z, 0-9, with a length of 9."));

    // Mapped to 9 alphanumerics, the same conversation is accepted.
    const QByteArray mapped = QJsonDocument(body).toJson().replace("call_abc123", "abc123XYZ");
    QCOMPARE(finish(send("POST", QStringLiteral("/v1/chat/completions"), mapped)).status, 200);
}

void tst_FakeMistral::rejectsInvalidModel()
{
    const Result r = chat(userChat(QStringLiteral("gpt-4o")));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body,
             QByteArrayLiteral("{\"object\":\"error\",\"message\":\"Invalid model: gpt-4o\",\"type\":\"invalid_model\","
                               "\"param\":null,\"code\":\"1500\",\"raw_status_code\":400}"));
    QCOMPARE(chat(userChat(QStringLiteral("mistral-large-2512"))).status, 200);
    QCOMPARE(chat(userChat(QStringLiteral("codestral-latest"))).status, 200);
}

void tst_FakeMistral::rejectsBadConversation_data()
{
    QTest::addColumn<QByteArray>("messages");
    QTest::addColumn<int>("status");
    QTest::newRow("last is assistant") << QByteArrayLiteral(
        R"([{"role":"user","content":"a"},{"role":"assistant","content":"b"}])")
                                       << 400;
    QTest::newRow("last is system") << QByteArrayLiteral(R"([{"role":"system","content":"a"}])") << 400;
    QTest::newRow("assistant without content") << QByteArrayLiteral(
        R"([{"role":"user","content":"a"},{"role":"assistant","content":null},{"role":"user","content":"c"}])")
                                               << 400;
    QTest::newRow("bad tool_call_id") << QByteArrayLiteral(
        R"([{"role":"user","content":"a"},{"role":"tool","tool_call_id":"12345678","content":"c"}])")
                                      << 400;
    QTest::newRow("unknown role") << QByteArrayLiteral(R"([{"role":"robot","content":"a"}])") << 422;
    QTest::newRow("prefix continuation is fine")
        << QByteArrayLiteral(R"([{"role":"user","content":"a"},{"role":"assistant","content":"Once","prefix":true}])")
        << 200;
    QTest::newRow("tool last is fine") << QByteArrayLiteral(
        R"([{"role":"user","content":"a"},{"role":"assistant","tool_calls":[{"id":"abcDEF123","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"abcDEF123","content":"c"}])")
                                       << 200;
}

void tst_FakeMistral::rejectsBadConversation()
{
    QFETCH(QByteArray, messages);
    QFETCH(int, status);
    QJsonObject body = userChat();
    body.insert(QStringLiteral("messages"), QJsonDocument::fromJson(messages).array());
    const Result r = chat(body);
    QCOMPARE(r.status, status);
    if (status == 400) {
        QCOMPARE(r.json().value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(!r.json().value(QLatin1String("message")).toString().isEmpty());
    }
}

void tst_FakeMistral::errorShapes_data()
{
    using S = FakeScript::ErrorShape;
    QTest::addColumn<int>("shape");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("invalid_request")
        << int(S::InvalidRequest) << 400
        << QByteArrayLiteral(
               R"({"object":"error","message":"Invalid request","type":"invalid_request_error","param":null,"code":null})");
    QTest::newRow("invalid_model")
        << int(S::InvalidModel) << 400
        << QByteArrayLiteral(R"({"object":"error","message":"Invalid model: mistral-small-latest",)"
                             R"("type":"invalid_model","param":null,"code":"1500","raw_status_code":400})");
    QTest::newRow("validation_422")
        << int(S::Validation422) << 422
        << QByteArrayLiteral(R"({"object":"error","message":{"detail":[{"type":"extra_forbidden",)"
                             R"("loc":["body","safe_mode"],"msg":"Extra inputs are not permitted",)"
                             R"("input":true}]},"type":"invalid_request_error","param":null,"code":null})");
    QTest::newRow("bare_detail_422")
        << int(S::BareDetail422) << 422
        << QByteArrayLiteral(R"({"detail":[{"loc":["body","messages"],"msg":"Field required","type":"missing"}]})");
    QTest::newRow("unauthorized_message")
        << int(S::UnauthorizedMessage) << 401 << QByteArrayLiteral(R"({"message":"Unauthorized","request_id":")");
    QTest::newRow("unauthorized_detail") << int(S::UnauthorizedDetail) << 401
                                         << QByteArrayLiteral(R"({"detail":"Unauthorized"})");
    QTest::newRow("not_found") << int(S::NotFound) << 404 << QByteArrayLiteral(R"({"detail":"Not Found"})");
    QTest::newRow("rate_limit_message") << int(S::RateLimitMessage) << 429
                                        << QByteArrayLiteral(R"({"message":"Requests rate limit exceeded"})");
    QTest::newRow("rate_limit_object")
        << int(S::RateLimitObject) << 429
        << QByteArrayLiteral(
               R"({"object":"error","message":"Rate limit exceeded","type":"rate_limited","param":null,"code":"1300"})");
    QTest::newRow("internal_error") << int(S::InternalError) << 500
                                    << QByteArrayLiteral(R"({"detail":"Internal Server Error"})");
    QTest::newRow("service_unavailable") << int(S::ServiceUnavailable) << 503
                                         << QByteArrayLiteral(R"({"detail":"Service Unavailable"})");
}

void tst_FakeMistral::errorShapes()
{
    QFETCH(int, shape);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    FakeScript s;
    s.kind = FakeScript::Kind::Error;
    s.errorShape = FakeScript::ErrorShape(shape);
    m_fake->enqueue(s);
    const Result r = chat(userChat());
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("content-type"), QByteArrayLiteral("application/json"));
    QVERIFY(r.hasHeader("x-ratelimit-remaining-req-minute"));
    if (FakeScript::ErrorShape(shape) == FakeScript::ErrorShape::UnauthorizedMessage)
        QCOMPARE(r.body, body + r.header("x-request-id") + "\"}");
    else
        QCOMPARE(r.body, body);
    QCOMPARE(m_fake->pendingScripts(), 0);
    QCOMPARE(chat(userChat()).status, 200); // the queue is empty again
}

void tst_FakeMistral::errorStatusOverride()
{
    FakeScript s;
    s.kind = FakeScript::Kind::Error;
    s.errorShape = FakeScript::ErrorShape::InternalError;
    s.status = 502;
    s.text = QStringLiteral("ignored for detail shapes");
    m_fake->enqueue(s);
    const Result r = get(QStringLiteral("/v1/models"));
    QCOMPARE(r.status, 502);
    QCOMPARE(r.body, QByteArrayLiteral(R"({"detail":"Internal Server Error"})"));

    FakeScript custom;
    custom.kind = FakeScript::Kind::Error;
    custom.text = QStringLiteral("Prompt is too long");
    m_fake->enqueue(custom);
    QCOMPARE(chat(userChat()).json().value(QLatin1String("message")).toString(), custom.text);
}

void tst_FakeMistral::rateLimitedRetryAfter()
{
    FakeScript s;
    s.kind = FakeScript::Kind::RateLimited;
    s.retryAfterSeconds = 7;
    m_fake->enqueue(s);
    FakeScript object;
    object.kind = FakeScript::Kind::RateLimited;
    object.errorShape = FakeScript::ErrorShape::RateLimitObject;
    m_fake->enqueue(object);

    const Result first = chat(userChat());
    QCOMPARE(first.status, 429);
    QCOMPARE(first.header("retry-after"), QByteArrayLiteral("7"));
    QCOMPARE(first.body, QByteArrayLiteral(R"({"message":"Requests rate limit exceeded"})"));
    const Result second = chat(userChat());
    QCOMPARE(second.status, 429);
    QVERIFY(!second.hasHeader("retry-after"));
    QCOMPARE(second.json().value(QLatin1String("code")).toString(), QStringLiteral("1300"));
}

void tst_FakeMistral::embeddings()
{
    const auto embed = [&](const QJsonArray &input) {
        return post(
            QStringLiteral("/v1/embeddings"),
            QJsonObject {{QStringLiteral("model"), QStringLiteral("mistral-embed")}, {QStringLiteral("input"), input}});
    };
    const Result r
        = embed(QJsonArray {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma \u00e9")});
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QLatin1String("object")).toString(), QStringLiteral("list"));
    QCOMPARE(o.value(QLatin1String("model")).toString(), QStringLiteral("mistral-embed"));
    QVERIFY(!o.value(QLatin1String("id")).toString().isEmpty());
    const QJsonObject usage = o.value(QLatin1String("usage")).toObject();
    QCOMPARE(usage.value(QLatin1String("prompt_tokens")).toInt(), 2 + 1 + 2); // ceil(utf8 bytes / 4) per input
    QCOMPARE(usage.value(QLatin1String("completion_tokens")).toInt(-1), 0);
    QCOMPARE(usage.value(QLatin1String("total_tokens")).toInt(), 5);
    const QJsonArray data = o.value(QLatin1String("data")).toArray();
    QCOMPARE(data.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const QJsonObject item = data.at(i).toObject();
        QCOMPARE(item.value(QLatin1String("object")).toString(), QStringLiteral("embedding"));
        QCOMPARE(item.value(QLatin1String("index")).toInt(-1), i);
        const QJsonArray v = item.value(QLatin1String("embedding")).toArray();
        QCOMPARE(v.size(), 1024);
        double norm = 0;
        for (const QJsonValue &x : v)
            norm += x.toDouble() * x.toDouble();
        QVERIFY(std::abs(std::sqrt(norm) - 1.0) < 1e-6);
    }
    QVERIFY(data.at(0).toObject().value(QLatin1String("embedding"))
            != data.at(1).toObject().value(QLatin1String("embedding")));

    // Deterministic per text, whatever the batch and position.
    const QJsonArray again = embed(QJsonArray {QStringLiteral("gamma \u00e9"), QStringLiteral("alpha")})
                                 .json()
                                 .value(QLatin1String("data"))
                                 .toArray();
    QCOMPARE(again.at(0).toObject().value(QLatin1String("embedding")),
             data.at(2).toObject().value(QLatin1String("embedding")));
    QCOMPARE(again.at(1).toObject().value(QLatin1String("embedding")),
             data.at(0).toObject().value(QLatin1String("embedding")));
    const Result single = post(QStringLiteral("/v1/embeddings"),
                               QJsonObject {{QStringLiteral("model"), QStringLiteral("mistral-embed")},
                                            {QStringLiteral("input"), QStringLiteral("beta")}});
    QCOMPARE(single.json().value(QLatin1String("data")).toArray().first().toObject().value(QLatin1String("embedding")),
             data.at(1).toObject().value(QLatin1String("embedding")));

    const Result extra = post(QStringLiteral("/v1/embeddings"),
                              QJsonObject {{QStringLiteral("model"), QStringLiteral("mistral-embed")},
                                           {QStringLiteral("input"), QStringLiteral("x")},
                                           {QStringLiteral("dimensions"), 8}});
    QCOMPARE(extra.status, 422);
    QVERIFY(extra.body.contains("extra_forbidden"));
}

void tst_FakeMistral::embeddingsDimensions()
{
    const auto dimension = [&](const QJsonObject &body) {
        return post(QStringLiteral("/v1/embeddings"), body)
            .json()
            .value(QLatin1String("data"))
            .toArray()
            .first()
            .toObject()
            .value(QLatin1String("embedding"))
            .toArray()
            .size();
    };
    const QJsonObject codestral {{QStringLiteral("model"), QStringLiteral("codestral-embed")},
                                 {QStringLiteral("input"), QStringLiteral("x")}};
    QCOMPARE(dimension(codestral), 1536);
    QJsonObject sized = codestral;
    sized.insert(QStringLiteral("output_dimension"), 256);
    QCOMPARE(dimension(sized), 256);
    FakeScript s;
    s.embeddingDimension = 8;
    m_fake->enqueue(s);
    QCOMPARE(dimension(codestral), 8);
}

void tst_FakeMistral::embeddingsTooBig()
{
    QJsonArray many;
    for (int i = 0; i < 513; ++i)
        many.append(QStringLiteral("t%1").arg(i));
    const Result tooMany = post(
        QStringLiteral("/v1/embeddings"),
        QJsonObject {{QStringLiteral("model"), QStringLiteral("mistral-embed")}, {QStringLiteral("input"), many}});
    QCOMPARE(tooMany.status, 400);
    QCOMPARE(tooMany.json().value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
    QVERIFY(tooMany.json()
                .value(QLatin1String("message"))
                .toString()
                .startsWith(QLatin1String("Too many tokens in batch.")));

    many.removeLast();
    QCOMPARE(
        post(QStringLiteral("/v1/embeddings"),
             QJsonObject {{QStringLiteral("model"), QStringLiteral("mistral-embed")}, {QStringLiteral("input"), many}})
            .json()
            .value(QLatin1String("data"))
            .toArray()
            .size(),
        512);

    // 5 x 4000 tokens > 16384.
    QJsonArray big;
    for (int i = 0; i < 5; ++i)
        big.append(QString(16000, QLatin1Char('a' + i)));
    const Result tooLong = post(
        QStringLiteral("/v1/embeddings"),
        QJsonObject {{QStringLiteral("model"), QStringLiteral("mistral-embed")}, {QStringLiteral("input"), big}});
    QCOMPARE(tooLong.status, 400);
    QVERIFY(tooLong.json()
                .value(QLatin1String("message"))
                .toString()
                .startsWith(QLatin1String("Too many tokens in batch.")));
    big.removeLast();
    QCOMPARE(
        post(QStringLiteral("/v1/embeddings"),
             QJsonObject {{QStringLiteral("model"), QStringLiteral("mistral-embed")}, {QStringLiteral("input"), big}})
            .status,
        200);
}

void tst_FakeMistral::fim()
{
    const QString path = QStringLiteral("/v1/fim/completions");
    const Result ok = post(path,
                           QJsonObject {{QStringLiteral("model"), QStringLiteral("codestral-latest")},
                                        {QStringLiteral("prompt"), QStringLiteral("def add(a, b):")},
                                        {QStringLiteral("suffix"), QStringLiteral("return c")},
                                        {QStringLiteral("min_tokens"), 1}});
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json().value(QLatin1String("object")).toString(), QStringLiteral("chat.completion"));
    QCOMPARE(ok.json().value(QLatin1String("usage")).toObject().value(QLatin1String("prompt_tokens")).toInt(),
             4 + 4 + 2);

    const Result missing = post(path, QJsonObject {{QStringLiteral("model"), QStringLiteral("codestral-latest")}});
    QCOMPARE(missing.status, 422);
    QVERIFY(missing.body.contains(R"("loc":["body","prompt"])"));
    const Result messages = post(path,
                                 QJsonObject {{QStringLiteral("model"), QStringLiteral("codestral-latest")},
                                              {QStringLiteral("prompt"), QStringLiteral("x")},
                                              {QStringLiteral("messages"), QJsonArray {}}});
    QCOMPARE(messages.status, 422);
}

// Qt 6.4's HTTP/1 reply takes a connection closed during the body for the end of the body, even
// when chunked or shorter than Content-Length, unless the close is noticed as a socket error first:
// QNetworkReply then finishes with NoError or RemoteHostClosedError depending on timing. A client
// must therefore detect the truncation itself (no "data: [DONE]", no finish_reason, short body).
void tst_FakeMistral::dropMidStream()
{
    FakeScript s;
    s.kind = FakeScript::Kind::DropMidStream;
    s.dropAfterEvents = 3;
    m_fake->enqueue(s);
    QJsonObject body = userChat();
    body.insert(QStringLiteral("stream"), true);
    const Result r = chat(body);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.error == QNetworkReply::NoError || r.error == QNetworkReply::RemoteHostClosedError,
             qPrintable(QString::number(r.error)));
    const QList<QByteArray> data = sseData(r.body);
    QCOMPARE(data.size(), 1 + 3);
    QVERIFY(!r.body.contains("[DONE]"));
    for (const QByteArray &event : data)
        QVERIFY(QJsonDocument::fromJson(event)
                    .object()
                    .value(QLatin1String("choices"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QLatin1String("finish_reason"))
                    .isNull());
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->openConnections(), 0, kTimeoutMs);
    QCOMPARE(m_fake->requests().size(), 1); // the client did not silently retry

    // On the wire: the server closes without the terminating 0-chunk.
    m_fake->enqueue(s);
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, m_fake->port());
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    socket.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-key\r\nContent-Length: "
                 + QByteArray::number(json.size()) + "\r\n\r\n" + json);
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, kTimeoutMs);
    QCOMPARE(received.count("data: "), 1 + 3);
    QVERIFY(received.endsWith("\n\n\r\n"));
    QVERIFY(!received.endsWith("0\r\n\r\n"));
}

void tst_FakeMistral::dropNonStream()
{
    FakeScript s;
    s.kind = FakeScript::Kind::DropMidStream;
    m_fake->enqueue(s);
    const Result r = chat(userChat());
    QVERIFY2(r.error == QNetworkReply::NoError || r.error == QNetworkReply::RemoteHostClosedError,
             qPrintable(QString::number(r.error)));
    QVERIFY(r.header("content-length").toLongLong() > r.body.size());
    QVERIFY(!r.body.isEmpty());
    QVERIFY(QJsonDocument::fromJson(r.body).isNull());
    QCOMPARE(m_fake->requests().size(), 1);
}

void tst_FakeMistral::malformedSse()
{
    FakeScript s;
    s.kind = FakeScript::Kind::MalformedSse;
    m_fake->enqueue(s);
    QJsonObject body = userChat();
    body.insert(QStringLiteral("stream"), true);
    const Result r = chat(body);
    QCOMPARE(r.error, QNetworkReply::NoError);
    const QList<QByteArray> data = sseData(r.body);
    QCOMPARE(data.size(), 1 + 1 + 8 + 1);
    QVERIFY(QJsonDocument::fromJson(data.at(0)).isObject());
    QVERIFY(QJsonDocument::fromJson(data.at(1)).isObject());
    QCOMPARE(data.at(2), QByteArrayLiteral("{not json"));
    QCOMPARE(data.last(), QByteArrayLiteral("[DONE]"));
}

void tst_FakeMistral::hangThenClientAbort()
{
    FakeScript s;
    s.kind = FakeScript::Kind::Hang;
    m_fake->enqueue(s);
    QNetworkReply *reply = send("POST", QStringLiteral("/v1/chat/completions"), QJsonDocument(userChat()).toJson());
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->requests().size(), 1, kTimeoutMs);
    QTest::qWait(100);
    QVERIFY(!reply->isFinished());
    QCOMPARE(m_fake->openConnections(), 1);
    reply->abort();
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    delete reply;
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->openConnections(), 0, kTimeoutMs);
}

void tst_FakeMistral::keepAlive()
{
    QCOMPARE(get(QStringLiteral("/v1/models")).status, 200);
    QJsonObject body = userChat();
    body.insert(QStringLiteral("stream"), true);
    QCOMPARE(chat(body).status, 200);
    QCOMPARE(chat(userChat()).status, 200);
    QCOMPARE(m_fake->requests().size(), 3);
    QCOMPARE(m_fake->openConnections(), 1);
    m_nam.reset(); // closing the client closes its idle connection
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->openConnections(), 0, kTimeoutMs);
}

void tst_FakeMistral::pacingAndFirstByteDelay()
{
    FakeScript s;
    s.tokens = 5;
    s.tokensPerSecond = 50; // one token every 20 ms
    s.firstByteDelayMs = 100;
    m_fake->enqueue(s);
    QJsonObject body = userChat();
    body.insert(QStringLiteral("stream"), true);
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *reply = send("POST", QStringLiteral("/v1/chat/completions"), QJsonDocument(body).toJson());
    QSignalSpy metaData(reply, &QNetworkReply::metaDataChanged);
    QVERIFY(metaData.wait(kTimeoutMs));
    const qint64 firstByte = clock.elapsed();
    QVERIFY2(firstByte >= 90, QByteArray::number(firstByte).constData());
    const Result r = finish(reply);
    const qint64 total = clock.elapsed();
    QVERIFY2(total - firstByte >= 80, QByteArray::number(total - firstByte).constData());
    QCOMPARE(sseData(r.body).size(), 1 + 5 + 1);
}

void tst_FakeMistral::scriptFromJson()
{
    const QJsonObject json = QJsonDocument::fromJson(R"({
        "kind": "rate_limited", "status": 503, "error_shape": "rate_limit_object", "retry_after": 2, "tokens": 40,
        "tokens_per_second": 100, "first_byte_delay_ms": 10, "drop_after_events": 5, "text": "hé", "thinking": "hmm",
        "tool_calls": [{"id": "abcDEF123", "name": "f", "arguments": {"a": 1}}, {"id": "zzzzzzzz9", "name": "g", "arguments": "{}"}],
        "fragmented_tool_calls": true, "embedding_dimension": 16, "omit_usage": true})")
                                 .object();
    const FakeScript s = FakeScript::fromJson(json);
    QCOMPARE(s.kind, FakeScript::Kind::RateLimited);
    QCOMPARE(s.status, 503);
    QCOMPARE(s.errorShape, FakeScript::ErrorShape::RateLimitObject);
    QCOMPARE(s.retryAfterSeconds, 2);
    QCOMPARE(s.tokens, 40);
    QCOMPARE(s.tokensPerSecond, 100);
    QCOMPARE(s.firstByteDelayMs, 10);
    QCOMPARE(s.dropAfterEvents, 5);
    QCOMPARE(s.text, QStringLiteral("h\u00e9"));
    QCOMPARE(s.thinking, QStringLiteral("hmm"));
    QCOMPARE(s.toolCalls.size(), 2);
    QCOMPARE(s.toolCalls.at(0).arguments, QStringLiteral("{\"a\":1}"));
    QCOMPARE(s.toolCalls.at(1).id, QStringLiteral("zzzzzzzz9"));
    QVERIFY(s.fragmentedToolCalls);
    QCOMPARE(s.embeddingDimension, 16);
    QVERIFY(s.omitUsage);

    const FakeScript defaults = FakeScript::fromJson({});
    QCOMPARE(defaults.kind, FakeScript::Kind::Normal);
    QCOMPARE(defaults.tokens, 8);
    QCOMPARE(defaults.retryAfterSeconds, -1);
    const QStringList kinds {QStringLiteral("normal"), QStringLiteral("tool_calls"),
                             QStringLiteral("error"),  QStringLiteral("rate_limited"),
                             QStringLiteral("drop"),   QStringLiteral("malformed_sse"),
                             QStringLiteral("hang")};
    for (int i = 0; i < kinds.size(); ++i)
        QCOMPARE(int(FakeScript::fromJson({{QStringLiteral("kind"), kinds.at(i)}}).kind), i);
    QCOMPARE(FakeScript::fromJson({{QStringLiteral("kind"), QStringLiteral("rate_limited")}}).errorShape,
             FakeScript::ErrorShape::RateLimitMessage);
    QCOMPARE(FakeScript::fromJson({{QStringLiteral("error_shape"), QStringLiteral("service_unavailable")}}).errorShape,
             FakeScript::ErrorShape::ServiceUnavailable);
}

void tst_FakeMistral::controlEndpoint()
{
    const Result queued = finish(send("POST", QStringLiteral("/_fake/script"),
                                      R"([{"kind":"error","error_shape":"internal_error"},{"tokens":2}])", false));
    QCOMPARE(queued.status, 200);
    QCOMPARE(queued.json().value(QLatin1String("queued")).toInt(), 2);
    QCOMPARE(m_fake->pendingScripts(), 2);
    QCOMPARE(chat(userChat()).status, 500);
    QCOMPARE(chat(userChat())
                 .json()
                 .value(QLatin1String("usage"))
                 .toObject()
                 .value(QLatin1String("completion_tokens"))
                 .toInt(),
             2);
    QCOMPARE(get(QStringLiteral("/_fake/requests"), false).json().value(QLatin1String("count")).toInt(), 2);
    QCOMPARE(finish(send("POST", QStringLiteral("/_fake/script"), R"({"kind":"hang"})", false)).status, 200);
    QCOMPARE(finish(send("POST", QStringLiteral("/_fake/reset"), {}, false)).status, 200);
    QCOMPARE(m_fake->pendingScripts(), 0);
    QCOMPARE(m_fake->requests().size(), 0); // control requests are not recorded

    FakeScript defaults;
    defaults.tokens = 3;
    m_fake->setDefaultScript(defaults);
    QCOMPARE(chat(userChat())
                 .json()
                 .value(QLatin1String("usage"))
                 .toObject()
                 .value(QLatin1String("completion_tokens"))
                 .toInt(),
             3);
}

void tst_FakeMistral::inlineScripts()
{
    const auto chatSaying = [](const QString &text) {
        QJsonObject body = userChat();
        body.insert(QStringLiteral("messages"),
                    QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                                             {QStringLiteral("content"), text}}});
        return body;
    };
    FakeScript queued;
    queued.tokens = 5;
    m_fake->enqueue(queued);

    // Off by default: the directive is just text, and the queue answers.
    const Result plain = chat(chatSaying(QStringLiteral("[fake kind=error status=503] hi")));
    QCOMPARE(plain.status, 200);
    QCOMPARE(plain.json().value(QLatin1String("usage")).toObject().value(QLatin1String("completion_tokens")).toInt(),
             5);

    m_fake->setInlineScripts(true);
    m_fake->enqueue(queued);
    const Result failed
        = chat(chatSaying(QStringLiteral("[fake kind=error error_shape=service_unavailable retry_after=0] hi")));
    QCOMPARE(failed.status, 503);
    QCOMPARE(failed.header("retry-after"), QByteArrayLiteral("0"));
    QCOMPARE(failed.body, QByteArrayLiteral(R"({"detail":"Service Unavailable"})"));
    QCOMPARE(m_fake->pendingScripts(), 1); // an inline script leaves the queue alone

    const Result tokens = chat(chatSaying(QStringLiteral("[fake tokens=3] hi")));
    QCOMPARE(tokens.json().value(QLatin1String("usage")).toObject().value(QLatin1String("completion_tokens")).toInt(),
             3);
    QCOMPARE(m_fake->pendingScripts(), 1);
    const Result fromQueue = chat(chatSaying(QStringLiteral("no directive")));
    QCOMPARE(
        fromQueue.json().value(QLatin1String("usage")).toObject().value(QLatin1String("completion_tokens")).toInt(), 5);
    QCOMPARE(m_fake->pendingScripts(), 0);

    const Result embed = post(QStringLiteral("/v1/embeddings"),
                              QJsonObject {{QStringLiteral("model"), QStringLiteral("mistral-embed")},
                                           {QStringLiteral("input"), QStringLiteral("[fake kind=rate_limited] x")}});
    QCOMPARE(embed.status, 429);

    const auto parsed = FakeMistral::inlineScript("{\"x\":\"[fake kind=drop drop_after_events=4 omit_usage=true]\"}");
    QVERIFY(parsed);
    QCOMPARE(parsed->kind, FakeScript::Kind::DropMidStream);
    QCOMPARE(parsed->dropAfterEvents, 4);
    QVERIFY(parsed->omitUsage);
    QVERIFY(!FakeMistral::inlineScript("[fake kind=error"));
    QVERIFY(!FakeMistral::inlineScript("no directive"));
}

void tst_FakeMistral::usageTally()
{
    const auto tokensOf = [](const QJsonObject &usage) {
        return usage.value(QLatin1String("prompt_tokens")).toInteger()
            + usage.value(QLatin1String("completion_tokens")).toInteger();
    };
    qint64 expected = 0;
    expected += tokensOf(chat(userChat()).json().value(QLatin1String("usage")).toObject());
    QJsonObject streamed = userChat();
    streamed.insert(QStringLiteral("stream"), true);
    const QList<QByteArray> events = sseData(chat(streamed).body);
    QVERIFY(events.size() >= 3);
    expected += tokensOf(
        QJsonDocument::fromJson(events.at(events.size() - 2)).object().value(QLatin1String("usage")).toObject());
    expected += tokensOf(post(QStringLiteral("/v1/embeddings"),
                              QJsonObject {{QStringLiteral("model"), QStringLiteral("mistral-embed")},
                                           {QStringLiteral("input"), QStringLiteral("abc")}})
                             .json()
                             .value(QLatin1String("usage"))
                             .toObject());
    QVERIFY(expected > 0);
    QCOMPARE(m_fake->usageTokensSent(), expected);
    QCOMPARE(m_fake->answersWithUsage(), 3);

    // Answers that carry no usage, or are cut before it, add nothing.
    FakeScript error;
    error.kind = FakeScript::Kind::Error;
    m_fake->enqueue(error);
    QCOMPARE(chat(userChat()).status, 400);
    FakeScript drop;
    drop.kind = FakeScript::Kind::DropMidStream;
    m_fake->enqueue(drop);
    chat(streamed);
    FakeScript noUsage;
    noUsage.omitUsage = true;
    m_fake->enqueue(noUsage);
    QCOMPARE(chat(userChat()).status, 200);
    QCOMPARE(get(QStringLiteral("/v1/models")).status, 200);
    QCOMPARE(m_fake->usageTokensSent(), expected);
    QCOMPARE(m_fake->answersWithUsage(), 3);

    // The control endpoint reports them, and reset keeps them (totals since start).
    QCOMPARE(finish(send("POST", QStringLiteral("/_fake/reset"), {}, false)).status, 200);
    const QJsonObject counts = get(QStringLiteral("/_fake/requests"), false).json();
    QCOMPARE(counts.value(QLatin1String("usage_tokens")).toInteger(), expected);
    QCOMPARE(counts.value(QLatin1String("answers_with_usage")).toInteger(), 3);
}

void tst_FakeMistral::destroyWithOpenStream()
{
    FakeScript slow;
    slow.tokens = 1000;
    slow.tokensPerSecond = 50;
    m_fake->enqueue(slow);
    FakeScript hang;
    hang.kind = FakeScript::Kind::Hang;
    m_fake->enqueue(hang);
    QJsonObject body = userChat();
    body.insert(QStringLiteral("stream"), true);
    QNetworkReply *streaming = send("POST", QStringLiteral("/v1/chat/completions"), QJsonDocument(body).toJson());
    QNetworkReply *hanging = send("POST", QStringLiteral("/v1/chat/completions"), QJsonDocument(body).toJson());
    QSignalSpy readyRead(streaming, &QNetworkReply::readyRead);
    QVERIFY(readyRead.wait(kTimeoutMs));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->requests().size(), 2, kTimeoutMs);
    QCOMPARE(m_fake->openConnections(), 2);
    m_fake.reset();
    const Result a = finish(streaming); // within the timeout: nothing is left hanging
    const Result b = finish(hanging);
    QVERIFY(a.status == 200 && !a.body.contains("[DONE]"));
    QVERIFY(b.error != QNetworkReply::NoError);
}

QTEST_GUILESS_MAIN(tst_FakeMistral)
#include "tst_FakeMistral.moc"
