#pragma once

#include <QStyledItemDelegate>

namespace md {

// Paints a search hit: the conversation title, then up to two lines of the snippet with every
// match highlighted (a tinted background and bold text, so it reads without colour too).
class SearchResultDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static constexpr int kPadX = 10;
    static constexpr int kPadY = 6;
    static constexpr int kSnippetLines = 2;
};

} // namespace md
