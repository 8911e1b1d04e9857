#include "api/ApiError.h"

#include <QTest>

using namespace md;

class TestApiError : public QObject {
    Q_OBJECT
private slots:
    void decodesEveryShape_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("requestId");

        QTest::newRow("400 invalid_request")
            << 400
            << QByteArray(
                   R"({"object":"error","message":"Bad thing","type":"invalid_request_error","param":null,"code":null})")
            << QStringLiteral("Bad thing") << QStringLiteral("invalid_request_error") << QStringLiteral("")
            << QStringLiteral("");
        QTest::newRow("400 invalid_model")
            << 400
            << QByteArray(
                   R"({"object":"error","message":"Invalid model: x","type":"invalid_model","param":null,"code":"1500","raw_status_code":400})")
            << QStringLiteral("Invalid model: x") << QStringLiteral("invalid_model") << QStringLiteral("1500")
            << QStringLiteral("");
        QTest::newRow("422 nested")
            << 422
            << QByteArray(
                   R"({"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","safe_mode"],"msg":"Extra inputs are not permitted","input":true}]},"type":"invalid_request_error","param":null,"code":null})")
            << QStringLiteral("body.safe_mode: Extra inputs are not permitted")
            << QStringLiteral("invalid_request_error") << QStringLiteral("") << QStringLiteral("");
        QTest::newRow("422 bare detail")
            << 422
            << QByteArray(
                   R"({"detail":[{"loc":["body","messages",0,"role"],"msg":"Input should be 'user'","type":"literal_error"},{"loc":["body","model"],"msg":"Field required","type":"missing"}]})")
            << QStringLiteral("body.messages.0.role: Input should be 'user'; body.model: Field required")
            << QStringLiteral("") << QStringLiteral("") << QStringLiteral("");
        QTest::newRow("401 message") << 401 << QByteArray(R"({"message":"Unauthorized","request_id":"abc123"})")
                                     << QStringLiteral("Unauthorized") << QStringLiteral("") << QStringLiteral("")
                                     << QStringLiteral("abc123");
        QTest::newRow("401 detail") << 401 << QByteArray(R"({"detail":"Unauthorized"})")
                                    << QStringLiteral("Unauthorized") << QStringLiteral("") << QStringLiteral("")
                                    << QStringLiteral("");
        QTest::newRow("404") << 404 << QByteArray(R"({"detail":"Not Found"})") << QStringLiteral("Not Found")
                             << QStringLiteral("") << QStringLiteral("") << QStringLiteral("");
        QTest::newRow("429 message") << 429 << QByteArray(R"({"message":"Requests rate limit exceeded"})")
                                     << QStringLiteral("Requests rate limit exceeded") << QStringLiteral("")
                                     << QStringLiteral("") << QStringLiteral("");
        QTest::newRow("429 object")
            << 429
            << QByteArray(
                   R"({"object":"error","message":"Rate limit exceeded","type":"rate_limited","param":null,"code":"1300"})")
            << QStringLiteral("Rate limit exceeded") << QStringLiteral("rate_limited") << QStringLiteral("1300")
            << QStringLiteral("");
        QTest::newRow("500") << 500 << QByteArray(R"({"detail":"Internal Server Error"})")
                             << QStringLiteral("Internal Server Error") << QStringLiteral("") << QStringLiteral("")
                             << QStringLiteral("");
        QTest::newRow("openai shape")
            << 400
            << QByteArray(
                   R"({"error":{"message":"Oops","type":"invalid_request_error","param":"model","code":"model_not_found"}})")
            << QStringLiteral("Oops") << QStringLiteral("invalid_request_error") << QStringLiteral("model_not_found")
            << QStringLiteral("");
        QTest::newRow("numeric code") << 400 << QByteArray(R"({"message":"x","code":3051})") << QStringLiteral("x")
                                      << QStringLiteral("") << QStringLiteral("3051") << QStringLiteral("");
        QTest::newRow("html gateway page") << 502 << QByteArray("<html><body><h1>502 Bad Gateway</h1>\n</body></html>")
                                           << QStringLiteral("<html><body><h1>502 Bad Gateway</h1> </body></html>")
                                           << QStringLiteral("") << QStringLiteral("") << QStringLiteral("");
        QTest::newRow("empty body") << 503 << QByteArray() << QStringLiteral("Service Unavailable")
                                    << QStringLiteral("") << QStringLiteral("") << QStringLiteral("");
        QTest::newRow("not an object") << 500 << QByteArray("[1,2]") << QStringLiteral("[1,2]") << QStringLiteral("")
                                       << QStringLiteral("") << QStringLiteral("");
    }

    void decodesEveryShape()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QFETCH(QString, type);
        QFETCH(QString, code);
        QFETCH(QString, requestId);
        const ApiError e = ApiError::fromHttp(status, body);
        QCOMPARE(e.kind, ApiError::Kind::Http);
        QCOMPARE(e.httpStatus, status);
        QCOMPARE(e.message, message);
        QCOMPARE(e.type, type);
        QCOMPARE(e.code, code);
        QCOMPARE(e.requestId, requestId);
        QVERIFY(!e.userMessage().isEmpty());
        QVERIFY(e.toString().contains(QString::number(status)));
    }

    void userMessagesSayWhatToDo()
    {
        QVERIFY(
            ApiError::fromHttp(401, R"({"detail":"Unauthorized"})").userMessage().contains(QLatin1String("API key")));
        QVERIFY(
            ApiError::fromHttp(401, R"({"detail":"Unauthorized"})").userMessage().contains(QLatin1String("Settings")));
        QVERIFY(ApiError::fromHttp(400, R"({"message":"Invalid model: x","type":"invalid_model"})")
                    .userMessage()
                    .contains(QLatin1String("another model")));
        RateLimitInfo rl;
        rl.retryAfterSeconds = 12;
        QVERIFY(ApiError::fromHttp(429, R"({"message":"Requests rate limit exceeded"})", rl)
                    .userMessage()
                    .contains(QLatin1String("12 s")));
        QVERIFY(ApiError::fromHttp(503, {}).userMessage().contains(QLatin1String("Try again")));
        QVERIFY(ApiError::network(QStringLiteral("Connection refused"))
                    .userMessage()
                    .contains(QLatin1String("Connection refused")));
        QVERIFY(ApiError::timeout(30).userMessage().contains(QLatin1String("30 s")));
        QCOMPARE(ApiError::cancelled().userMessage(), QStringLiteral("Stopped."));
    }

    // Found by tests/fuzz/fuzz_ApiError: a "%2" in the server's message was replaced by the seconds.
    void userMessageKeepsTheServersTextVerbatim()
    {
        RateLimitInfo rl;
        rl.retryAfterSeconds = 7;
        const ApiError e = ApiError::fromHttp(429, R"({"message":"limit %1 of %2 reached"})", rl);
        QCOMPARE(e.userMessage(), QStringLiteral("Rate limit reached (limit %1 of %2 reached). You can retry in 7 s."));
    }

    void retryable()
    {
        for (int status : {429, 500, 502, 503, 504})
            QVERIFY2(ApiError::fromHttp(status, {}).isRetryable(), qPrintable(QString::number(status)));
        for (int status : {400, 401, 403, 404, 413, 422, 501})
            QVERIFY2(!ApiError::fromHttp(status, {}).isRetryable(), qPrintable(QString::number(status)));
        QVERIFY(ApiError::network(QStringLiteral("reset")).isRetryable());
        QVERIFY(!ApiError::timeout(5).isRetryable());
        QVERIFY(!ApiError::cancelled().isRetryable());
        QVERIFY(!ApiError::protocol(QStringLiteral("x")).isRetryable());
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_ApiError.moc"
