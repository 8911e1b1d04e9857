#include "chat/ChatActionBar.h"

#include <QHBoxLayout>
#include <QPainter>
#include <QPushButton>

namespace md {

ChatActionBar::ChatActionBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("chatActionBar"));
    setAccessibleName(tr("Message actions"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(3, 2, 3, 2);
    layout->setSpacing(0);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.88);
    const QList<QPair<Action, QString>> shortcuts = {
        {Action::Copy, tr("Ctrl+C")}, {Action::Edit, tr("E")},     {Action::Regenerate, tr("R")},
        {Action::Continue, tr("C")},  {Action::Delete, tr("Del")},
    };
    for (const auto &[action, key] : shortcuts) {
        auto *button = new QPushButton(actionName(action), this);
        button->setObjectName(QStringLiteral("chatAction") + QString::number(int(action)));
        button->setFlat(true);
        button->setFont(small);
        button->setCursor(Qt::PointingHandCursor);
        button->setFocusPolicy(Qt::TabFocus);
        button->setAccessibleName(actionName(action));
        button->setToolTip(tr("%1 (%2)").arg(actionName(action), key));
        button->setStyleSheet(
            QStringLiteral("QPushButton { padding: 2px 8px; border: none; border-radius: 4px; }"
                           "QPushButton:hover, QPushButton:focus { background: palette(midlight); }"));
        connect(button, &QPushButton::clicked, this, [this, action = action] { emit actionTriggered(action); });
        layout->addWidget(button);
        m_buttons.insert(int(action), button);
    }
}

QString ChatActionBar::actionName(Action action)
{
    switch (action) {
    case Action::Copy:
        return tr("Copy");
    case Action::Edit:
        return tr("Edit");
    case Action::Regenerate:
        return tr("Regenerate");
    case Action::Continue:
        return tr("Continue");
    case Action::Delete:
        return tr("Delete");
    case Action::Retry:
        return tr("Retry");
    }
    return {};
}

bool ChatActionBar::applies(Action action, const ChatEntry &entry)
{
    const bool error = entry.kind == ChatEntry::Kind::ErrorCard;
    const bool streaming = entry.state == ChatEntry::State::Streaming;
    const ChatMessage::Role role = entry.message.role;
    switch (action) {
    case Action::Copy:
        return true;
    case Action::Edit:
        return !error && !streaming && role == ChatMessage::Role::User;
    case Action::Regenerate:
    case Action::Continue:
        return !error && !streaming && role == ChatMessage::Role::Assistant;
    case Action::Delete:
        return !streaming;
    case Action::Retry:
        return error;
    }
    return false;
}

bool ChatActionBar::configure(const ChatEntry &entry)
{
    bool any = false;
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it) {
        const bool show = applies(Action(it.key()), entry);
        it.value()->setVisible(show);
        any = any || show;
    }
    adjustSize();
    return any;
}

void ChatActionBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.setBrush(palette().color(QPalette::Base));
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
}

} // namespace md
