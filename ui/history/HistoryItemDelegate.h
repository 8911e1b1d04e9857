#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace md {

// Paints the sidebar's rows: a section header ("Today"), or a conversation as its title with the
// relative time on the right and the model below. Renaming edits the title line in place.
class HistoryItemDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

    // Between two colours: 0 = a, 1 = b. Shared by the sidebar's delegates for dim text and fills.
    static QColor mix(const QColor &a, const QColor &b, qreal t);
    static QFont smallFont(const QFont &font);

private:
    static constexpr int kPadX = 10;
    static constexpr int kPadY = 6;
};

} // namespace md
