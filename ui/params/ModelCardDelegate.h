#pragma once

#include <QStyledItemDelegate>

namespace md {

// Draws a row of the model picker as a small card: the id (with a mark on the current model),
// context length and price on the right, capability badges, then a deprecation warning or the
// other names the model goes by.
class ModelCardDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ModelCardDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static int lineCount(const QModelIndex &index);
};

} // namespace md
