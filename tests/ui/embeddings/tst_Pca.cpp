#include "embeddings/EmbeddingMatrix.h"
#include "embeddings/Pca.h"

#include <QTest>

#include <cmath>

using namespace md;

// PCA on sets whose principal axes are known.
class TestPca : public QObject {
    Q_OBJECT
private slots:
    void findsTheAxesOfAFlatSet()
    {
        // Points on the unit circle in the (x, y) plane, stretched: after normalisation rows are
        // unit vectors spread mostly along x, less along y, not at all along z.
        std::vector<float> values;
        const int n = 36;
        for (int i = 0; i < n; ++i) {
            const double a = 2.0 * M_PI * i / n;
            values.insert(values.end(), {float(std::cos(a)), float(0.5 * std::sin(a)), 0.0f});
        }
        const EmbeddingMatrix m(values.data(), n, 3);
        const Pca::Result pca = Pca::project(m);
        QCOMPARE(pca.points.size(), n);
        QVERIFY(pca.explained[0] > pca.explained[1]);
        QVERIFY(pca.explained[1] > 0.0);
        QVERIFY(std::abs(pca.explained[0] + pca.explained[1] - 1.0) < 1e-3); // nothing along z
        // Row 0 is (1, 0, 0) and row 9 is (0, 1, 0) after normalisation: they land on different axes.
        QVERIFY(std::abs(std::abs(pca.points[0].x()) - 1.0) < 1e-3);
        QVERIFY(std::abs(pca.points[0].y()) < 1e-3);
        QVERIFY(std::abs(pca.points[9].x()) < 1e-3);
        QVERIFY(std::abs(pca.points[9].y()) > 0.5);
        // Centred: the projections average to zero.
        double sx = 0, sy = 0;
        for (const QPointF &p : pca.points) {
            sx += p.x();
            sy += p.y();
        }
        QVERIFY(std::abs(sx / n) < 1e-4);
        QVERIFY(std::abs(sy / n) < 1e-4);
    }

    void separatesTwoClusters()
    {
        // Two tight groups around different directions of a 16-dimensional space.
        std::vector<float> values;
        for (int i = 0; i < 20; ++i) {
            for (int j = 0; j < 16; ++j) {
                const float base = i < 10 ? (j < 8 ? 1.0f : 0.0f) : (j < 8 ? 0.0f : 1.0f);
                values.push_back(base + 0.01f * float((i * 7 + j * 3) % 5));
            }
        }
        const EmbeddingMatrix m(values.data(), 20, 16);
        const Pca::Result pca = Pca::project(m);
        QVERIFY(pca.explained[0] > 0.9);
        const bool firstPositive = pca.points[0].x() > 0;
        for (int i = 0; i < 20; ++i)
            QCOMPARE(pca.points[i].x() > 0, i < 10 ? firstPositive : !firstPositive);
    }

    void emptyAndTinySets()
    {
        QVERIFY(Pca::project(EmbeddingMatrix()).points.isEmpty());
        const float one[] = {1, 2, 3};
        QCOMPARE(Pca::project(EmbeddingMatrix(one, 1, 3)).points.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPca)
#include "tst_Pca.moc"
