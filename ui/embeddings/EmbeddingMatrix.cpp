#include "embeddings/EmbeddingMatrix.h"

#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace md {

namespace {
// Rows compared against the whole set in one pass: 32 rows of 1024 floats (128 KB) stay in L2
// while every other row streams past them once.
constexpr int kBlockRows = 32;

// The hot loops, built twice on x86-64 GCC: for AVX2 + FMA (x86-64-v3) and for the baseline, picked
// once at load time. Plain loops with OpenMP SIMD reductions: the compiler does the vectorising.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define MD_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define MD_VECTOR_CLONES
#endif

// out[i] = rows[i] . query for `count` consecutive rows.
MD_VECTOR_CLONES void dotRows(const float *__restrict query, const float *__restrict rows, int count, int dimension,
                              float *__restrict out)
{
    for (int i = 0; i < count; ++i) {
        const float *r = rows + std::size_t(i) * std::size_t(dimension);
        float sum = 0.0f;
#pragma omp simd reduction(+ : sum)
        for (int k = 0; k < dimension; ++k)
            sum += query[k] * r[k];
        out[i] = sum;
    }
}

// out[i] = a[i] . b for `count` rows of `a`, four at a time so each value of b is loaded once per
// four multiply-adds.
MD_VECTOR_CLONES void dotBlock(const float *__restrict a, int count, const float *__restrict b, int dimension,
                               float *__restrict out)
{
    const std::size_t d = std::size_t(dimension);
    int i = 0;
    for (; i + 4 <= count; i += 4) {
        const float *a0 = a + std::size_t(i) * d;
        const float *a1 = a0 + d;
        const float *a2 = a1 + d;
        const float *a3 = a2 + d;
        float s0 = 0.0f, s1 = 0.0f, s2 = 0.0f, s3 = 0.0f;
#pragma omp simd reduction(+ : s0, s1, s2, s3)
        for (int k = 0; k < dimension; ++k) {
            const float x = b[k];
            s0 += a0[k] * x;
            s1 += a1[k] * x;
            s2 += a2[k] * x;
            s3 += a3[k] * x;
        }
        out[i] = s0;
        out[i + 1] = s1;
        out[i + 2] = s2;
        out[i + 3] = s3;
    }
    for (; i < count; ++i) {
        const float *ai = a + std::size_t(i) * d;
        float sum = 0.0f;
#pragma omp simd reduction(+ : sum)
        for (int k = 0; k < dimension; ++k)
            sum += ai[k] * b[k];
        out[i] = sum;
    }
}

bool byScoreDescending(const EmbeddingMatrix::Neighbour &a, const EmbeddingMatrix::Neighbour &b)
{
    return a.score > b.score || (a.score == b.score && a.index < b.index);
}
} // namespace

EmbeddingMatrix::EmbeddingMatrix(const float *values, int rows, int dimension)
    : m_values(values, values + std::size_t(rows) * std::size_t(dimension))
    , m_rows(rows)
    , m_dimension(dimension)
{
    for (int i = 0; i < rows; ++i)
        normalise(m_values.data() + std::size_t(i) * std::size_t(dimension), dimension);
}

QVector<float> EmbeddingMatrix::unpackBits(const QVector<float> &packed, bool signedBytes)
{
    QVector<float> bits;
    bits.reserve(packed.size() * 8);
    for (const float value : packed) {
        const int byte = (int(std::lround(value)) + (signedBytes ? 128 : 0)) & 0xff;
        for (int bit = 7; bit >= 0; --bit)
            bits.append((byte >> bit) & 1 ? 1.0f : -1.0f);
    }
    return bits;
}

