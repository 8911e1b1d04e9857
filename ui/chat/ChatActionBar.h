#pragma once

#include "store/ChatEntry.h"

#include <QHash>
#include <QWidget>

class QPushButton;

namespace md {

// The small toolbar that floats over the hovered (or current) message: Copy, and per role Edit,
// Regenerate, Continue, Delete. Real buttons, so they take keyboard focus and have accessible names.
class ChatActionBar : public QWidget {
    Q_OBJECT
public:
    enum class Action { Copy, Edit, Regenerate, Continue, Delete, Retry };

    explicit ChatActionBar(QWidget *parent = nullptr);

    // Shows the buttons that apply to `entry`; false when none do.
    bool configure(const ChatEntry &entry);
    QPushButton *button(Action action) const { return m_buttons.value(int(action)); }
    static bool applies(Action action, const ChatEntry &entry);
    static QString actionName(Action action);

signals:
    void actionTriggered(md::ChatActionBar::Action action);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QHash<int, QPushButton *> m_buttons;
};

} // namespace md
