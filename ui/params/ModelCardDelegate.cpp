#include "params/ModelCardDelegate.h"

#include "params/ModelListModel.h"
#include "common/StatusColors.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace md {

namespace {
constexpr int kPadX = 10;
constexpr int kPadY = 6;
constexpr int kLineGap = 3;

QFont smallFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.85);
    return f;
}
} // namespace

ModelCardDelegate::ModelCardDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

int ModelCardDelegate::lineCount(const QModelIndex &index)
{
    if (index.data(ModelListModel::FreeTypedRole).toBool())
        return 1;
    int lines = 2;
    if (!index.data(ModelListModel::DeprecationRole).toString().isEmpty())
        ++lines;
    if (!index.data(ModelListModel::AliasesRole).toStringList().isEmpty())
        ++lines;
    return lines;
}

QSize ModelCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics big(option.font);
    const QFontMetrics small(smallFont(option.font));
    const int lines = lineCount(index);
    const int height = big.height() + (lines - 1) * (small.height() + 4 + kLineGap) + 2 * kPadY;
    return {300, height};
}

void ModelCardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QRect card = option.rect.adjusted(2, 1, -2, -1);
    if (selected) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(pal.color(QPalette::Highlight));
        painter->drawRoundedRect(card, 4, 4);
    } else if (option.state & QStyle::State_MouseOver) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(colors::blend(pal.color(QPalette::Base), pal.color(QPalette::Highlight), 0.12));
        painter->drawRoundedRect(card, 4, 4);
    }
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor muted = selected
        ? colors::blend(pal.color(QPalette::HighlightedText), pal.color(QPalette::Highlight), 0.25)
        : colors::mutedText(pal);
    const QFont smallF = smallFont(option.font);
    const QFontMetrics big(option.font);
    const QFontMetrics small(smallF);
    QRect line = card.adjusted(kPadX, kPadY, -kPadX, 0);
    line.setHeight(big.height());

    // Line 1: mark and id on the left, context and price on the right.
    QFont idFont = option.font;
    const bool freeTyped = index.data(ModelListModel::FreeTypedRole).toBool();
    idFont.setBold(!freeTyped);
    idFont.setItalic(freeTyped);
    const bool current = index.data(ModelListModel::CurrentRole).toBool();
    QRect left = line;
    if (current) {
        painter->setPen(text);
        painter->setFont(option.font);
        painter->drawText(left, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("✓"));
        left.setLeft(left.left() + big.horizontalAdvance(QStringLiteral("✓ ")));
    }
    QString right;
    if (!freeTyped) {
        const QString context = index.data(ModelListModel::ContextRole).toString();
        right = context.isEmpty() ? QString() : tr("%1 ctx").arg(context);
    }
    const int rightWidth = right.isEmpty() ? 0 : small.horizontalAdvance(right) + 8;
    painter->setFont(idFont);
    painter->setPen(text);
    const QFontMetrics idMetrics(idFont);
    painter->drawText(
        left.adjusted(0, 0, -rightWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
        idMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, left.width() - rightWidth));
    if (!right.isEmpty()) {
        painter->setFont(smallF);
        painter->setPen(muted);
        painter->drawText(line, Qt::AlignRight | Qt::AlignVCenter, right);
    }
    if (freeTyped) {
        painter->restore();
        return;
    }

    // Line 2: badges, and the price on the right.
    QRect badgeLine(line.left(), line.bottom() + 1 + kLineGap, line.width(), small.height() + 4);
    const QString price = index.data(ModelListModel::PriceRole).toString();
    const int priceWidth = small.horizontalAdvance(price);
    painter->setFont(smallF);
    painter->setPen(muted);
    painter->drawText(badgeLine, Qt::AlignRight | Qt::AlignVCenter, price);
    const QColor accent = pal.color(QPalette::Highlight);
    const QColor fill = selected ? colors::blend(accent, pal.color(QPalette::HighlightedText), 0.2)
                                 : colors::blend(pal.color(QPalette::Base), accent, 0.16);
    const QColor border = selected ? colors::blend(accent, pal.color(QPalette::HighlightedText), 0.55)
                                   : colors::blend(pal.color(QPalette::Base), accent, 0.5);
    int x = badgeLine.left();
    for (const QString &badge : index.data(ModelListModel::BadgesRole).toStringList()) {
        const int w = small.horizontalAdvance(badge) + 10;
        if (x + w > badgeLine.right() - priceWidth - 8)
            break;
        const QRectF pill(x + 0.5, badgeLine.top() + 0.5, w, badgeLine.height() - 1);
        painter->setPen(border);
        painter->setBrush(fill);
        painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        painter->setPen(text);
        painter->drawText(pill, Qt::AlignCenter, badge);
        x += w + 4;
    }

    // Then the warning and the other names, each on its own line.
    QRect next(line.left(), badgeLine.bottom() + 1 + kLineGap, line.width(), small.height() + 4);
    const QString deprecation = index.data(ModelListModel::DeprecationRole).toString();
    if (!deprecation.isEmpty()) {
        painter->setPen(selected ? text : colors::warningText(pal));
        painter->drawText(next, Qt::AlignLeft | Qt::AlignVCenter,
                          small.elidedText(QStringLiteral("⚠ ") + deprecation, Qt::ElideRight, next.width()));
        next.translate(0, next.height() + kLineGap);
    }
    const QStringList aliases = index.data(ModelListModel::AliasesRole).toStringList();
    if (!aliases.isEmpty()) {
        painter->setPen(muted);
        painter->drawText(
            next, Qt::AlignLeft | Qt::AlignVCenter,
            small.elidedText(tr("also %1").arg(aliases.join(QStringLiteral(", "))), Qt::ElideRight, next.width()));
    }
    painter->restore();
}

} // namespace md
