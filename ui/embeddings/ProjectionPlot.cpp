#include "embeddings/ProjectionPlot.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace md {

namespace {
constexpr int kLabelAllUpTo = 60; // above this many points only the interesting ones are labelled

QString labelText(const QString &text, int chars = 28)
{
    QString flat = text.simplified();
    return flat.size() > chars ? flat.left(chars - 1) + QChar(0x2026) : flat;
}
} // namespace

ProjectionPlot::ProjectionPlot(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAccessibleName(tr("2-D projection of the embeddings (PCA)"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ProjectionPlot::setPoints(const QList<QPointF> &points, const QStringList &texts, double explained1,
                               double explained2)
{
    m_points = points;
    m_texts = texts;
    m_explained[0] = explained1;
    m_explained[1] = explained2;
    m_selected = -1;
    m_neighbours.clear();
    m_hover = -1;
    m_bounds = {};
    if (!points.isEmpty()) {
        double x0 = points.constFirst().x(), x1 = x0, y0 = points.constFirst().y(), y1 = y0;
        for (const QPointF &p : points) {
            x0 = std::min(x0, p.x());
            x1 = std::max(x1, p.x());
            y0 = std::min(y0, p.y());
            y1 = std::max(y1, p.y());
        }
        const double padX = std::max((x1 - x0) * 0.06, 1e-6);
        const double padY = std::max((y1 - y0) * 0.06, 1e-6);
        m_bounds = QRectF(QPointF(x0 - padX, y0 - padY), QPointF(x1 + padX, y1 + padY));
    }
    update();
}

void ProjectionPlot::clear()
{
    setPoints({}, {}, 0.0, 0.0);
}

void ProjectionPlot::setSelected(int index, const QList<int> &neighbours)
{
    m_selected = index;
    m_neighbours = neighbours;
    update();
}

QRectF ProjectionPlot::plotRect() const
{
    const QFontMetrics fm(font());
    return QRectF(12, 8, width() - 24, height() - 16 - fm.height() - 6);
}

QPointF ProjectionPlot::widgetPosition(int index) const
{
    const QRectF r = plotRect();
    const QPointF &p = m_points.at(index);
    return {r.left() + (p.x() - m_bounds.left()) / m_bounds.width() * r.width(),
            r.bottom() - (p.y() - m_bounds.top()) / m_bounds.height() * r.height()};
}

int ProjectionPlot::pointAt(const QPoint &pos) const
{
    int best = -1;
    double bestDistance = 8.0 * 8.0;
    for (int i = 0; i < m_points.size(); ++i) {
        const QPointF d = widgetPosition(i) - QPointF(pos);
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    return best;
}

void ProjectionPlot::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    if (m_points.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("Embed three or more texts to see them on a map."));
        return;
    }
    const QRectF r = plotRect();
    p.fillRect(r, pal.color(QPalette::Base));
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(r);
    const QLocale locale;
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(
        QRectF(r.left(), r.bottom() + 4, r.width(), height() - r.bottom() - 4), Qt::AlignLeft | Qt::AlignTop,
        tr("PC1 → %1% of variance   ·   PC2 ↑ %2%")
            .arg(locale.toString(m_explained[0] * 100.0, 'f', 1), locale.toString(m_explained[1] * 100.0, 'f', 1)));

    // Small dots for big sets, so 10,000 points still show their density.
    const int n = int(m_points.size());
    const double radius = n > 2000 ? 1.6 : n > 300 ? 2.5 : 4.0;
    QList<int> labelled;
    if (n <= kLabelAllUpTo) {
        for (int i = 0; i < n; ++i)
            labelled.append(i);
    }
    for (const int i : m_neighbours + QList<int> {m_selected, m_hover}) {
        if (i >= 0 && i < n && !labelled.contains(i))
            labelled.append(i);
    }

    // Labels first, so no label hides a dot. One that would overlap a label already placed is
    // skipped; the emphasised ones (selected, hovered) come last in `labelled` but are placed first.
    const QFontMetrics fm(font());
    QList<QRectF> taken;
    std::reverse(labelled.begin(), labelled.end());
    QColor back = pal.color(QPalette::Base);
    back.setAlphaF(0.75f);
    for (const int i : std::as_const(labelled)) {
        const bool emphasised = i == m_selected || i == m_hover;
        const QString label = labelText(m_texts.value(i), emphasised ? 60 : 28);
        const QPointF at = widgetPosition(i);
        QRectF box(at.x() + radius + 5, at.y() - fm.height() / 2.0, fm.horizontalAdvance(label) + 6, fm.height());
        if (box.right() > r.right())
            box.moveRight(at.x() - radius - 5);
        const bool overlaps
            = std::any_of(taken.cbegin(), taken.cend(), [&box](const QRectF &t) { return t.intersects(box); });
        if (overlaps && !emphasised)
            continue;
        taken.append(box);
        p.setPen(Qt::NoPen);
        p.setBrush(back);
        p.drawRoundedRect(box, 3, 3);
        p.setPen(emphasised ? pal.color(QPalette::Text) : pal.color(QPalette::WindowText));
        p.drawText(box, Qt::AlignCenter, label);
    }

    QColor dot = pal.color(QPalette::Highlight);
    dot.setAlphaF(n > 2000 ? 0.45f : 0.85f);
    p.setPen(Qt::NoPen);
    p.setBrush(dot);
    if (n > 2000) {
        // Thousands of points: small squares in one call, without antialiasing, keep a paint short.
        QList<QRectF> squares;
        squares.reserve(n);
        for (int i = 0; i < n; ++i)
            squares.append(QRectF(widgetPosition(i) - QPointF(radius, radius), QSizeF(2 * radius, 2 * radius)));
        p.setRenderHint(QPainter::Antialiasing, false);
        p.drawRects(squares.constData(), int(squares.size()));
        p.setRenderHint(QPainter::Antialiasing, true);
    } else {
        for (int i = 0; i < n; ++i)
            p.drawEllipse(widgetPosition(i), radius, radius);
    }
    // The selected text's neighbours are ringed; the selected and hovered texts are filled.
    const QColor ringColor(230, 120, 30);
    p.setPen(QPen(ringColor, 1.5));
    p.setBrush(Qt::NoBrush);
    for (const int i : m_neighbours) {
        if (i >= 0 && i < n)
            p.drawEllipse(widgetPosition(i), radius + 3, radius + 3);
    }
    p.setPen(QPen(pal.color(QPalette::Text), 2));
    p.setBrush(ringColor);
    for (const int i : {m_selected, m_hover}) {
        if (i >= 0 && i < n)
            p.drawEllipse(widgetPosition(i), radius + 2, radius + 2);
    }
}

void ProjectionPlot::mouseMoveEvent(QMouseEvent *event)
{
    const int hit = pointAt(event->position().toPoint());
    if (hit == m_hover)
        return;
    m_hover = hit;
    update();
    if (hit >= 0) {
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("#%1 %2").arg(hit + 1).arg(labelText(m_texts.value(hit), 120)), this);
    } else {
        QToolTip::hideText();
    }
}

void ProjectionPlot::mousePressEvent(QMouseEvent *event)
{
    const int hit = pointAt(event->position().toPoint());
    if (hit >= 0 && event->button() == Qt::LeftButton)
        emit pointActivated(hit);
}

void ProjectionPlot::leaveEvent(QEvent *)
{
    if (m_hover >= 0) {
        m_hover = -1;
        update();
    }
}

bool ProjectionPlot::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip)
        return true; // shown from mouseMoveEvent
    return QWidget::event(event);
}

} // namespace md
