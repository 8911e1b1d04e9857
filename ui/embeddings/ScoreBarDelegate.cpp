#include "embeddings/ScoreBarDelegate.h"

#include <QPainter>

#include <algorithm>

namespace md {

ScoreBarDelegate::ScoreBarDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void ScoreBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant value = index.data(Qt::UserRole);
    if (value.isValid()) {
        const double t = std::clamp((value.toDouble() - m_floor) / std::max(1e-9, 1.0 - m_floor), 0.0, 1.0);
        QColor bar = option.palette.color(QPalette::Highlight);
        bar.setAlphaF(option.palette.color(QPalette::Base).lightnessF() < 0.5f ? 0.55f : 0.3f);
        const QRect r = option.rect.adjusted(2, 3, -2, -3);
        painter->fillRect(QRect(r.left(), r.top(), int(r.width() * t), r.height()), bar);
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace md
