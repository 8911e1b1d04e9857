#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace md::HistoryDates {

// The sidebar's sections, in display order: Pinned, Today, Yesterday, Previous 7 days, Previous 30
// days, then one per month ("March 2025"), newest first. `order` sorts them; `label` is shown.
struct Group {
    int order = 0;
    QString label;
};

Group groupOf(bool pinned, const QDateTime &updatedAt, const QDate &today);

// Short, for a list row: "just now", "5 min ago", "14:32" (today), "Yesterday", "Mon", "12 Mar",
// "12 Mar 2024".
QString relativeTime(const QDateTime &time, const QDateTime &now);

} // namespace md::HistoryDates
