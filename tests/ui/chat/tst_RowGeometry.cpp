#include "chat/RowGeometry.h"

#include <QTest>

using namespace md;

class tst_RowGeometry : public QObject {
    Q_OBJECT
private:
    // Tops recomputed from scratch, to compare with the lazily maintained ones.
    static void verifyTops(RowGeometry &g)
    {
        qint64 y = 0;
        for (int row = 0; row < g.count(); ++row) {
            QCOMPARE(g.top(row), y);
            QCOMPARE(g.rowAt(y), row);
            y += g.height(row);
        }
        QCOMPARE(g.total(), y);
    }

private slots:
    void topsFollowEveryChange()
    {
        RowGeometry g;
        g.reset(5);
        for (int row = 0; row < 5; ++row)
            g.setHeight(row, 10 * (row + 1), false);
        verifyTops(g);
        QCOMPARE(g.total(), 150);
        g.insert(5, 1, 7); // append, as streaming does
        verifyTops(g);
        QCOMPARE(g.total(), 157);
        g.setHeight(5, 70, true); // the growing last row
        QVERIFY(g.isExact(5));
        verifyTops(g);
        g.insert(0, 2, 3);
        verifyTops(g);
        g.remove(7, 1); // the last row
        verifyTops(g);
        QCOMPARE(g.total(), 156);
        g.remove(0, 3);
        verifyTops(g);
        QCOMPARE(g.count(), 4);
        g.invalidateAll();
        QVERIFY(!g.isExact(0));
        QCOMPARE(g.rowAt(-5), 0);
        QCOMPARE(g.rowAt(1000000), 3);
        g.reset(0);
        QCOMPARE(g.rowAt(0), -1);
        QCOMPARE(g.total(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_RowGeometry)
#include "tst_RowGeometry.moc"
