#include "common/AppPalette.h"
#include "store/ConversationStore.h"
#include "store/UsageLedger.h"
#include "usage/UsagePage.h"
#include "usage/UsageTableModel.h"

#include <QBarSet>
#include <QFile>
#include <QLabel>
#include <QStackedBarSeries>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

class tst_UsagePage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { applyPaletteFromEnvironment(); }
    void init();
    void cleanup();
    void seriesAndTableForLast7Days();
    void rangeChangeWidensTheData();
    void sourceFilter();
    void tokensMetric();
    void customRangeAndMonthly();
    void csvExportWritesTheFile();
    void costAxisShowsSmallAmounts();
    void refreshPicksUpNewRecords();
    void screenshot();

private:
    void record(const QDate &day, const QString &source, const QString &model, qint64 prompt, qint64 completion,
                std::optional<double> cost);
    QBarSet *set(const QString &model) const;
    int rowOf(const QString &model) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<UsageLedger> m_ledger;
    std::unique_ptr<UsagePage> m_page;
    const QDate m_today {2025, 3, 20};
};

void tst_UsagePage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<ConversationStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("history.sqlite")), &error), qPrintable(error));
    m_ledger = std::make_unique<UsageLedger>(m_store.get());
    // Last 7 days = 14..20 March.
    record(m_today, QStringLiteral("chat"), QStringLiteral("mistral-large"), 1000, 500, 0.25);
    record(m_today, QStringLiteral("proxy"), QStringLiteral("mistral-small"), 200, 100, std::nullopt);
    record(m_today.addDays(-1), QStringLiteral("compare"), QStringLiteral("mistral-large"), 100, 50, 0.5);
    record(m_today.addDays(-1), QStringLiteral("chat"), QStringLiteral("mistral-small"), 300, 30, 0.01);
    record(m_today.addDays(-10), QStringLiteral("chat"), QStringLiteral("mistral-large"), 4000, 2000, 2.0);
    record(m_today.addDays(-40), QStringLiteral("chat"), QStringLiteral("codestral"), 10, 10, 1.0);
    m_page = std::make_unique<UsagePage>(m_ledger.get());
    m_page->setToday(m_today);
    m_page->resize(900, 700);
}

void tst_UsagePage::cleanup()
{
    m_page.reset();
    m_ledger.reset();
    m_store.reset();
    m_dir.reset();
}

void tst_UsagePage::record(const QDate &day, const QString &source, const QString &model, qint64 prompt,
                           qint64 completion, std::optional<double> cost)
{
    UsageRecord r;
    r.time = QDateTime(day, QTime(10, 30));
    r.source = source;
    r.model = model;
    r.endpoint = QStringLiteral("chat");
    r.promptTokens = prompt;
    r.completionTokens = completion;
    r.costUsd = cost;
    QVERIFY2(m_ledger->record(r), qPrintable(m_ledger->lastError()));
}

QBarSet *tst_UsagePage::set(const QString &model) const
{
    const QList<QBarSet *> sets = m_page->chartView()->series()->barSets();
    for (QBarSet *s : sets) {
        if (s->label() == model)
            return s;
    }
    return nullptr;
}

int tst_UsagePage::rowOf(const QString &model) const
{
    UsageTableModel *t = m_page->tableModel();
    for (int row = 0; row < t->rowCount(); ++row) {
        if (t->buckets().at(row).model == model)
            return row;
    }
    return -1;
}

