#include "api/RetryPolicy.h"

#include <QTest>

using namespace md;

class TestRetryPolicy : public QObject {
    Q_OBJECT
private slots:
    void retriesTransientFailuresOnly()
    {
        RetryPolicy p;
        p.maxRetries = 3;
        QVERIFY(p.shouldRetry(ApiError::fromHttp(429, {}), 1, false));
        QVERIFY(p.shouldRetry(ApiError::fromHttp(503, {}), 3, false));
        QVERIFY(!p.shouldRetry(ApiError::fromHttp(503, {}), 4, false)); // out of retries
        QVERIFY(!p.shouldRetry(ApiError::fromHttp(400, {}), 1, false));
        QVERIFY(!p.shouldRetry(ApiError::fromHttp(401, {}), 1, false));
        QVERIFY(p.shouldRetry(ApiError::network(QStringLiteral("refused")), 1, false));
        QVERIFY(!p.shouldRetry(ApiError::cancelled(), 1, false));
        QVERIFY(!p.shouldRetry(ApiError::timeout(5), 1, false));
    }

    void neverAfterContentWasDelivered()
    {
        RetryPolicy p;
        QVERIFY(!p.shouldRetry(ApiError::fromHttp(503, {}), 1, true));
        QVERIFY(!p.shouldRetry(ApiError::network(QStringLiteral("reset")), 1, true));
    }

    void retryAfterIsHonoured()
    {
        RetryPolicy p;
        RateLimitInfo rl;
        rl.retryAfterSeconds = 7;
        const ApiError e = ApiError::fromHttp(429, {}, rl);
        QCOMPARE(p.delayMs(e, 1), 7000);
        QCOMPARE(p.delayMs(e, 3), 7000);
        rl.retryAfterSeconds = 0;
        QCOMPARE(p.delayMs(ApiError::fromHttp(429, {}, rl), 1), 0);
    }

    void tooLongRetryAfterIsReportedNotWaited()
    {
        RetryPolicy p;
        p.maxRetryAfterSeconds = 60;
        RateLimitInfo rl;
        rl.retryAfterSeconds = 3600;
        QVERIFY(!p.shouldRetry(ApiError::fromHttp(429, {}, rl), 1, false));
    }

    void backoffGrowsWithJitterAndCap()
    {
        QRandomGenerator random(99);
        RetryPolicy p;
        p.baseDelayMs = 400;
        p.maxDelayMs = 5000;
        p.setRandomGenerator(&random);
        const ApiError e = ApiError::fromHttp(503, {});
        QSet<int> seen;
        for (int i = 0; i < 200; ++i) {
            const int d1 = p.delayMs(e, 1);
            QVERIFY(d1 >= 200 && d1 <= 400);
            const int d3 = p.delayMs(e, 3);
            QVERIFY(d3 >= 800 && d3 <= 1600);
            const int d10 = p.delayMs(e, 10);
            QVERIFY(d10 >= 2500 && d10 <= 5000);
            seen.insert(d3);
        }
        QVERIFY2(seen.size() > 50, "delays must be spread out, not fixed");
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_RetryPolicy.moc"
