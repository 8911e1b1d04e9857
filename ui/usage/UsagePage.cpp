#include "usage/UsagePage.h"

#include "catalog/PriceTable.h"
#include "store/UsageLedger.h"
#include "usage/UsageTableModel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace md {

namespace {

// The records of an RFC 4180 text, each with its line break, and its second field (the source).
// Quotes may hold commas and line breaks.
QString filterCsvBySource(const QString &csv, const QString &source)
{
    QString out;
    QString record;
    QString field;
    int fieldIndex = 0;
    QString secondField;
    bool quoted = false;
    bool header = true;
    for (qsizetype i = 0; i < csv.size(); ++i) {
        const QChar c = csv.at(i);
        record.append(c);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < csv.size() && csv.at(i + 1) == QLatin1Char('"')) {
                    field.append(c);
                    record.append(csv.at(++i));
                } else {
                    quoted = false;
                }
            } else {
                field.append(c);
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            if (fieldIndex == 1)
                secondField = field;
            ++fieldIndex;
            field.clear();
        } else if (c == QLatin1Char('\n')) {
            if (fieldIndex == 1)
                secondField = field;
            if (header || secondField == source)
                out += record;
            header = false;
            record.clear();
            field.clear();
            secondField.clear();
            fieldIndex = 0;
        } else if (c != QLatin1Char('\r')) {
            field.append(c);
        }
    }
    return out;
}

QString compactNumber(qint64 n)
{
    const QLocale locale;
    if (n >= 1000000)
        return locale.toString(double(n) / 1e6, 'f', 2) + QStringLiteral("M");
    if (n >= 10000)
        return locale.toString(double(n) / 1e3, 'f', 1) + QStringLiteral("k");
    return locale.toString(n);
}

} // namespace

