#include "history/SearchResultDelegate.h"

#include "history/HistoryItemDelegate.h"
#include "history/SearchResultModel.h"

#include <QPainter>
#include <QPoint>
#include <QTextCharFormat>
#include <QTextLayout>

namespace md {

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics title(bold);
    const QFontMetrics small(HistoryItemDelegate::smallFont(option.font));
    return QSize(100, kPadY + title.height() + 3 + kSnippetLines * small.lineSpacing() + kPadY);
}

void SearchResultDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QPalette &pal = option.palette;
    const QColor text = pal.color(QPalette::Text);
    const QColor base = pal.color(QPalette::Base);
    const QColor accent = pal.color(QPalette::Highlight);
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    painter->save();

    const QRectF card = QRectF(option.rect).adjusted(4, 1, -4, -1);
    painter->setRenderHint(QPainter::Antialiasing, true);
    if (selected || hovered) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(selected ? HistoryItemDelegate::mix(base, accent, 0.28)
                                   : HistoryItemDelegate::mix(base, text, 0.08));
        painter->drawRoundedRect(card, 6, 6);
    }
    if ((option.state & QStyle::State_HasFocus) && selected) {
        painter->setPen(QPen(accent, 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    }
    painter->setRenderHint(QPainter::Antialiasing, false);

    const QRect content = option.rect.adjusted(kPadX, kPadY, -kPadX, -kPadY);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics titleFm(bold);
    const bool titleHit = index.data(SearchResultModel::TitleHitRole).toBool();
    painter->setFont(bold);
    painter->setPen(text);
    const QRect titleRect(content.left(), content.top(), content.width(), titleFm.height());
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      titleFm.elidedText(index.data().toString(), Qt::ElideRight, titleRect.width()));

    // The snippet, wrapped to its lines with the matches formatted.
    const QFont small = HistoryItemDelegate::smallFont(option.font);
    QString snippet = index.data(SearchResultModel::SnippetRole).toString();
    if (titleHit)
        snippet = tr("Match in the title: %1").arg(snippet);
    const int offset
        = titleHit ? int(snippet.size() - index.data(SearchResultModel::SnippetRole).toString().size()) : 0;
    QList<QTextLayout::FormatRange> formats;
    QTextCharFormat hit;
    hit.setFontWeight(QFont::Bold);
    hit.setForeground(text);
    hit.setBackground(HistoryItemDelegate::mix(base, QColor(0xf5, 0xb9, 0x24),
                                               pal.color(QPalette::Base).lightness() < 128 ? 0.45 : 0.55));
    const QVariantList ranges = index.data(SearchResultModel::HighlightsRole).toList();
    for (const QVariant &v : ranges) {
        const QPoint range = v.toPoint();
        formats.append({range.x() + offset, range.y(), hit});
    }
    QTextLayout layout(snippet, small);
    layout.setFormats(formats);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(textOption);
    layout.beginLayout();
    qreal y = 0;
    const QFontMetrics sm(small);
    for (int i = 0; i < kSnippetLines; ++i) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(content.width());
        line.setPosition(QPointF(0, y));
        y += sm.lineSpacing();
    }
    layout.endLayout();
    painter->setPen(HistoryItemDelegate::mix(base, text, 0.8));
    painter->setClipRect(content);
    layout.draw(painter, QPointF(content.left(), titleRect.bottom() + 3));
    painter->restore();
}

} // namespace md
