#pragma once

#include <QList>

namespace md {

// Heights and tops of the rows of a long list whose rows are mostly never laid out: each height is
// either exact (the row was laid out) or an estimate. Tops are prefix sums, rebuilt lazily from the
// first changed row, so growing the last row (streaming) costs O(1).
class RowGeometry {
public:
    void reset(int rows);
    void insert(int row, int count, int estimate);
    void remove(int row, int count);

    int count() const { return int(m_heights.size()); }
    int height(int row) const { return m_heights.at(row); }
    bool isExact(int row) const { return m_exact.at(row); }
    void setHeight(int row, int height, bool exact);
    void invalidateAll() { m_exact.fill(false); }

    qint64 top(int row); // row == count() gives the total height
    qint64 total() { return top(count()); }
    int rowAt(qint64 y); // the row covering y, clamped to [0, count - 1]; -1 when empty

private:
    void ensureTops();

    QList<int> m_heights;
    QList<bool> m_exact;
    QList<qint64> m_tops; // count + 1 entries when valid up to m_validTops
    int m_validTops = 0;  // tops[0..m_validTops] are right
};

} // namespace md
