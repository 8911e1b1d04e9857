#include "history/HistoryDates.h"

#include <QCoreApplication>
#include <QLocale>

namespace md::HistoryDates {

namespace {

// lupdate files the messages of this file under the context named here (no Q_OBJECT class).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::HistorySidebar)
};

} // namespace

Group groupOf(bool pinned, const QDateTime &updatedAt, const QDate &today)
{
    if (pinned)
        return {0, Tr::tr("Pinned")};
    const QDate day = updatedAt.toLocalTime().date();
    const qint64 daysAgo = day.daysTo(today);
    if (daysAgo <= 0) // today, or a clock that ran ahead
        return {1, Tr::tr("Today")};
    if (daysAgo == 1)
        return {2, Tr::tr("Yesterday")};
    if (daysAgo <= 7)
        return {3, Tr::tr("Previous 7 days")};
    if (daysAgo <= 30)
        return {4, Tr::tr("Previous 30 days")};
    const int monthsAgo = (today.year() - day.year()) * 12 + (today.month() - day.month());
    return {5 + monthsAgo, QLocale().toString(day, QStringLiteral("MMMM yyyy"))};
}

QString relativeTime(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toLocalTime();
    const QDateTime localNow = now.toLocalTime();
    const qint64 secs = local.secsTo(localNow);
    if (secs < 60)
        return Tr::tr("just now");
    if (secs < 3600)
        return Tr::tr("%n min ago", nullptr, int(secs / 60));
    const qint64 days = local.date().daysTo(localNow.date());
    const QLocale locale;
    if (days <= 0) {
        // Some locales' short format carries seconds; a list row doesn't need them.
        QString format = locale.timeFormat(QLocale::ShortFormat);
        format.remove(QStringLiteral(":ss"));
        return locale.toString(local.time(), format);
    }
    if (days == 1)
        return Tr::tr("Yesterday");
    if (days < 7)
        return locale.dayName(local.date().dayOfWeek(), QLocale::ShortFormat);
    if (local.date().year() == localNow.date().year())
        return locale.toString(local.date(), QStringLiteral("d MMM"));
    return locale.toString(local.date(), QStringLiteral("d MMM yyyy"));
}

} // namespace md::HistoryDates
