#include "embeddings/EmbeddingMatrix.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace md;

// Similarity math on vectors whose cosines are known by hand.
class TestEmbeddingMatrix : public QObject {
    Q_OBJECT
private:
    static EmbeddingMatrix known()
    {
        // Rows: x axis, y axis, the diagonal of x and y (scaled: normalisation must undo it),
        // minus x, and a zero vector.
        const float values[] = {1, 0, 0, 0, 1, 0, 3, 3, 0, -2, 0, 0, 0, 0, 0};
        return EmbeddingMatrix(values, 5, 3);
    }

private slots:
    void rowsAreNormalisedOnce()
    {
        const EmbeddingMatrix m = known();
        QCOMPARE(m.rows(), 5);
        QCOMPARE(m.dimension(), 3);
        QVERIFY(std::abs(m.row(2)[0] - float(M_SQRT1_2)) < 1e-6f);
        QCOMPARE(m.row(3)[0], -1.0f);
        QCOMPARE(m.row(4)[0], 0.0f); // a zero row stays zero instead of becoming NaN
    }

    void similaritiesOfAQueryAreCosines()
    {
        const EmbeddingMatrix m = known();
        const std::vector<float> s = m.similarities(QVector<float> {10, 0, 0});
        QCOMPARE(s.size(), std::size_t(5));
        QVERIFY(std::abs(s[0] - 1.0f) < 1e-6f);
        QVERIFY(std::abs(s[1]) < 1e-6f);
        QVERIFY(std::abs(s[2] - float(M_SQRT1_2)) < 1e-6f);
        QVERIFY(std::abs(s[3] + 1.0f) < 1e-6f);
        QCOMPARE(s[4], 0.0f);
        QVERIFY(m.similarities(QVector<float> {1, 0}).empty()); // wrong dimension: nothing
    }

    void topKIsOrderedAndSkipsTheExcludedRow()
    {
        const std::vector<float> scores {0.1f, 0.9f, 0.5f, 0.9f, -0.3f};
        const QList<EmbeddingMatrix::Neighbour> top = EmbeddingMatrix::topK(scores, 3, 1);
        QCOMPARE(top.size(), 3);
        QCOMPARE(top[0].index, 3);
        QCOMPARE(top[1].index, 2);
        QCOMPARE(top[2].index, 0);
        QCOMPARE(EmbeddingMatrix::topK(scores, 50).size(), 5);
    }

    void neighboursOfARow()
    {
        const EmbeddingMatrix m = known();
        const QList<EmbeddingMatrix::Neighbour> n = m.neighbours(0, 2);
        QCOMPARE(n.size(), 2);
        QCOMPARE(n[0].index, 2); // the diagonal: cos 45° = 0.707
        QVERIFY(std::abs(n[0].score - float(M_SQRT1_2)) < 1e-6f);
        QVERIFY(n[1].index == 1 || n[1].index == 4); // both score 0
    }

    void subMatrixIsSymmetricWithUnitDiagonal()
    {
        const EmbeddingMatrix m = known();
        const std::vector<float> sub = m.subMatrix({0, 2, 3});
        QCOMPARE(sub.size(), std::size_t(9));
        QVERIFY(std::abs(sub[0] - 1.0f) < 1e-6f);
        QVERIFY(std::abs(sub[1] - float(M_SQRT1_2)) < 1e-6f);
        QCOMPARE(sub[1], sub[3]);
        QVERIFY(std::abs(sub[2] + 1.0f) < 1e-6f);
        QVERIFY(std::abs(sub[5] + float(M_SQRT1_2)) < 1e-6f);
    }

    void evenSampleSpreadsOverTheSet()
    {
        QCOMPARE(EmbeddingMatrix::evenSample(4, 10), QList<int>({0, 1, 2, 3}));
        const QList<int> sample = EmbeddingMatrix::evenSample(10000, 160);
        QCOMPARE(sample.size(), 160);
        QCOMPARE(sample.first(), 0);
        QVERIFY(sample.last() >= 9900);
        for (int i = 1; i < sample.size(); ++i)
            QVERIFY(sample[i] > sample[i - 1]);
    }

    void allNeighboursMatchesBruteForce()
    {
        // Random vectors, more rows than one block, against one query-vs-all pass per row.
        QRandomGenerator random(7);
        const int n = 150, d = 24;
        std::vector<float> values(std::size_t(n * d));
        for (float &v : values)
            v = float(random.generateDouble() * 2.0 - 1.0);
        const EmbeddingMatrix m(values.data(), n, d);
        const QList<QList<EmbeddingMatrix::Neighbour>> all = m.allNeighbours(3);
        QCOMPARE(all.size(), n);
        for (int i = 0; i < n; ++i) {
            const QList<EmbeddingMatrix::Neighbour> expected = m.neighbours(i, 3);
            QCOMPARE(all[i].size(), 3);
            for (int k = 0; k < 3; ++k) {
                QCOMPARE(all[i][k].index, expected[k].index);
                QVERIFY(std::abs(all[i][k].score - expected[k].score) < 1e-5f);
            }
        }
        const QList<EmbeddingMatrix::Pair> pairs = EmbeddingMatrix::closestPairs(all, 5);
        QCOMPARE(pairs.size(), 5);
        QVERIFY(pairs[0].a < pairs[0].b);
        QCOMPARE(pairs[0].score, all[pairs[0].a][0].score);
        for (int i = 1; i < pairs.size(); ++i) {
            QVERIFY(pairs[i].score <= pairs[i - 1].score);
            QVERIFY(pairs[i].a != pairs[i - 1].a || pairs[i].b != pairs[i - 1].b);
        }
    }

    void binaryVectorsAreUnpackedToSignedBits()
    {
        // ubinary 0b10100000 = 160; binary stores the same byte minus 128 = 32.
        const QVector<float> u = EmbeddingMatrix::unpackBits({160}, false);
        const QVector<float> b = EmbeddingMatrix::unpackBits({32}, true);
        const QVector<float> expected {1, -1, 1, -1, -1, -1, -1, -1};
        QCOMPARE(u, expected);
        QCOMPARE(b, expected);
        const EmbeddingMatrix m = EmbeddingMatrix::fromVectors({{160}, {160}, {163}}, QStringLiteral("ubinary"));
        QCOMPARE(m.dimension(), 8);
        QVERIFY(std::abs(EmbeddingMatrix::dot(m.row(0), m.row(1), 8) - 1.0f) < 1e-6f);
        // 163 = 0b10100011: differs in 2 of 8 bits -> (6 - 2) / 8.
        QVERIFY(std::abs(EmbeddingMatrix::dot(m.row(0), m.row(2), 8) - 0.5f) < 1e-6f);
    }
};

QTEST_GUILESS_MAIN(TestEmbeddingMatrix)
#include "tst_EmbeddingMatrix.moc"
