#include "usage/UsageSummary.h"

#include <QHash>
#include <QMap>

#include <algorithm>

namespace md {

UsageSummary UsageSummary::build(const QList<UsageRecord> &records, const QDate &from, const QDate &to,
                                 const QString &source)
{
    UsageSummary s;
    s.from = from;
    s.to = to;
    s.source = source;
    QMap<std::pair<QDate, QString>, UsageBucket> days;
    QHash<QString, UsageBucket> models;
    for (const UsageRecord &r : records) {
        if (!source.isEmpty() && r.source != source)
            continue;
        const QDate day = r.time.toLocalTime().date();
        if (day < from || day > to)
            continue;
        UsageBucket &d = days[{day, r.model}];
        d.day = day;
        d.model = r.model;
        d.add(r);
        UsageBucket &m = models[r.model];
        m.model = r.model;
        m.add(r);
        s.totals.add(r);
    }
    s.perDay = days.values();
    s.perModel = models.values();
    std::sort(s.perModel.begin(), s.perModel.end(), [](const UsageBucket &a, const UsageBucket &b) {
        if (a.costUsd != b.costUsd)
            return a.costUsd > b.costUsd;
        const qint64 ta = a.promptTokens + a.completionTokens;
        const qint64 tb = b.promptTokens + b.completionTokens;
        return ta != tb ? ta > tb : a.model < b.model;
    });
    s.totals.source = source;
    return s;
}

UsageSummary UsageSummary::fromLedger(const UsageLedger &ledger, const QDate &from, const QDate &to,
                                      const QString &source)
{
    return build(ledger.records(from.startOfDay(), to.addDays(1).startOfDay()), from, to, source);
}

} // namespace md
