#include "proxy/ProxyLogEntry.h"

#include <QJsonDocument>
#include <QTest>

using namespace md;

// toJsonLine() is written by hand for speed; it must say exactly what toJson() says.
class TestProxyLogEntry : public QObject {
    Q_OBJECT
private:
    static void verifySameAsToJson(const ProxyLogEntry &e)
    {
        const QByteArray line = e.toJsonLine();
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        QJsonParseError error {};
        const QJsonDocument parsed = QJsonDocument::fromJson(line, &error);
        QVERIFY2(error.error == QJsonParseError::NoError,
                 qPrintable(error.errorString() + QLatin1String(": ") + QString::fromUtf8(line)));
        QCOMPARE(parsed.object(), e.toJson());
        // Same keys in the same (sorted) order, so the bytes match QJsonDocument's too.
        QCOMPARE(line, QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) + '\n');
    }

private slots:
    void minimalEntry()
    {
        ProxyLogEntry e;
        e.time = QDateTime(QDate(2026, 11, 25), QTime(23, 25, 46, 7), Qt::UTC);
        e.client = QStringLiteral("127.0.0.1");
        e.method = QStringLiteral("GET");
        e.path = QStringLiteral("/v1/models");
        e.status = 200;
        verifySameAsToJson(e);
        QVERIFY(e.toJsonLine().contains("\"time\":\"2026-11-25T23:25:46.007Z\""));
    }

    void everyField()
    {
        ProxyLogEntry e;
        e.time = QDateTime::currentDateTimeUtc();
        e.client = QStringLiteral("::1");
        e.method = QStringLiteral("POST");
        e.path = QStringLiteral("/v1/chat/completions");
        e.model = QStringLiteral("mistral-small-latest");
        e.status = 502;
        e.latencyMs = 1234;
        e.firstByteMs = 0;
        e.streamed = true;
        e.usage.promptTokens = 12;
        e.usage.completionTokens = 345;
        e.usage.totalTokens = 357;
        e.costUsd = 0.000123456789;
        e.error = QStringLiteral("The Mistral API sent a malformed answer: \"bad\" \\ line\nnext\ttab \x01 é 😀");
        e.translated = {QStringLiteral("seed->random_seed"), QStringLiteral("stream_options")};
        e.requestBody = "{\"messages\":[{\"content\":\"quote \\\" and \\u00e9\"}]}\r\n";
        e.responseBody = QByteArray("bytes \x02\x1f and invalid UTF-8 \xff end");
        verifySameAsToJson(e);
    }

    void costAndTimesAcrossValues_data()
    {
        QTest::addColumn<double>("cost");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("zero") << 0.0 << qint64(0);
        QTest::newRow("whole") << 2.0 << qint64(999);
        QTest::newRow("tiny") << 1e-9 << qint64(1);
        QTest::newRow("large") << 12345.678 << qint64(500);
    }
    void costAndTimesAcrossValues()
    {
        QFETCH(double, cost);
        QFETCH(qint64, ms);
        ProxyLogEntry e;
        e.time = QDateTime::fromMSecsSinceEpoch(1795000000000 + ms, Qt::UTC);
        e.costUsd = cost;
        verifySameAsToJson(e);
    }

    void nonUtcAndInvalidTimes()
    {
        ProxyLogEntry e;
        verifySameAsToJson(e); // no time at all
        e.time = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::OffsetFromUTC, 3600);
        verifySameAsToJson(e);
    }
};

QTEST_APPLESS_MAIN(TestProxyLogEntry)
#include "tst_ProxyLogEntry.moc"
