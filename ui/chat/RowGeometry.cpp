#include "chat/RowGeometry.h"

#include <algorithm>

namespace md {

void RowGeometry::reset(int rows)
{
    m_heights.fill(0, rows);
    m_exact.fill(false, rows);
    m_tops.fill(0, rows + 1);
    m_validTops = 0;
}

void RowGeometry::insert(int row, int count, int estimate)
{
    // tops[0..row] stay right: only rows before them count.
    m_heights.insert(row, count, estimate);
    m_exact.insert(row, count, false);
    m_validTops = std::min(m_validTops, row);
}

void RowGeometry::remove(int row, int count)
{
    m_heights.remove(row, count);
    m_exact.remove(row, count);
    m_validTops = std::min(m_validTops, row);
}

void RowGeometry::setHeight(int row, int height, bool exact)
{
    m_exact[row] = exact;
    if (m_heights.at(row) == height)
        return;
    m_heights[row] = height;
    m_validTops = std::min(m_validTops, row);
}

void RowGeometry::ensureTops()
{
    const int n = count();
    if (m_tops.size() != n + 1)
        m_tops.resize(n + 1);
    if (m_validTops >= n)
        return;
    m_tops[0] = 0;
    for (int i = m_validTops; i < n; ++i)
        m_tops[i + 1] = m_tops.at(i) + m_heights.at(i);
    m_validTops = n;
}

qint64 RowGeometry::top(int row)
{
    ensureTops();
    return m_tops.at(row);
}

int RowGeometry::rowAt(qint64 y)
{
    const int n = count();
    if (n == 0)
        return -1;
    ensureTops();
    // The last top <= y.
    const auto it = std::upper_bound(m_tops.cbegin(), m_tops.cbegin() + n, y);
    return std::clamp(int(it - m_tops.cbegin()) - 1, 0, n - 1);
}

} // namespace md
