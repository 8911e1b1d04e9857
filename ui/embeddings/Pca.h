#pragma once

#include <QList>
#include <QPointF>

namespace md {

class EmbeddingMatrix;

// The first two principal components of a set of rows, for the 2-D map. Power iteration on the
// centred data (X^T X v computed as X^T (X v), never forming the d x d covariance), with the first
// component deflated out of the second: about 2 n d operations per iteration instead of n d^2.
class Pca {
public:
    struct Result {
        QList<QPointF> points;  // one per row: (score on PC1, score on PC2)
        double explained[2] {}; // share of the total variance each component carries
    };

    static Result project(const EmbeddingMatrix &matrix, int iterations = 60);
};

} // namespace md