void tst_UsagePage::seriesAndTableForLast7Days()
{
    m_page->setRange(UsagePage::Range::Last7Days);
    QCOMPARE(m_page->from(), m_today.addDays(-6));
    QCOMPARE(m_page->to(), m_today);
    QCOMPARE(m_page->chartView()->categories().size(), 7);
    QCOMPARE(m_page->chartView()->series()->count(), 2);

    QBarSet *large = set(QStringLiteral("mistral-large"));
    QBarSet *small = set(QStringLiteral("mistral-small"));
    QVERIFY(large && small);
    QCOMPARE(large->count(), 7);
    QCOMPARE(large->at(6), 0.25); // today
    QCOMPARE(large->at(5), 0.5);  // yesterday
    QCOMPARE(large->at(0), 0.0);
    QCOMPARE(small->at(6), 0.0); // unpriced: no cost, not a guessed one
    QCOMPARE(small->at(5), 0.01);

    UsageTableModel *t = m_page->tableModel();
    QCOMPARE(t->rowCount(), 2);
    const int l = rowOf(QStringLiteral("mistral-large"));
    const int s = rowOf(QStringLiteral("mistral-small"));
    QCOMPARE(t->index(l, UsageTableModel::RequestsColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(t->index(l, UsageTableModel::PromptColumn).data(UsageTableModel::SortRole).toLongLong(), 1100);
    QCOMPARE(t->index(l, UsageTableModel::CompletionColumn).data(UsageTableModel::SortRole).toLongLong(), 550);
    QCOMPARE(t->index(l, UsageTableModel::CostColumn).data().toString(), QStringLiteral("$0.7500"));
    QCOMPARE(t->index(s, UsageTableModel::UnpricedColumn).data().toString(), QStringLiteral("1"));
    QCOMPARE(t->index(s, UsageTableModel::CostColumn).data().toString(), QStringLiteral("$0.0100"));

    const UsageBucket totals = m_page->summary().totals;
    QCOMPARE(totals.requests, 4);
    QCOMPARE(totals.unpriced, 1);
    QCOMPARE(totals.promptTokens, 1600);
    QVERIFY(qFuzzyCompare(totals.costUsd, 0.76));
    const QString line = m_page->findChild<QLabel *>(QStringLiteral("usageTotals"))->text();
    QVERIFY2(line.contains(QStringLiteral("$0.7600")) && line.contains(QStringLiteral("4 requests"))
                 && line.contains(QStringLiteral("1 without a price")),
             qPrintable(line));
}

void tst_UsagePage::rangeChangeWidensTheData()
{
    m_page->setRange(UsagePage::Range::Last7Days);
    QCOMPARE(m_page->summary().totals.requests, 4);
    m_page->setRange(UsagePage::Range::Last30Days);
    QCOMPARE(m_page->from(), m_today.addDays(-29));
    QCOMPARE(m_page->chartView()->categories().size(), 30);
    QCOMPARE(m_page->summary().totals.requests, 5);
    QCOMPARE(set(QStringLiteral("mistral-large"))->at(19), 2.0); // ten days ago
    m_page->setRange(UsagePage::Range::ThisMonth);
    QCOMPARE(m_page->from(), QDate(2025, 3, 1));
    QCOMPARE(m_page->chartView()->categories().size(), 20);
    QCOMPARE(m_page->summary().totals.requests, 5);
}

void tst_UsagePage::sourceFilter()
{
    m_page->setRange(UsagePage::Range::Last7Days);
    m_page->setSource(QStringLiteral("chat"));
    QCOMPARE(m_page->summary().totals.requests, 2);
    QCOMPARE(m_page->tableModel()->rowCount(), 2);
    QCOMPARE(set(QStringLiteral("mistral-large"))->at(5), 0.0); // yesterday's large was from Compare
    m_page->setSource(QStringLiteral("proxy"));
    QCOMPARE(m_page->summary().totals.requests, 1);
    QCOMPARE(m_page->tableModel()->rowCount(), 1);
    QCOMPARE(m_page->tableModel()->index(0, UsageTableModel::CostColumn).data().toString(), QStringLiteral("no price"));
    // Every source the window records can be picked, the pages' own included.
    record(m_today, QStringLiteral("embeddings"), QStringLiteral("mistral-embed"), 48, 0, 0.000005);
    record(m_today, QStringLiteral("fim"), QStringLiteral("codestral-latest"), 30, 12, 0.00002);
    m_page->refresh();
    for (const char *source : {"embeddings", "fim"}) {
        m_page->setSource(QLatin1String(source));
        QCOMPARE(m_page->source(), QLatin1String(source));
        QCOMPARE(m_page->summary().totals.requests, 1);
    }
    m_page->setSource(QString());
    QCOMPARE(m_page->summary().totals.requests, 6);
}

void tst_UsagePage::tokensMetric()
{
    m_page->setRange(UsagePage::Range::Last7Days);
    m_page->setMetric(UsageChartView::Metric::Tokens);
    QCOMPARE(set(QStringLiteral("mistral-small"))->at(6), 300.0);
    QCOMPARE(set(QStringLiteral("mistral-large"))->at(6), 1500.0);
}

void tst_UsagePage::customRangeAndMonthly()
{
    m_page->setCustomRange(m_today.addDays(-45), m_today.addDays(-35));
    QCOMPARE(m_page->range(), UsagePage::Range::Custom);
    QCOMPARE(m_page->summary().totals.requests, 1);
    QCOMPARE(m_page->tableModel()->buckets().first().model, QStringLiteral("codestral"));
    // Reversed dates are put in order.
    m_page->setCustomRange(m_today, m_today.addDays(-1));
    QCOMPARE(m_page->from(), m_today.addDays(-1));
    QCOMPARE(m_page->summary().totals.requests, 4);
    // Long ranges are shown per month.
    m_page->setCustomRange(QDate(2024, 10, 5), m_today);
    QVERIFY(m_page->chartView()->isMonthly());
    QCOMPARE(m_page->chartView()->categories().size(), 6);
    QCOMPARE(set(QStringLiteral("codestral"))->at(4), 1.0); // February
    QCOMPARE(m_page->summary().totals.requests, 6);
}

void tst_UsagePage::csvExportWritesTheFile()
{
    m_page->setRange(UsagePage::Range::Last7Days);
    const QString path = m_dir->filePath(QStringLiteral("usage.csv"));
    QString error;
    QVERIFY2(m_page->exportCsvTo(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.first().trimmed(),
             QByteArray("time,source,model,endpoint,prompt_tokens,completion_tokens,cost_usd"));
    QCOMPARE(lines.size(), 6); // header + 4 records + the empty piece after the last line break
    file.close();

    m_page->setSource(QStringLiteral("proxy"));
    QVERIFY(m_page->exportCsvTo(path, &error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> proxyLines = file.readAll().split('\n');
    QCOMPARE(proxyLines.size(), 3);
    QVERIFY(proxyLines.at(1).contains(",proxy,mistral-small,"));
    QVERIFY(proxyLines.at(1).trimmed().endsWith(",")); // no price: an empty cost, not 0
}

// A few test calls cost fractions of a cent: the axis shows as many decimals as its step needs,
// not "$0.00" on every line; real spending keeps cents.
void tst_UsagePage::costAxisShowsSmallAmounts()
{
    const QDate quiet = m_today.addDays(-200);
    record(quiet, QStringLiteral("chat"), QStringLiteral("mistral-small"), 15, 24, 0.000017);
    record(quiet, QStringLiteral("proxy"), QStringLiteral("mistral-small"), 9, 8, 0.000006);
    m_page->setCustomRange(quiet, quiet);
    const QString format = m_page->chartView()->valueLabelFormat();
    QVERIFY2(format.startsWith(QLatin1String("$%.")) && format.mid(3, 1).toInt() >= 5, qPrintable(format));
    m_page->setRange(UsagePage::Range::Last7Days);
    QCOMPARE(m_page->chartView()->valueLabelFormat(), QStringLiteral("$%.2f"));
}

void tst_UsagePage::refreshPicksUpNewRecords()
{
    m_page->setRange(UsagePage::Range::Last7Days);
    record(m_today, QStringLiteral("chat"), QStringLiteral("mistral-large"), 1, 1, 1.0);
    QCOMPARE(m_page->summary().totals.requests, 4);
    m_page->refresh();
    QCOMPARE(m_page->summary().totals.requests, 5);
    QCOMPARE(set(QStringLiteral("mistral-large"))->at(6), 1.25);
}

// With MD_SCREENSHOT_DIR set, saves the page with a month of varied usage for review.
void tst_UsagePage::screenshot()
{
    const QString dir = qEnvironmentVariable("MD_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("MD_SCREENSHOT_DIR not set");
    const QString theme = qEnvironmentVariable("MISTRAL_DESK_PALETTE", QStringLiteral("system"));
    const QStringList models {QStringLiteral("mistral-large-latest"), QStringLiteral("mistral-small-latest"),
                              QStringLiteral("codestral-latest"), QStringLiteral("pixtral-large-latest"),
                              QStringLiteral("my-fine-tune")};
    const QStringList sources {QStringLiteral("chat"), QStringLiteral("compare"), QStringLiteral("proxy")};
    for (int day = 0; day < 30; ++day) {
        for (int i = 0; i < (day * 7) % 5 + 1; ++i) {
            const int m = (day + i * 3) % models.size();
            const qint64 prompt = 800 + (day * 131 + i * 977) % 6000;
            const qint64 completion = 200 + (day * 71 + i * 313) % 2500;
            std::optional<double> cost;
            if (m != 4)
                cost = (prompt * (m == 0 ? 2.0 : 0.3) + completion * (m == 0 ? 6.0 : 0.9)) / 1e6 * 20;
            record(m_today.addDays(-day), sources.at((day + i) % 3), models.at(m), prompt, completion, cost);
        }
    }
    m_page->refresh();
    m_page->resize(1000, 720);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTest::qWait(50);
    QVERIFY(m_page->grab().save(dir + QStringLiteral("/usage-") + theme + QStringLiteral(".png")));
    m_page->setRange(UsagePage::Range::Last7Days);
    m_page->setMetric(UsageChartView::Metric::Tokens);
    QTest::qWait(50); // the chart's scene updates in the event loop
    QVERIFY(m_page->grab().save(dir + QStringLiteral("/usage-7days-") + theme + QStringLiteral(".png")));
}

QTEST_MAIN(tst_UsagePage)
#include "tst_UsagePage.moc"
