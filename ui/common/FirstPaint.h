#pragma once

#include <QEvent>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

namespace md {

// Runs `work` once `widget` has been painted for the first time (on the event-loop turn after):
// for the parts of the first screen that may appear a moment after the window does. A zero-timer
// is not enough: Qt runs it before the first paint of a newly shown window.
inline void afterFirstPaint(QWidget *widget, std::function<void()> work)
{
    class Watcher : public QObject {
    public:
        Watcher(QWidget *watched, std::function<void()> work)
            : QObject(watched)
            , m_work(std::move(work))
        {
            watched->installEventFilter(this);
        }

    protected:
        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (event->type() == QEvent::Paint && m_work) {
                watched->removeEventFilter(this);
                QTimer::singleShot(0, parent(), std::exchange(m_work, nullptr));
                deleteLater();
            }
            return QObject::eventFilter(watched, event);
        }

    private:
        std::function<void()> m_work;
    };
    new Watcher(widget, std::move(work));
}

} // namespace md
