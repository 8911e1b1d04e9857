#pragma once

#include "usage/UsageSummary.h"

#include <QChartView>
#include <QStringList>

class QBarCategoryAxis;
class QStackedBarSeries;
class QValueAxis;

namespace md {

// A stacked bar per day (per month for ranges longer than two months), one colour per model, of
// cost or tokens. The busiest models get their own colour, the rest stack as "Other". Colours,
// background and labels follow the application palette, so the chart reads in light and dark.
class UsageChartView : public QChartView {
    Q_OBJECT
public:
    enum class Metric { Cost, Tokens };
    static constexpr int kMaxModels = 8; // more stack as "Other"
    static constexpr int kMaxDays = 62;  // longer ranges are shown per month

    explicit UsageChartView(QWidget *parent = nullptr);

    void setSummary(const UsageSummary &summary, Metric metric);
    void applyPalette();

    QStackedBarSeries *series() const { return m_series; }
    QStringList categories() const; // the x axis labels
    QString valueLabelFormat() const; // the y axis labels' printf format
    bool isMonthly() const { return m_monthly; }

protected:
    void changeEvent(QEvent *event) override;

private:
    static QColor modelColor(int index, bool dark);

    QStackedBarSeries *m_series;
    QBarCategoryAxis *m_axisX;
    QValueAxis *m_axisY;
    bool m_monthly = false;
    UsageSummary m_summary;
    Metric m_metric = Metric::Cost;
};

} // namespace md
