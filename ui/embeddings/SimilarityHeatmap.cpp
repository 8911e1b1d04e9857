#include "embeddings/SimilarityHeatmap.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace md {

namespace {
constexpr int kLegendWidth = 14;
constexpr int kLegendGap = 56; // legend bar plus its tick labels

QString shortText(const QString &text, int chars = 80)
{
    QString flat = text.simplified();
    return flat.size() > chars ? flat.left(chars - 1) + QChar(0x2026) : flat;
}
} // namespace

SimilarityHeatmap::SimilarityHeatmap(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAccessibleName(tr("Cosine similarity heatmap"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QColor SimilarityHeatmap::colorFor(double t)
{
    // Viridis at five stops: perceptually even and readable on light and dark backgrounds.
    static const QColor stops[]
        = {QColor(68, 1, 84), QColor(59, 82, 139), QColor(33, 145, 140), QColor(94, 201, 98), QColor(253, 231, 37)};
    t = std::clamp(t, 0.0, 1.0) * 4.0;
    const int i = std::min(int(t), 3);
    const double f = t - i;
    const QColor &a = stops[i];
    const QColor &b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                            float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

void SimilarityHeatmap::setMatrix(const QList<int> &indices, std::vector<float> scores, const QStringList &texts)
{
    m_indices = indices;
    m_scores = std::move(scores);
    m_texts = texts;
    m_hover = {};
    rebuildImage();
    update();
}

void SimilarityHeatmap::clear()
{
    setMatrix({}, {}, {});
}

void SimilarityHeatmap::rebuildImage()
{
    const int m = int(m_indices.size());
    if (m == 0 || m_scores.size() != std::size_t(m) * std::size_t(m)) {
        m_image = {};
        return;
    }
    // Stretch the colours over the off-diagonal range: embeddings of one model rarely go below ~0.4,
    // and a fixed -1..1 scale would paint everything the same colour.
    m_low = 1.0f;
    m_high = -1.0f;
    for (int a = 0; a < m; ++a) {
        for (int b = 0; b < m; ++b) {
            if (a == b)
                continue;
            const float s = m_scores[std::size_t(a) * std::size_t(m) + std::size_t(b)];
            m_low = std::min(m_low, s);
            m_high = std::max(m_high, s);
        }
    }
    if (m == 1 || m_high <= m_low) {
        m_low = std::min(m_low, 0.0f);
        m_high = 1.0f;
    }
    m_image = QImage(m, m, QImage::Format_RGB32);
    for (int a = 0; a < m; ++a) {
        auto *line = reinterpret_cast<QRgb *>(m_image.scanLine(a));
        for (int b = 0; b < m; ++b) {
            const float s = m_scores[std::size_t(a) * std::size_t(m) + std::size_t(b)];
            line[b] = colorFor((s - m_low) / (m_high - m_low)).rgb();
        }
    }
}

QRect SimilarityHeatmap::matrixRect() const
{
    const int m = int(m_indices.size());
    if (m == 0)
        return {};
    // Room for row numbers on the left and column numbers on top when the cells are big enough
    // to carry them (small sets); large sets rely on hovering.
    const QFontMetrics fm(font());
    const int labelWidth = fm.horizontalAdvance(QStringLiteral("#%1").arg(m_indices.constLast() + 1)) + 6;
    const int plainSide = std::min(width() - kLegendGap - 16, height() - 16);
    const bool labelled = plainSide / m >= fm.height();
    const int margin = labelled ? labelWidth : 8;
    const int top = labelled ? fm.height() + 4 : 8;
    const int side = std::max(0, std::min(width() - kLegendGap - margin - 8, height() - top - 8));
    // Whole pixels per cell when cells are bigger than a pixel, so the grid stays even.
    const int cell = side >= m ? side / m : 0;
    const int drawn = cell > 0 ? cell * m : side;
    return QRect(margin, top, drawn, drawn);
}

SimilarityHeatmap::Hit SimilarityHeatmap::hitAt(const QPoint &pos) const
{
    const QRect r = matrixRect();
    const int m = int(m_indices.size());
    if (m == 0 || !r.contains(pos))
        return {};
    const int col = std::clamp(int(double(pos.x() - r.left()) * m / r.width()), 0, m - 1);
    const int row = std::clamp(int(double(pos.y() - r.top()) * m / r.height()), 0, m - 1);
    return {m_indices.at(row), m_indices.at(col), m_scores[std::size_t(row) * std::size_t(m) + std::size_t(col)]};
}

void SimilarityHeatmap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Embed two or more texts to see how similar they are."));
        return;
    }
    const QRect r = matrixRect();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(r, m_image);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(r.adjusted(0, 0, -1, -1));

    const QFontMetrics fm(font());
    const int m = int(m_indices.size());
    const double cellSize = double(r.height()) / m;
    if (r.left() > 8) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        for (int i = 0; i < m; ++i) {
            const QString label = QStringLiteral("#%1").arg(m_indices.at(i) + 1);
            p.drawText(QRectF(0, r.top() + i * cellSize, r.left() - 4, cellSize), Qt::AlignRight | Qt::AlignVCenter,
                       label);
            if (fm.horizontalAdvance(label) + 2 <= cellSize)
                p.drawText(QRectF(r.left() + i * cellSize, 0, cellSize, r.top() - 2),
                           Qt::AlignHCenter | Qt::AlignBottom, label);
        }
    }

    // Highlight the hovered row and column.
    if (m_hover.a >= 0) {
        const int row = int(m_indices.indexOf(m_hover.a));
        const int col = int(m_indices.indexOf(m_hover.b));
        const double cell = double(r.width()) / m;
        QColor outline = palette().color(QPalette::Text);
        p.setPen(QPen(outline, 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(r.left() + col * cell, r.top() + row * cell, std::max(cell, 3.0), std::max(cell, 3.0)));
    }

    // Legend: the colour scale and its range.
    const QRect legend(r.right() + 14, r.top(), kLegendWidth, r.height());
    for (int y = 0; y < legend.height(); ++y) {
        p.setPen(colorFor(1.0 - double(y) / std::max(1, legend.height() - 1)));
        p.drawLine(legend.left(), legend.top() + y, legend.right(), legend.top() + y);
    }
    p.setPen(palette().color(QPalette::WindowText));
    const QLocale locale;
    p.drawText(QPoint(legend.right() + 4, legend.top() + fm.ascent()), locale.toString(m_high, 'f', 3));
    p.drawText(QPoint(legend.right() + 4, legend.bottom()), locale.toString(m_low, 'f', 3));
}

void SimilarityHeatmap::mouseMoveEvent(QMouseEvent *event)
{
    const Hit hit = hitAt(event->position().toPoint());
    if (hit.a != m_hover.a || hit.b != m_hover.b) {
        m_hover = hit;
        update();
        emit pairHovered(hit.a, hit.b, hit.score);
        if (hit.a >= 0) {
            QToolTip::showText(event->globalPosition().toPoint(),
                               tr("#%1 %2\n#%3 %4\ncosine %5")
                                   .arg(hit.a + 1)
                                   .arg(shortText(m_texts.value(hit.a)))
                                   .arg(hit.b + 1)
                                   .arg(shortText(m_texts.value(hit.b)))
                                   .arg(QLocale().toString(hit.score, 'f', 4)),
                               this);
        } else {
            QToolTip::hideText();
        }
    }
}

void SimilarityHeatmap::mousePressEvent(QMouseEvent *event)
{
    const Hit hit = hitAt(event->position().toPoint());
    if (hit.a >= 0 && event->button() == Qt::LeftButton)
        emit rowActivated(hit.a);
}

void SimilarityHeatmap::leaveEvent(QEvent *)
{
    if (m_hover.a >= 0) {
        m_hover = {};
        update();
        emit pairHovered(-1, -1, 0.0f);
    }
}

bool SimilarityHeatmap::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip)
        return true; // shown from mouseMoveEvent, which follows the cell under the mouse
    return QWidget::event(event);
}

} // namespace md