EmbeddingMatrix EmbeddingMatrix::fromVectors(const QList<QVector<float>> &vectors, const QString &dtype)
{
    if (vectors.isEmpty())
        return {};
    const bool packed = dtype == QLatin1String("binary") || dtype == QLatin1String("ubinary");
    const int dimension = int(vectors.constFirst().size()) * (packed ? 8 : 1);
    std::vector<float> values(std::size_t(vectors.size()) * std::size_t(dimension), 0.0f);
    for (qsizetype i = 0; i < vectors.size(); ++i) {
        const QVector<float> row = packed ? unpackBits(vectors.at(i), dtype == QLatin1String("binary")) : vectors.at(i);
        std::copy_n(row.constData(), std::min<qsizetype>(row.size(), dimension),
                    values.data() + std::size_t(i) * std::size_t(dimension));
    }
    return EmbeddingMatrix(values.data(), int(vectors.size()), dimension);
}

float EmbeddingMatrix::dot(const float *__restrict a, const float *__restrict b, int dimension)
{
    float sum = 0.0f;
#pragma omp simd reduction(+ : sum)
    for (int i = 0; i < dimension; ++i)
        sum += a[i] * b[i];
    return sum;
}

void EmbeddingMatrix::normalise(float *values, int dimension)
{
    const float norm = std::sqrt(dot(values, values, dimension));
    if (norm <= 0.0f)
        return;
    const float scale = 1.0f / norm;
#pragma omp simd
    for (int i = 0; i < dimension; ++i)
        values[i] *= scale;
}

void EmbeddingMatrix::similarities(const float *query, std::vector<float> &out) const
{
    std::vector<float> unit(query, query + m_dimension);
    normalise(unit.data(), m_dimension);
    out.resize(std::size_t(m_rows));
    if (m_rows > 0)
        dotRows(unit.data(), m_values.data(), m_rows, m_dimension, out.data());
}

std::vector<float> EmbeddingMatrix::similarities(const QVector<float> &query) const
{
    std::vector<float> out;
    if (query.size() != m_dimension)
        return out;
    similarities(query.constData(), out);
    return out;
}

QList<EmbeddingMatrix::Neighbour> EmbeddingMatrix::topK(const std::vector<float> &scores, int k, int exclude)
{
    std::vector<int> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    if (exclude >= 0 && exclude < int(order.size()))
        order.erase(order.begin() + exclude);
    const std::size_t take = std::min(order.size(), std::size_t(std::max(k, 0)));
    const auto better = [&scores](int a, int b) {
        return scores[std::size_t(a)] > scores[std::size_t(b)]
            || (scores[std::size_t(a)] == scores[std::size_t(b)] && a < b);
    };
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(take), order.end(), better);
    QList<Neighbour> out;
    out.reserve(qsizetype(take));
    for (std::size_t i = 0; i < take; ++i)
        out.append({order[i], scores[std::size_t(order[i])]});
    return out;
}

QList<EmbeddingMatrix::Neighbour> EmbeddingMatrix::neighbours(int i, int k) const
{
    if (i < 0 || i >= m_rows)
        return {};
    std::vector<float> scores;
    similarities(row(i), scores);
    return topK(scores, k, i);
}

std::vector<float> EmbeddingMatrix::subMatrix(const QList<int> &indices) const
{
    const std::size_t n = std::size_t(indices.size());
    std::vector<float> out(n * n, 0.0f);
    for (std::size_t a = 0; a < n; ++a) {
        out[a * n + a] = dot(row(indices[qsizetype(a)]), row(indices[qsizetype(a)]), m_dimension);
        for (std::size_t b = a + 1; b < n; ++b) {
            const float s = dot(row(indices[qsizetype(a)]), row(indices[qsizetype(b)]), m_dimension);
            out[a * n + b] = s;
            out[b * n + a] = s;
        }
    }
    return out;
}

QList<int> EmbeddingMatrix::evenSample(int rows, int count)
{
    QList<int> out;
    if (rows <= 0 || count <= 0)
        return out;
    if (rows <= count) {
        out.resize(rows);
        std::iota(out.begin(), out.end(), 0);
        return out;
    }
    out.reserve(count);
    for (int i = 0; i < count; ++i)
        out.append(int((qint64(i) * rows) / count));
    return out;
}

