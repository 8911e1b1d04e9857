#pragma once

#include <QList>
#include <QPointF>
#include <QStringList>
#include <QWidget>

namespace md {

// The 2-D PCA map of the inputs: one dot per text, labelled with the start of its text where
// labels fit (all of them for small sets, then the selected text, its neighbours and the hovered
// one), axes with the share of variance each component explains. Hover shows the text; a click
// selects it (the page then lists its nearest neighbours, which the map rings).
class ProjectionPlot : public QWidget {
    Q_OBJECT
public:
    explicit ProjectionPlot(QWidget *parent = nullptr);

    void setPoints(const QList<QPointF> &points, const QStringList &texts, double explained1, double explained2);
    void clear();
    void setSelected(int index, const QList<int> &neighbours = {});
    int selected() const { return m_selected; }
    int pointCount() const { return int(m_points.size()); }
    int pointAt(const QPoint &pos) const; // -1 when no dot is within a few pixels
    QPointF widgetPosition(int index) const;

    QSize sizeHint() const override { return {520, 480}; }
    QSize minimumSizeHint() const override { return {220, 200}; }

signals:
    void pointActivated(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotRect() const;

    QList<QPointF> m_points;
    QStringList m_texts;
    QRectF m_bounds;
    double m_explained[2] {};
    int m_selected = -1;
    QList<int> m_neighbours;
    int m_hover = -1;
};

} // namespace md