UsagePage::UsagePage(UsageLedger *ledger, QWidget *parent)
    : QWidget(parent)
    , m_ledger(ledger)
    , m_rangeBox(new QComboBox(this))
    , m_fromEdit(new QDateEdit(this))
    , m_toEdit(new QDateEdit(this))
    , m_sourceBox(new QComboBox(this))
    , m_metricBox(new QComboBox(this))
    , m_exportButton(new QPushButton(tr("Export CSV…"), this))
    , m_totals(new QLabel(this))
    , m_error(new QLabel(this))
    , m_chart(new UsageChartView(this))
    , m_table(new UsageTableModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_tableView(new QTableView(this))
{
    setObjectName(QStringLiteral("usagePage"));
    setAccessibleName(tr("Usage"));

    m_rangeBox->setObjectName(QStringLiteral("usageRange"));
    m_rangeBox->setAccessibleName(tr("Range"));
    m_rangeBox->addItem(tr("Last 7 days"), int(Range::Last7Days));
    m_rangeBox->addItem(tr("Last 30 days"), int(Range::Last30Days));
    m_rangeBox->addItem(tr("This month"), int(Range::ThisMonth));
    m_rangeBox->addItem(tr("Custom"), int(Range::Custom));
    m_rangeBox->setCurrentIndex(1);
    for (QDateEdit *edit : {m_fromEdit, m_toEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    m_fromEdit->setObjectName(QStringLiteral("usageFrom"));
    m_fromEdit->setAccessibleName(tr("From"));
    m_toEdit->setObjectName(QStringLiteral("usageTo"));
    m_toEdit->setAccessibleName(tr("To (inclusive)"));
    m_sourceBox->setObjectName(QStringLiteral("usageSource"));
    m_sourceBox->setAccessibleName(tr("Source"));
    m_sourceBox->addItem(tr("All sources"), QString());
    m_sourceBox->addItem(tr("Chat"), QStringLiteral("chat"));
    m_sourceBox->addItem(tr("Compare"), QStringLiteral("compare"));
    m_sourceBox->addItem(tr("Embeddings"), QStringLiteral("embeddings"));
    m_sourceBox->addItem(tr("Code completion"), QStringLiteral("fim"));
    m_sourceBox->addItem(tr("Proxy"), QStringLiteral("proxy"));
    m_metricBox->setObjectName(QStringLiteral("usageMetric"));
    m_metricBox->setAccessibleName(tr("Chart shows"));
    m_metricBox->addItem(tr("Cost"), int(UsageChartView::Metric::Cost));
    m_metricBox->addItem(tr("Tokens"), int(UsageChartView::Metric::Tokens));
    m_exportButton->setObjectName(QStringLiteral("usageExport"));
    m_exportButton->setAccessibleName(tr("Export the records as CSV"));
    m_exportButton->setToolTip(tr("Every request of the range and source, one line each"));

    m_totals->setObjectName(QStringLiteral("usageTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setWordWrap(true);
    QFont big = m_totals->font();
    big.setPointSizeF(big.pointSizeF() * 1.1);
    m_totals->setFont(big);
    m_error->setObjectName(QStringLiteral("usageError"));
    m_error->setWordWrap(true);
    m_error->hide();

    m_sorted->setSourceModel(m_table);
    m_sorted->setSortRole(UsageTableModel::SortRole);
    m_tableView->setObjectName(QStringLiteral("usageTable"));
    m_tableView->setAccessibleName(tr("Usage per model"));
    m_tableView->setModel(m_sorted);
    m_tableView->setSortingEnabled(true);
    m_tableView->sortByColumn(UsageTableModel::CostColumn, Qt::DescendingOrder);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->verticalHeader()->hide();
    m_tableView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tableView->horizontalHeader()->setSectionResizeMode(UsageTableModel::ModelColumn, QHeaderView::Stretch);
    m_tableView->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *controls = new QHBoxLayout;
    controls->setSpacing(6);
    auto addLabeled = [this, controls](const QString &text, QWidget *w) {
        auto *label = new QLabel(text, this);
        label->setBuddy(w);
        controls->addWidget(label);
        controls->addWidget(w);
    };
    addLabeled(tr("&Range:"), m_rangeBox);
    addLabeled(tr("&From:"), m_fromEdit);
    addLabeled(tr("&To:"), m_toEdit);
    controls->addSpacing(12);
    addLabeled(tr("&Source:"), m_sourceBox);
    addLabeled(tr("S&how:"), m_metricBox);
    controls->addStretch(1);
    controls->addWidget(m_exportButton);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_tableView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_totals);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_rangeBox, &QComboBox::currentIndexChanged, this, [this] {
        m_range = Range(m_rangeBox->currentData().toInt());
        onControlsChanged();
    });
    for (QDateEdit *edit : {m_fromEdit, m_toEdit}) {
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            if (m_updating)
                return;
            // Editing a date means a custom range.
            m_range = Range::Custom;
            onControlsChanged();
        });
    }
    connect(m_sourceBox, &QComboBox::currentIndexChanged, this, &UsagePage::onControlsChanged);
    connect(m_metricBox, &QComboBox::currentIndexChanged, this, &UsagePage::onControlsChanged);
    connect(m_exportButton, &QPushButton::clicked, this, &UsagePage::exportCsv);

    updateRangeDates();
    refresh();
}

QDate UsagePage::today() const
{
    return m_today.isValid() ? m_today : QDate::currentDate();
}

void UsagePage::setToday(const QDate &today)
{
    m_today = today;
    updateRangeDates();
    refresh();
}

void UsagePage::updateRangeDates()
{
    const QDate t = today();
    switch (m_range) {
    case Range::Last7Days:
        m_from = t.addDays(-6);
        m_to = t;
        break;
    case Range::Last30Days:
        m_from = t.addDays(-29);
        m_to = t;
        break;
    case Range::ThisMonth:
        m_from = QDate(t.year(), t.month(), 1);
        m_to = t;
        break;
    case Range::Custom:
        m_from = m_fromEdit->date();
        m_to = m_toEdit->date();
        if (m_to < m_from)
            std::swap(m_from, m_to);
        break;
    }
    m_updating = true;
    m_fromEdit->setDate(m_from);
    m_toEdit->setDate(m_to);
    const int index = m_rangeBox->findData(int(m_range));
    m_rangeBox->setCurrentIndex(index);
    m_updating = false;
}

void UsagePage::onControlsChanged()
{
    if (m_updating)
        return;
    updateRangeDates();
    refresh();
}

void UsagePage::setRange(Range range)
{
    m_range = range;
    onControlsChanged();
}

void UsagePage::setCustomRange(const QDate &from, const QDate &to)
{
    m_updating = true;
    m_fromEdit->setDate(from);
    m_toEdit->setDate(to);
    m_updating = false;
    m_range = Range::Custom;
    onControlsChanged();
}

void UsagePage::setSource(const QString &source)
{
    const int index = m_sourceBox->findData(source);
    if (index >= 0)
        m_sourceBox->setCurrentIndex(index);
}

QString UsagePage::source() const
{
    return m_sourceBox->currentData().toString();
}

void UsagePage::setMetric(UsageChartView::Metric metric)
{
    m_metricBox->setCurrentIndex(m_metricBox->findData(int(metric)));
}

void UsagePage::refresh()
{
    if (m_range != Range::Custom && m_to != today())
        updateRangeDates(); // the day changed since the last look
    m_summary = m_ledger ? UsageSummary::fromLedger(*m_ledger, m_from, m_to, source()) : UsageSummary {};
    m_summary.from = m_from;
    m_summary.to = m_to;
    const QString error = m_ledger ? m_ledger->lastError() : QString();
    m_error->setText(error.isEmpty() ? QString() : QString(QString(QChar(0x26A0)) + QLatin1Char(' ') + error));
    m_error->setVisible(!error.isEmpty());
    m_chart->setSummary(m_summary, UsageChartView::Metric(m_metricBox->currentData().toInt()));
    m_table->setBuckets(m_summary.perModel);
    m_totals->setText(totalsText());
    m_exportButton->setEnabled(m_summary.totals.requests > 0);
}

QString UsagePage::totalsText() const
{
    const UsageBucket &t = m_summary.totals;
    if (t.requests == 0)
        return tr("No requests in this range.");
    // Spelled out rather than "%n request(s)": without a loaded translation Qt shows the "(s)".
    const QString requests = t.requests == 1 ? tr("1 request") : tr("%1 requests").arg(QLocale().toString(t.requests));
    QString text = tr("%1 · %2 · %3 prompt + %4 completion tokens")
                       .arg(PriceTable::formatUsd(t.costUsd), requests, compactNumber(t.promptTokens),
                            compactNumber(t.completionTokens));
    if (t.unpriced > 0)
        text += tr(" · %1 without a price (not counted)").arg(QLocale().toString(t.unpriced));
    return text;
}

QString UsagePage::csv() const
{
    if (!m_ledger)
        return {};
    const QString all = m_ledger->toCsv(m_from, m_to);
    return source().isEmpty() ? all : filterCsvBySource(all, source());
}

void UsagePage::exportCsv()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    const QString name = QStringLiteral("mistral-usage-%1-%2%3.csv")
                             .arg(m_from.toString(Qt::ISODate), m_to.toString(Qt::ISODate),
                                  source().isEmpty() ? QString() : QString(QLatin1Char('-') + source()));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export usage as CSV"), QDir(dir).filePath(name),
                                                      tr("CSV (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsvTo(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

bool UsagePage::exportCsvTo(const QString &path, QString *error) const
{
    const QByteArray bytes = csv().toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace md