void EmbeddingMatrix::neighboursOfBlock(int first, int last, int k, QList<QList<Neighbour>> &out) const
{
    const int count = last - first;
    // One min-heap of the best k so far per row of the block: the worst kept score is at the front.
    std::vector<std::vector<Neighbour>> heaps;
    heaps.resize(std::size_t(count));
    for (auto &heap : heaps)
        heap.reserve(std::size_t(k) + 1);
    const auto worseFirst = [](const Neighbour &a, const Neighbour &b) { return byScoreDescending(a, b); };
    std::vector<float> scores(std::size_t(count), 0.0f);
    for (int j = 0; j < m_rows; ++j) {
        dotBlock(row(first), count, row(j), m_dimension, scores.data());
        for (int r = 0; r < count; ++r) {
            const int i = first + r;
            if (i == j)
                continue;
            const float s = scores[std::size_t(r)];
            auto &heap = heaps[std::size_t(r)];
            if (int(heap.size()) < k) {
                heap.push_back({j, s});
                std::push_heap(heap.begin(), heap.end(), worseFirst);
            } else if (s > heap.front().score) {
                std::pop_heap(heap.begin(), heap.end(), worseFirst);
                heap.back() = {j, s};
                std::push_heap(heap.begin(), heap.end(), worseFirst);
            }
        }
    }
    for (int r = 0; r < count; ++r) {
        auto &heap = heaps[std::size_t(r)];
        std::sort(heap.begin(), heap.end(), byScoreDescending);
        out[first + r] = QList<Neighbour>(heap.begin(), heap.end());
    }
}

namespace {
QThreadPool *makePool(const QString &name)
{
    auto *pool = new QThreadPool; // lives as long as the process: tasks may still run at exit
    pool->setObjectName(name);
    pool->setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    return pool;
}
} // namespace

QThreadPool *EmbeddingMatrix::threadPool()
{
    static QThreadPool *pool = makePool(QStringLiteral("embeddings"));
    return pool;
}

QThreadPool *EmbeddingMatrix::backgroundPool()
{
    static QThreadPool *pool = makePool(QStringLiteral("embeddings-background"));
    return pool;
}

QList<QList<EmbeddingMatrix::Neighbour>> EmbeddingMatrix::allNeighbours(int k, const std::atomic<bool> *stop) const
{
    QList<QList<Neighbour>> out(m_rows);
    if (k <= 0 || m_rows == 0)
        return out;
    QList<int> blocks;
    for (int first = 0; first < m_rows; first += kBlockRows)
        blocks.append(first);
    // Each block writes only its own rows of `out`, allocated above, so no locking is needed.
    QtConcurrent::blockingMap(backgroundPool(), blocks, [this, k, &out, stop](int first) {
        if (stop && stop->load(std::memory_order_relaxed))
            return;
        neighboursOfBlock(first, std::min(first + kBlockRows, m_rows), k, out);
    });
    return out;
}

QList<EmbeddingMatrix::Pair> EmbeddingMatrix::closestPairs(const QList<QList<Neighbour>> &neighbours, int count)
{
    std::vector<Pair> pairs;
    for (int i = 0; i < neighbours.size(); ++i) {
        for (const Neighbour &n : neighbours.at(i)) {
            if (n.index > i
                || !std::any_of(neighbours.at(n.index).cbegin(), neighbours.at(n.index).cend(),
                                [i](const Neighbour &back) { return back.index == i; }))
                pairs.push_back({std::min(i, n.index), std::max(i, n.index), n.score});
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const Pair &x, const Pair &y) {
        return x.score > y.score || (x.score == y.score && (x.a < y.a || (x.a == y.a && x.b < y.b)));
    });
    pairs.erase(
        std::unique(pairs.begin(), pairs.end(), [](const Pair &x, const Pair &y) { return x.a == y.a && x.b == y.b; }),
        pairs.end());
    if (int(pairs.size()) > count)
        pairs.resize(std::size_t(std::max(count, 0)));
    return QList<Pair>(pairs.begin(), pairs.end());
}

} // namespace md
