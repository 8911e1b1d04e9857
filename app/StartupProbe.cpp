#include "StartupProbe.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace md {

namespace {
constexpr int kSettleMs = 500;

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

class FirstPaintWatcher : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            QElapsedTimer clock;
            clock.start(); // CLOCK_MONOTONIC: comparable with the parent's clock
            const qint64 shownMs = clock.msecsSinceReference();
            QTimer::singleShot(kSettleMs, this, [shownMs] {
                std::printf("md-startup shown-ms=%lld rss-kb=%lld\n", static_cast<long long>(shownMs),
                            static_cast<long long>(residentKiB()));
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};
} // namespace

void installStartupProbe(QWidget *window)
{
    if (qEnvironmentVariable("MISTRAL_DESK_EXIT_WHEN_SHOWN") != QLatin1String("1"))
        return;
    window->installEventFilter(new FirstPaintWatcher(window));
}

} // namespace md
