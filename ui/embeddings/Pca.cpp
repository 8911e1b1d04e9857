#include "embeddings/Pca.h"

#include "embeddings/EmbeddingMatrix.h"

#include <cmath>
#include <vector>

namespace md {

namespace {

// y = X_c^T (X_c v) where X_c is X with `mean` subtracted from every row.
void covarianceTimes(const EmbeddingMatrix &m, const std::vector<float> &mean, const std::vector<float> &v,
                     std::vector<float> &y)
{
    const int d = m.dimension();
    const float meanDotV = EmbeddingMatrix::dot(mean.data(), v.data(), d);
    std::fill(y.begin(), y.end(), 0.0f);
    float sumOfProjections = 0.0f;
    for (int i = 0; i < m.rows(); ++i) {
        const float p = EmbeddingMatrix::dot(m.row(i), v.data(), d) - meanDotV;
        sumOfProjections += p;
        const float *r = m.row(i);
        for (int j = 0; j < d; ++j)
            y[std::size_t(j)] += p * r[j];
    }
    for (int j = 0; j < d; ++j)
        y[std::size_t(j)] -= sumOfProjections * mean[std::size_t(j)];
}

double normalised(std::vector<float> &v)
{
    double norm = 0.0;
    for (const float x : v)
        norm += double(x) * double(x);
    norm = std::sqrt(norm);
    if (norm > 0.0) {
        for (float &x : v)
            x = float(x / norm);
    }
    return norm;
}

void removeComponent(std::vector<float> &v, const std::vector<float> &axis)
{
    double along = 0.0;
    for (std::size_t j = 0; j < v.size(); ++j)
        along += double(v[j]) * double(axis[j]);
    for (std::size_t j = 0; j < v.size(); ++j)
        v[j] -= float(along) * axis[j];
}

} // namespace

Pca::Result Pca::project(const EmbeddingMatrix &matrix, int iterations)
{
    Result result;
    const int n = matrix.rows();
    const int d = matrix.dimension();
    if (n == 0 || d == 0)
        return result;
    std::vector<float> mean(std::size_t(d), 0.0f);
    double totalVariance = 0.0;
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < d; ++j)
            mean[std::size_t(j)] += matrix.row(i)[j];
    }
    for (float &x : mean)
        x /= float(n);
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < d; ++j) {
            const double c = double(matrix.row(i)[j]) - double(mean[std::size_t(j)]);
            totalVariance += c * c;
        }
    }

    std::vector<float> axes[2];
    double eigen[2] {};
    std::vector<float> y(std::size_t(d), 0.0f);
    for (int c = 0; c < 2; ++c) {
        // A fixed, uneven start so results are reproducible and not orthogonal to the answer by accident.
        std::vector<float> v(std::size_t(d), 0.0f);
        for (int j = 0; j < d; ++j)
            v[std::size_t(j)] = float(1.0 + 0.5 * std::sin(1.7 * (j + 1) * (c + 1)));
        if (c == 1)
            removeComponent(v, axes[0]);
        normalised(v);
        for (int it = 0; it < iterations; ++it) {
            covarianceTimes(matrix, mean, v, y);
            if (c == 1)
                removeComponent(y, axes[0]);
            eigen[c] = normalised(y);
            if (eigen[c] == 0.0)
                break;
            v.swap(y);
        }
        axes[c] = v;
    }

    result.points.reserve(n);
    const float meanOn[2]
        = {EmbeddingMatrix::dot(mean.data(), axes[0].data(), d), EmbeddingMatrix::dot(mean.data(), axes[1].data(), d)};
    for (int i = 0; i < n; ++i) {
        result.points.append(QPointF(EmbeddingMatrix::dot(matrix.row(i), axes[0].data(), d) - meanOn[0],
                                     EmbeddingMatrix::dot(matrix.row(i), axes[1].data(), d) - meanOn[1]));
    }
    for (int c = 0; c < 2; ++c)
        result.explained[c] = totalVariance > 0.0 ? eigen[c] / totalVariance : 0.0;
    return result;
}

} // namespace md
