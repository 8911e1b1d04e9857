#pragma once

#include <QList>
#include <QString>
#include <QThreadPool>
#include <QVector>

#include <atomic>
#include <cstddef>
#include <vector>

namespace md {

// A set of embeddings as one contiguous row-major float buffer, each row scaled to unit length once,
// so a cosine similarity is a plain dot product and one query against 10,000 x 1024 vectors is a
// single pass over 40 MB that the compiler vectorises (EmbeddingMatrix.cpp is always built with
// optimisation and OpenMP SIMD pragmas, also in debug builds).
class EmbeddingMatrix {
public:
    struct Neighbour {
        int index = -1;
        float score = 0.0f;
        friend bool operator==(const Neighbour &, const Neighbour &) = default;
    };
    struct Pair {
        int a = -1;
        int b = -1;
        float score = 0.0f;
    };

    EmbeddingMatrix() = default;
    // Copies `rows * dimension` floats and normalises each row (a zero row stays zero).
    EmbeddingMatrix(const float *values, int rows, int dimension);
    // Vectors as the API returned them for `dtype`: float/int8/uint8 are taken as numbers;
    // binary/ubinary are packed bits (binary = ubinary - 128), unpacked to +1/-1 per bit so the
    // cosine follows the Hamming distance. All vectors must have the same length.
    static EmbeddingMatrix fromVectors(const QList<QVector<float>> &vectors, const QString &dtype = {});
    static QVector<float> unpackBits(const QVector<float> &packed, bool signedBytes);

    int rows() const { return m_rows; }
    int dimension() const { return m_dimension; }
    bool isEmpty() const { return m_rows == 0; }
    const float *row(int i) const { return m_values.data() + std::size_t(i) * std::size_t(m_dimension); }
    const std::vector<float> &values() const { return m_values; }

    static float dot(const float *a, const float *b, int dimension);
    static void normalise(float *values, int dimension);
    // Cosine of one vector (any length, normalised here) against every row: `out` gets rows() scores.
    void similarities(const float *query, std::vector<float> &out) const;
    std::vector<float> similarities(const QVector<float> &query) const;
    // The `k` highest scores of `scores`, best first, skipping `exclude` (-1: none).
    static QList<Neighbour> topK(const std::vector<float> &scores, int k, int exclude = -1);
    // Nearest rows of row `i` (itself excluded).
    QList<Neighbour> neighbours(int i, int k) const;
    // The similarity matrix of a subset of rows: `indices.size()` squared, row-major.
    std::vector<float> subMatrix(const QList<int> &indices) const;
    // At most `count` rows spread evenly over the set (all rows when there are fewer).
    static QList<int> evenSample(int rows, int count);
    // The pool every heavy embeddings computation runs on. Not QThreadPool::globalInstance(): Qt's
    // raster paint engine splits large fills over the global pool and waits for them, so seconds
    // of vector math there froze painting (and so the GUI thread) until it was done.
    static QThreadPool *threadPool();
    // A second pool for the one job that takes seconds (allNeighbours on big sets), so the short
    // ones (normalising, PCA, exports) never queue behind it.
    static QThreadPool *backgroundPool();
    // Every row's `k` nearest other rows, in row blocks that run on backgroundPool() (call it off
    // the GUI thread): n x n dot products without ever holding the n x n matrix. Setting `stop`
    // ends it early (the rows not reached stay empty).
    QList<QList<Neighbour>> allNeighbours(int k, const std::atomic<bool> *stop = nullptr) const;
    // The `count` most similar distinct pairs, from allNeighbours(k) output.
    static QList<Pair> closestPairs(const QList<QList<Neighbour>> &neighbours, int count);

private:
    void neighboursOfBlock(int first, int last, int k, QList<QList<Neighbour>> &out) const;

    std::vector<float> m_values;
    int m_rows = 0;
    int m_dimension = 0;
};

} // namespace md
