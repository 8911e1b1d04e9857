#include "usage/UsageChartView.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QGraphicsLayout>
#include <QHash>
#include <QLegend>
#include <QLocale>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace md {

namespace {

double valueOf(const UsageBucket &b, UsageChartView::Metric metric)
{
    return metric == UsageChartView::Metric::Cost ? b.costUsd : double(b.promptTokens + b.completionTokens);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

// A round upper bound for the value axis (1, 2, 2.5 or 5 times a power of ten) and a tick count
// that puts the grid lines on round values too.
std::pair<double, int> niceCeiling(double value)
{
    if (value <= 0)
        return {1, 6};
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    const std::pair<double, int> steps[] = {{1.0, 6}, {2.0, 5}, {2.5, 6}, {5.0, 6}, {10.0, 6}};
    for (const auto &[step, ticks] : steps) {
        if (value <= step * magnitude * 1.0000001)
            return {step * magnitude, ticks};
    }
    return {10 * magnitude, 6};
}

} // namespace

UsageChartView::UsageChartView(QWidget *parent)
    : QChartView(parent)
    , m_series(new QStackedBarSeries)
    , m_axisX(new QBarCategoryAxis)
    , m_axisY(new QValueAxis)
{
    setObjectName(QStringLiteral("usageChart"));
    setAccessibleName(tr("Usage per day and model"));
    setRenderHint(QPainter::Antialiasing, true);
    setMinimumHeight(240);
    auto *c = new QChart;
    c->addSeries(m_series);
    c->addAxis(m_axisX, Qt::AlignBottom);
    c->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    m_series->setBarWidth(0.7);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setAnimationOptions(QChart::NoAnimation);
    c->setMargins(QMargins(4, 4, 4, 4));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    setChart(c);
    applyPalette();
}

QString UsageChartView::valueLabelFormat() const
{
    return m_axisY->labelFormat();
}

QStringList UsageChartView::categories() const
{
    return m_axisX->categories();
}

QColor UsageChartView::modelColor(int index, bool dark)
{
    // Distinct hues, a little brighter on dark backgrounds; the last is for "Other".
    static const QColor light[]
        = {QColor(0xe8, 0x6a, 0x1e), QColor(0x2f, 0x6f, 0xd6), QColor(0x2e, 0x9d, 0x5b), QColor(0x9b, 0x4d, 0xca),
           QColor(0xd4, 0x3f, 0x6a), QColor(0x1f, 0x9e, 0xa8), QColor(0xb8, 0x8a, 0x12), QColor(0x6b, 0x72, 0x80)};
    static const QColor darkColors[]
        = {QColor(0xff, 0x8a, 0x3d), QColor(0x5c, 0x9d, 0xff), QColor(0x4c, 0xc3, 0x7e), QColor(0xbf, 0x7f, 0xf0),
           QColor(0xf0, 0x6a, 0x92), QColor(0x45, 0xc7, 0xd1), QColor(0xe0, 0xb4, 0x3c), QColor(0x9a, 0xa2, 0xb0)};
    const int i = std::clamp(index, 0, 7);
    return dark ? darkColors[i] : light[i];
}

void UsageChartView::setSummary(const UsageSummary &summary, Metric metric)
{
    m_summary = summary;
    m_metric = metric;
    m_series->clear();

    const qint64 days = summary.from.daysTo(summary.to) + 1;
    m_monthly = days > kMaxDays;
    // The buckets of the x axis: days, or the first day of each month.
    QList<QDate> keys;
    QStringList labels;
    const QLocale locale;
    if (m_monthly) {
        for (QDate d(summary.from.year(), summary.from.month(), 1); d <= summary.to; d = d.addMonths(1)) {
            keys << d;
            labels << locale.toString(d, QStringLiteral("MMM yyyy"));
        }
    } else {
        // Category labels must be unique: the day alone only within one month, else day and
        // month, in the locale's order.
        const bool wide = days <= 10; // room for "Mon 3"
        const bool oneMonth = summary.from.month() == summary.to.month() && summary.from.year() == summary.to.year();
        const bool monthFirst = locale.dateFormat(QLocale::ShortFormat).startsWith(QLatin1Char('M'));
        const QString format = wide ? QStringLiteral("ddd d")
            : oneMonth              ? QStringLiteral("d")
            : monthFirst            ? QStringLiteral("M/d")
                                    : QStringLiteral("d/M");
        for (QDate d = summary.from; d <= summary.to; d = d.addDays(1)) {
            keys << d;
            labels << locale.toString(d, format);
        }
    }
    auto keyOf = [this](const QDate &d) { return m_monthly ? QDate(d.year(), d.month(), 1) : d; };

    // The models with their own colour: the most expensive; the rest become "Other".
    QList<UsageBucket> models = summary.perModel;
    // Kept in the summary's order (cost, then tokens) whatever the metric, so a model keeps its colour.
    QHash<QString, int> setOf;
    const bool needOther = models.size() > kMaxModels;
    const int own = needOther ? kMaxModels - 1 : int(models.size());
    for (int i = 0; i < own; ++i)
        setOf.insert(models.at(i).model, i);
    QList<QList<double>> values(own + (needOther ? 1 : 0), QList<double>(keys.size(), 0.0));
    QHash<QDate, int> column;
    for (int i = 0; i < keys.size(); ++i)
        column.insert(keys.at(i), i);
    double maxStack = 0;
    QList<double> stacks(keys.size(), 0.0);
    for (const UsageBucket &b : summary.perDay) {
        const int col = column.value(keyOf(b.day), -1);
        if (col < 0)
            continue;
        const int set = setOf.value(b.model, own);
        values[set][col] += valueOf(b, metric);
        stacks[col] += valueOf(b, metric);
        maxStack = std::max(maxStack, stacks.at(col));
    }

    const bool dark = isDark(palette());
    for (int i = 0; i < values.size(); ++i) {
        const bool other = i == own;
        QString name = other ? tr("Other") : models.at(i).model;
        if (name.isEmpty())
            name = tr("(unknown model)");
        auto *set = new QBarSet(name);
        set->setColor(modelColor(other ? 7 : i, dark));
        set->setBorderColor(modelColor(other ? 7 : i, dark));
        for (double v : std::as_const(values.at(i)))
            set->append(v);
        m_series->append(set);
    }
    m_axisX->clear();
    m_axisX->append(labels);
    const auto [ceiling, ticks] = niceCeiling(maxStack);
    m_axisY->setRange(0, ceiling);
    m_axisY->setTickCount(ticks);
    // Cents for real spending; for a few test calls (a ceiling of $0.0003) as many decimals as the
    // ticks' step needs, or every label would read "$0.00".
    const double step = ticks > 1 ? ceiling / (ticks - 1) : ceiling;
    const int decimals = step > 0 ? std::clamp(int(std::ceil(-std::log10(step))), 2, 8) : 2;
    m_axisY->setLabelFormat(metric == Metric::Cost ? QStringLiteral("$%.%1f").arg(decimals) : QStringLiteral("%.0f"));
    // Many days: upright labels would be cut to "1…"; turned, they all fit.
    m_axisX->setLabelsAngle(keys.size() > 14 ? -90 : 0);
    m_axisY->setTitleText(metric == Metric::Cost ? tr("Cost (USD)") : tr("Tokens"));
    m_axisX->setTitleText(m_monthly
                              ? QString()
                              : (summary.from.month() == summary.to.month() && summary.from.year() == summary.to.year()
                                     ? locale.toString(summary.from, QStringLiteral("MMMM yyyy"))
                                     : tr("%1 – %2").arg(locale.toString(summary.from, QStringLiteral("d MMM")),
                                                         locale.toString(summary.to, QStringLiteral("d MMM yyyy")))));
    chart()->legend()->setVisible(!values.isEmpty());
    applyPalette();
}

void UsageChartView::applyPalette()
{
    const QPalette pal = palette();
    const bool dark = isDark(pal);
    QChart *c = chart();
    // The built-in themes reset fonts and colours; only the base is taken from them.
    const QColor background = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor grid = QColor::fromRgbF(float(text.redF()), float(text.greenF()), float(text.blueF()), 0.14f);
    c->setBackgroundBrush(background);
    c->setBackgroundPen(Qt::NoPen);
    c->setPlotAreaBackgroundVisible(false);
    c->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_axisX), static_cast<QAbstractAxis *>(m_axisY)}) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
    }
    m_axisX->setGridLineVisible(false);
    const QList<QBarSet *> sets = m_series->barSets();
    for (int i = 0; i < sets.size(); ++i) {
        const bool other = sets.at(i)->label() == tr("Other") && i == sets.size() - 1 && sets.size() == kMaxModels;
        sets.at(i)->setColor(modelColor(other ? 7 : i, dark));
        sets.at(i)->setBorderColor(modelColor(other ? 7 : i, dark));
    }
    setBackgroundBrush(background);
}

void UsageChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyPalette();
}

} // namespace md
