#pragma once

#include <QStyledItemDelegate>

namespace md {

// Paints a cosine score as a bar behind its number, scaled over [floor, 1], so a ranked list
// shows at a glance where the scores drop.
class ScoreBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ScoreBarDelegate(QObject *parent = nullptr);
    void setFloor(double floor) { m_floor = floor; }
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    double m_floor = 0.0;
};

} // namespace md
