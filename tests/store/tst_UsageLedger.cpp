#include "store/ConversationStore.h"
#include "store/UsageLedger.h"

#include <QTemporaryDir>
#include <QTest>

using namespace md;

namespace {

UsageRecord rec(const QDateTime &time, const QString &source, const QString &model, qint64 in, qint64 out,
                std::optional<double> cost, const QString &endpoint = QStringLiteral("chat"))
{
    return UsageRecord {time, source, model, endpoint, in, out, cost};
}

} // namespace

class tst_UsageLedger : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        QString error;
        QVERIFY2(m_store.open(m_dir->filePath(QStringLiteral("h.sqlite")), &error), qPrintable(error));
        m_day1 = QDate(2025, 3, 10);
        m_day2 = QDate(2025, 3, 11);
        UsageLedger ledger(&m_store);
        // Local times: 23:59 belongs to day 1, 00:00 to day 2.
        QVERIFY(ledger.record(rec(QDateTime(m_day1, QTime(9, 0)), QStringLiteral("chat"),
                                  QStringLiteral("mistral-large-latest"), 100, 50, 0.002)));
        QVERIFY(ledger.record(rec(QDateTime(m_day1, QTime(23, 59, 59)), QStringLiteral("proxy"),
                                  QStringLiteral("mistral-large-latest"), 200, 100, 0.004)));
        QVERIFY(ledger.record(rec(QDateTime(m_day1, QTime(12, 0)), QStringLiteral("compare"),
                                  QStringLiteral("codestral-latest"), 10, 5, std::nullopt, QStringLiteral("fim"))));
        QVERIFY(ledger.record(rec(QDateTime(m_day2, QTime(0, 0)), QStringLiteral("proxy"),
                                  QStringLiteral("mistral-large-latest"), 1, 2, 0.5)));
        QVERIFY(ledger.record(rec(QDateTime(m_day2, QTime(8, 0)), QStringLiteral("chat"),
                                  QStringLiteral("my,\"odd\" model"), 3, 4, std::nullopt)));
        // Outside every range asked below.
        QVERIFY(ledger.record(rec(QDateTime(m_day2.addDays(1), QTime(0, 0)), QStringLiteral("chat"),
                                  QStringLiteral("mistral-large-latest"), 1000, 1000, 9.0)));
    }
    void cleanup() { m_store.close(); }

    void recordsInOrder()
    {
        UsageLedger ledger(&m_store);
        const QList<UsageRecord> all = ledger.records(QDateTime(m_day1, QTime(0, 0)), QDateTime(m_day2, QTime(0, 0)));
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).time, QDateTime(m_day1, QTime(9, 0)));
        QCOMPARE(all.at(1).model, QStringLiteral("codestral-latest"));
        QCOMPARE(all.at(1).endpoint, QStringLiteral("fim"));
        QVERIFY(!all.at(1).costUsd);
        QCOMPARE(*all.at(2).costUsd, 0.004);
    }

    void perDayPerModelPerSourceAndTotals()
    {
        UsageLedger ledger(&m_store);
        const QList<UsageBucket> days = ledger.perDay(m_day1, m_day2);
        QCOMPARE(days.size(), 4);
        QCOMPARE(days.at(0).day, m_day1);
        QCOMPARE(days.at(0).model, QStringLiteral("codestral-latest"));
        QCOMPARE(days.at(0).requests, 1);
        QCOMPARE(days.at(0).unpriced, 1);
        QCOMPARE(days.at(0).costUsd, 0.0);
        QCOMPARE(days.at(1).day, m_day1);
        QCOMPARE(days.at(1).model, QStringLiteral("mistral-large-latest"));
        QCOMPARE(days.at(1).requests, 2);
        QCOMPARE(days.at(1).promptTokens, 300);
        QCOMPARE(days.at(1).completionTokens, 150);
        QVERIFY(qFuzzyCompare(days.at(1).costUsd, 0.006));
        QCOMPARE(days.at(1).unpriced, 0);
        QCOMPARE(days.at(2).day, m_day2);
        QCOMPARE(days.at(3).model, QStringLiteral("my,\"odd\" model"));

        const QList<UsageBucket> models = ledger.perModel(m_day1, m_day2);
        QCOMPARE(models.size(), 3);
        QCOMPARE(models.at(1).model, QStringLiteral("mistral-large-latest"));
        QCOMPARE(models.at(1).requests, 3);
        QVERIFY(qFuzzyCompare(models.at(1).costUsd, 0.506));
        QVERIFY(!models.at(1).day.isValid());

        const QList<UsageBucket> sources = ledger.perSource(m_day1, m_day2);
        QCOMPARE(sources.size(), 3);
        QCOMPARE(sources.at(0).source, QStringLiteral("chat"));
        QCOMPARE(sources.at(0).requests, 2);
        QCOMPARE(sources.at(0).unpriced, 1);
        QCOMPARE(sources.at(2).source, QStringLiteral("proxy"));
        QVERIFY(qFuzzyCompare(sources.at(2).costUsd, 0.504));

        const UsageBucket total = ledger.totals(m_day1, m_day2);
        QCOMPARE(total.requests, 5);
        QCOMPARE(total.promptTokens, 314);
        QCOMPARE(total.completionTokens, 161);
        QVERIFY(qFuzzyCompare(total.costUsd, 0.506));
        QCOMPARE(total.unpriced, 2); // counted apart: unknown, not $0

        const UsageBucket one = ledger.totals(m_day2, m_day2);
        QCOMPARE(one.requests, 2);
        QCOMPARE(ledger.totals(QDate(2020, 1, 1), QDate(2020, 1, 2)).requests, 0);
    }

    void csvQuotesByRfc4180()
    {
        UsageLedger ledger(&m_store);
        const QString csv = ledger.toCsv(m_day1, m_day2);
        const QStringList lines = csv.split(QStringLiteral("\r\n"));
        QCOMPARE(lines.size(), 7); // header, 5 records, empty after the last CRLF
        QCOMPARE(lines.at(0), QStringLiteral("time,source,model,endpoint,prompt_tokens,completion_tokens,cost_usd"));
        QVERIFY(lines.at(1).startsWith(QDateTime(m_day1, QTime(9, 0)).toUTC().toString(Qt::ISODateWithMs)));
        QVERIFY(lines.at(1).endsWith(QStringLiteral(",chat,mistral-large-latest,chat,100,50,0.002000")));
        QVERIFY(lines.at(2).endsWith(QStringLiteral(",compare,codestral-latest,fim,10,5,")));
        QVERIFY2(lines.at(5).endsWith(QStringLiteral(",chat,\"my,\"\"odd\"\" model\",chat,3,4,")),
                 qPrintable(lines.at(5)));
        QVERIFY(lines.at(6).isEmpty());
    }

    void failsCleanlyWhenClosed()
    {
        m_store.close();
        UsageLedger ledger(&m_store);
        QVERIFY(
            !ledger.record(rec(QDateTime::currentDateTime(), QStringLiteral("chat"), QStringLiteral("m"), 1, 1, 1.0)));
        QVERIFY(!ledger.lastError().isEmpty());
        QVERIFY(ledger.perDay(m_day1, m_day2).isEmpty());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ConversationStore m_store;
    QDate m_day1, m_day2;
};

QTEST_GUILESS_MAIN(tst_UsageLedger)
#include "tst_UsageLedger.moc"
