#pragma once

#include <QImage>
#include <QList>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace md {

// The cosine similarity matrix of a set of inputs, painted as a square of coloured cells (a
// sequential colour scale stretched over the off-diagonal range, with its legend). Large sets
// arrive as an even sample of rows (EmbeddingMatrix::evenSample), so every cell is still a real pair:
// hovering shows the two texts and their score, a click asks for the first one's neighbours.
class SimilarityHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit SimilarityHeatmap(QWidget *parent = nullptr);

    // `indices` are rows of the full set (size m), `scores` the m x m matrix, `texts` the full set.
    void setMatrix(const QList<int> &indices, std::vector<float> scores, const QStringList &texts);
    void clear();

    int sampleSize() const { return int(m_indices.size()); }
    // The pair under a widget position: {row a, row b, score}; a = -1 when outside the matrix.
    struct Hit {
        int a = -1;
        int b = -1;
        float score = 0.0f;
    };
    Hit hitAt(const QPoint &pos) const;
    QRect matrixRect() const;
    static QColor colorFor(double t); // t in [0, 1] along the colour scale

    QSize sizeHint() const override { return {520, 480}; }
    QSize minimumSizeHint() const override { return {220, 200}; }

signals:
    void pairHovered(int a, int b, float score); // a = -1 when the mouse left the matrix
    void rowActivated(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    void rebuildImage();

    QList<int> m_indices;
    std::vector<float> m_scores;
    QStringList m_texts;
    QImage m_image;
    float m_low = 0.0f;
    float m_high = 1.0f;
    Hit m_hover;
};

} // namespace md
