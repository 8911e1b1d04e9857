#include "api/EmbeddingBatcher.h"

#include <QTest>

using namespace md;

// The splitting of EmbeddingBatcher, without a network: every batch within the limits, in order,
// covering every input exactly once.
class TestEmbeddingPlan : public QObject {
    Q_OBJECT
private:
    static void checkCovers(const QList<EmbeddingBatcher::Batch> &plan, int inputs)
    {
        int next = 0;
        for (const auto &b : plan) {
            QCOMPARE(b.first, next);
            QVERIFY(b.count > 0);
            next += b.count;
        }
        QCOMPARE(next, inputs);
    }

private slots:
    void estimateIsConservative()
    {
        // English averages ~4 bytes per token; the estimate must not be lower than bytes / 2.
        const QString english = QStringLiteral("The quick brown fox jumps over the lazy dog.");
        QVERIFY(EmbeddingBatcher::estimateTokens(english) >= english.toUtf8().size() / 2);
        const QString cjk = QStringLiteral("日本語のテキストです");
        QVERIFY(EmbeddingBatcher::estimateTokens(cjk) >= cjk.size()); // about one token per CJK character
        const QString emoji = QStringLiteral("🙂🙂🙂🙂");
        QVERIFY(EmbeddingBatcher::estimateTokens(emoji) >= emoji.toUtf8().size() / 2);
        QCOMPARE(EmbeddingBatcher::estimateTokens(QString()), 1);
    }

    void splitsByCount()
    {
        const QStringList inputs(1300, QStringLiteral("short"));
        const auto plan = EmbeddingBatcher::plan(inputs, {});
        QCOMPARE(plan.size(), 3);
        QCOMPARE(plan.at(0).count, 512);
        QCOMPARE(plan.at(1).count, 512);
        QCOMPARE(plan.at(2).count, 276);
        checkCovers(plan, 1300);
    }

    void splitsByTokens()
    {
        // 100 inputs of ~1,000 estimated tokens each: at most 16 per batch under 16,384.
        const QStringList inputs(100, QString(2000, QLatin1Char('a')));
        const auto plan = EmbeddingBatcher::plan(inputs, {});
        for (const auto &b : plan)
            QVERIFY2(b.estimatedTokens <= 16384, qPrintable(QString::number(b.estimatedTokens)));
        QCOMPARE(plan.first().count, 16);
        checkCovers(plan, 100);
    }

    void oversizedInputGetsItsOwnBatch()
    {
        QStringList inputs {QStringLiteral("a"), QString(40000, QLatin1Char('x')), QStringLiteral("b")};
        const auto plan = EmbeddingBatcher::plan(inputs, {});
        QCOMPARE(plan.size(), 3);
        QCOMPARE(plan.at(1).count, 1);
        checkCovers(plan, 3);
    }

    void customLimitsAndEmptyInput()
    {
        EmbeddingBatcher::Limits limits;
        limits.maxInputs = 3;
        const QStringList inputs(10, QStringLiteral("x"));
        const auto plan = EmbeddingBatcher::plan(inputs, limits);
        QCOMPARE(plan.size(), 4);
        checkCovers(plan, 10);
        QVERIFY(EmbeddingBatcher::plan({}, {}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEmbeddingPlan)
#include "tst_EmbeddingPlan.moc"
