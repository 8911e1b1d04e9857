#include "store/ConversationStore.h"
#include "store/UsageLedger.h"
#include "store/UsageWriter.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

namespace {

UsageRecord row(qint64 prompt, qint64 completion, std::optional<double> cost)
{
    return UsageRecord {QDateTime::currentDateTime(),
                        QStringLiteral("proxy"),
                        QStringLiteral("mistral-small-latest"),
                        QStringLiteral("chat"),
                        prompt,
                        completion,
                        cost};
}

} // namespace

// The headless proxy's batched ledger writes: one transaction per flush, nothing lost while the
// database cannot be written, bounded memory when it never can again.
class tst_UsageWriter : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        QString error;
        QVERIFY2(m_store.open(m_dir->filePath(QStringLiteral("u.sqlite")), &error), qPrintable(error));
    }
    void cleanup() { m_store.close(); }

    void flushWritesEveryKeptRowAndCountsThem()
    {
        UsageLedger ledger(&m_store);
        UsageWriter writer(&ledger);
        QVERIFY(writer.flush()); // nothing to do
        writer.add(row(10, 20, 0.5));
        writer.add(row(1, 2, std::nullopt));
        QCOMPARE(writer.pending(), 2);
        QCOMPARE(ledger.totals(QDate(2000, 1, 1), QDate(2100, 1, 1)).requests, 0); // nothing before the flush
        QVERIFY(writer.flush());
        QCOMPARE(writer.pending(), 0);
        const UsageBucket stored = ledger.totals(QDate(2000, 1, 1), QDate(2100, 1, 1));
        QCOMPARE(stored.requests, 2);
        QCOMPARE(stored.promptTokens, 11);
        QCOMPARE(stored.completionTokens, 22);
        QCOMPARE(stored.unpriced, 1);
        const UsageBucket written = writer.written();
        QCOMPARE(written.requests, 2);
        QCOMPARE(written.promptTokens, 11);
        QCOMPARE(written.completionTokens, 22);
        QCOMPARE(written.costUsd, 0.5);
        QCOMPARE(written.unpriced, 1);
    }

    // A read-only database (another program's lock, a permission change): the flush fails with the
    // store's sentence, the rows wait, and the next flush after it recovers writes them all once.
    void failedFlushKeepsTheRowsForTheNext()
    {
        UsageLedger ledger(&m_store);
        UsageWriter writer(&ledger);
        QSqlQuery q(m_store.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA query_only = ON")));
        writer.add(row(5, 5, 0.1));
        writer.add(row(6, 6, 0.1));
        QVERIFY(!writer.flush());
        QVERIFY(!writer.lastError().isEmpty());
        QCOMPARE(writer.pending(), 2);
        QCOMPARE(writer.written().requests, 0);
        writer.add(row(7, 7, 0.1));
        QVERIFY(!writer.flush());
        QVERIFY(q.exec(QStringLiteral("PRAGMA query_only = OFF")));
        QVERIFY(writer.flush());
        QVERIFY(writer.lastError().isEmpty());
        QCOMPARE(ledger.totals(QDate(2000, 1, 1), QDate(2100, 1, 1)).requests, 3);
        QCOMPARE(ledger.totals(QDate(2000, 1, 1), QDate(2100, 1, 1)).promptTokens, 18);
        QCOMPARE(writer.written().requests, 3);
        QCOMPARE(writer.dropped(), 0);
    }

    // The disk fills in the middle of a batch: none of the batch is stored (no half batch that the
    // retry would store twice), and the retry once there is room stores each row exactly once.
    void aBatchCutByAFullDiskIsStoredWholeLater()
    {
        UsageLedger ledger(&m_store);
        UsageWriter writer(&ledger);
        writer.add(row(1, 1, 0.0));
        QVERIFY(writer.flush());
        QSqlQuery q(m_store.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
        const qint64 pages = q.value(0).toLongLong();
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 2)));
        for (int i = 0; i < 3000; ++i) // ~3000 rows need far more than 2 more pages
            writer.add(row(2, 3, 0.001));
        QVERIFY(!writer.flush());
        QVERIFY2(writer.lastError().contains(QStringLiteral("disk is full")), qPrintable(writer.lastError()));
        QCOMPARE(ledger.totals(QDate(2000, 1, 1), QDate(2100, 1, 1)).requests, 1);
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
        QVERIFY(writer.flush());
        const UsageBucket stored = ledger.totals(QDate(2000, 1, 1), QDate(2100, 1, 1));
        QCOMPARE(stored.requests, 3001);
        QCOMPARE(stored.promptTokens, 1 + 3000 * 2);
        QCOMPARE(stored.completionTokens, 1 + 3000 * 3);
    }

    // A database that never comes back must not make a server grow without bound: beyond
    // kMaxPending the oldest rows go, and are counted.
    void pendingRowsAreBounded()
    {
        UsageLedger ledger(&m_store);
        UsageWriter writer(&ledger);
        for (qsizetype i = 0; i < UsageWriter::kMaxPending + 5; ++i)
            writer.add(row(i, 0, std::nullopt));
        QCOMPARE(writer.pending(), UsageWriter::kMaxPending);
        QCOMPARE(writer.dropped(), 5);
        QVERIFY(writer.flush());
        const QList<UsageRecord> kept
            = ledger.records(QDateTime::currentDateTime().addDays(-1), QDateTime::currentDateTime().addDays(1));
        QCOMPARE(kept.size(), UsageWriter::kMaxPending);
        QCOMPARE(kept.first().promptTokens, 5); // rows 0-4 were the ones dropped
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ConversationStore m_store;
};

QTEST_GUILESS_MAIN(tst_UsageWriter)
#include "tst_UsageWriter.moc"
