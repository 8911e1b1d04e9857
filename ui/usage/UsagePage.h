#pragma once

#include "usage/UsageChartView.h"
#include "usage/UsageSummary.h"

#include <QDate>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace md {

class UsageLedger;
class UsageTableModel;

// What the API cost, from the usage ledger: a range (Last 7 days, Last 30 days, This month, Custom
// from/to), a source filter (all / chat / compare / proxy), cost or tokens stacked per day by model,
// a per-model table, a totals line, and CSV export of the records behind them.
class UsagePage : public QWidget {
    Q_OBJECT
public:
    enum class Range { Last7Days, Last30Days, ThisMonth, Custom };

    explicit UsagePage(UsageLedger *ledger, QWidget *parent = nullptr);

    void refresh(); // the lead calls it after each recorded request

    void setRange(Range range);
    void setCustomRange(const QDate &from, const QDate &to); // switches to Custom
    Range range() const { return m_range; }
    QDate from() const { return m_from; }
    QDate to() const { return m_to; }
    void setSource(const QString &source); // "" = all, "chat", "compare", "proxy"
    QString source() const;
    void setMetric(UsageChartView::Metric metric);
    // The day "Last 7 days" ends on; invalid (the default) = today. For tests and screenshots.
    void setToday(const QDate &today);

    const UsageSummary &summary() const { return m_summary; }
    UsageChartView *chartView() const { return m_chart; }
    UsageTableModel *tableModel() const { return m_table; }
    QString totalsText() const;

    void exportCsv(); // asks for a file
    bool exportCsvTo(const QString &path, QString *error = nullptr) const;
    QString csv() const; // the records of the range and source, RFC 4180

private:
    QDate today() const;
    void updateRangeDates();
    void onControlsChanged();

    UsageLedger *m_ledger;
    Range m_range = Range::Last30Days;
    QDate m_from, m_to, m_today;
    UsageSummary m_summary;
    bool m_updating = false;

    QComboBox *m_rangeBox;
    QDateEdit *m_fromEdit;
    QDateEdit *m_toEdit;
    QComboBox *m_sourceBox;
    QComboBox *m_metricBox;
    QPushButton *m_exportButton;
    QLabel *m_totals;
    QLabel *m_error;
    UsageChartView *m_chart;
    UsageTableModel *m_table;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_tableView;
};

} // namespace md
