#include "history/HistoryItemDelegate.h"

#include "history/HistoryListModel.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace md {

QColor HistoryItemDelegate::mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QFont HistoryItemDelegate::smallFont(const QFont &font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.88);
    else
        small.setPixelSize(std::max(9, int(font.pixelSize() * 0.88)));
    return small;
}

QSize HistoryItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics fm(option.font);
    const QFontMetrics small(smallFont(option.font));
    if (index.data(HistoryListModel::IsHeaderRole).toBool())
        return QSize(100, small.height() + 14);
    return QSize(100, kPadY + fm.height() + 2 + small.height() + kPadY);
}

void HistoryItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QPalette &pal = option.palette;
    const QColor text = pal.color(QPalette::Text);
    const QColor base = pal.color(QPalette::Base);
    const QColor dim = mix(base, text, 0.62);
    const QRect r = option.rect;
    const QFont small = smallFont(option.font);
    painter->save();

    if (index.data(HistoryListModel::IsHeaderRole).toBool()) {
        QFont bold = small;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(dim);
        const QRect textRect = r.adjusted(kPadX, 8, -kPadX, 0);
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignTop,
                          QFontMetrics(bold).elidedText(index.data().toString(), Qt::ElideRight, textRect.width()));
        painter->restore();
        return;
    }

    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const bool focused = option.state & QStyle::State_HasFocus;
    const QRectF card = QRectF(r).adjusted(4, 1, -4, -1);
    painter->setRenderHint(QPainter::Antialiasing, true);
    if (selected) {
        const QColor fill = option.state & QStyle::State_Active ? pal.color(QPalette::Highlight)
                                                                : mix(base, pal.color(QPalette::Highlight), 0.55);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(card, 6, 6);
    } else if (hovered) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(mix(base, text, 0.08));
        painter->drawRoundedRect(card, 6, 6);
    }
    if (focused && !selected) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    }
    painter->setRenderHint(QPainter::Antialiasing, false);

    const QColor titleColor = selected ? pal.color(QPalette::HighlightedText) : text;
    const QColor subColor
        = selected ? mix(pal.color(QPalette::Highlight), pal.color(QPalette::HighlightedText), 0.78) : dim;
    const QFontMetrics fm(option.font);
    const QFontMetrics sm(small);
    const QRect content = r.adjusted(kPadX, kPadY, -kPadX, -kPadY);

    const QString time = index.data(HistoryListModel::RelativeTimeRole).toString();
    const int timeW = sm.horizontalAdvance(time);
    painter->setFont(small);
    painter->setPen(subColor);
    const QRect titleLine(content.left(), content.top(), content.width(), fm.height());
    painter->drawText(titleLine, Qt::AlignRight | Qt::AlignVCenter, time);

    painter->setFont(option.font);
    painter->setPen(titleColor);
    const QRect titleRect = titleLine.adjusted(0, 0, -(timeW + 8), 0);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(index.data().toString(), Qt::ElideRight, titleRect.width()));

    QString model = index.data(HistoryListModel::ModelNameRole).toString();
    if (index.data(HistoryListModel::PinnedRole).toBool())
        model = model.isEmpty() ? tr("pinned") : tr("%1 · pinned").arg(model);
    painter->setFont(small);
    painter->setPen(subColor);
    const QRect modelRect(content.left(), titleLine.bottom() + 3, content.width(), sm.height());
    painter->drawText(modelRect, Qt::AlignLeft | Qt::AlignVCenter,
                      sm.elidedText(model, Qt::ElideRight, modelRect.width()));
    painter->restore();
}

void HistoryItemDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                               const QModelIndex &index) const
{
    Q_UNUSED(index);
    const QFontMetrics fm(option.font);
    editor->setGeometry(option.rect.left() + kPadX - 4, option.rect.top() + kPadY - 3,
                        option.rect.width() - 2 * kPadX + 8, fm.height() + 6);
}

} // namespace md
