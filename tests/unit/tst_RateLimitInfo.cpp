#include "api/RateLimitInfo.h"

#include <QTest>

using namespace md;

class TestRateLimitInfo : public QObject {
    Q_OBJECT
private slots:
    void readsMistralHeaders()
    {
        const RateLimitInfo info = RateLimitInfo::fromHeaders({{"X-RateLimit-Limit-Req-Minute", "60"},
                                                               {"x-ratelimit-remaining-req-minute", "59"},
                                                               {"x-ratelimit-limit-tokens-minute", "500000"},
                                                               {"x-ratelimit-remaining-tokens-minute", "499000"},
                                                               {"content-type", "application/json"}});
        QCOMPARE(info.requestsPerMinute, 60);
        QCOMPARE(info.requestsRemaining, 59);
        QCOMPARE(info.tokensPerMinute, 500000);
        QCOMPARE(info.tokensRemaining, 499000);
        QCOMPARE(info.retryAfterSeconds, -1);
        QVERIFY(!info.isEmpty());
        QVERIFY(RateLimitInfo::fromHeaders({{"content-type", "x"}}).isEmpty());
    }

    void retryAfterForms()
    {
        const QDateTime now(QDate(2026, 11, 25), QTime(12, 0, 0), Qt::UTC);
        QCOMPARE(RateLimitInfo::parseRetryAfter("5", now), 5);
        QCOMPARE(RateLimitInfo::parseRetryAfter(" 0 ", now), 0);
        QCOMPARE(RateLimitInfo::parseRetryAfter("1.2", now), 2); // rounded up: never retry early
        QCOMPARE(RateLimitInfo::parseRetryAfter("Wed, 25 Nov 2026 12:00:30 GMT", now), 30);
        QCOMPARE(RateLimitInfo::parseRetryAfter("Wed, 25 Nov 2026 11:00:00 GMT", now), 0); // in the past
        QCOMPARE(RateLimitInfo::parseRetryAfter("soon", now), -1);
        QCOMPARE(RateLimitInfo::parseRetryAfter("-3", now), -1);
        QCOMPARE(RateLimitInfo::fromHeaders({{"Retry-After", "3"}}, now).retryAfterSeconds, 3);
    }
};

QTEST_GUILESS_MAIN(TestRateLimitInfo)
#include "tst_RateLimitInfo.moc"
