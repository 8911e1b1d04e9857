#include "embeddings/EmbeddingsResultsView.h"

#include "embeddings/Pca.h"
#include "embeddings/ProjectionPlot.h"
#include "embeddings/RankingModel.h"
#include "embeddings/ScoreBarDelegate.h"
#include "embeddings/SimilarityHeatmap.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace md {

namespace {
constexpr int kPairCount = 100;

QLabel *noteLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

EmbeddingsResultsView::EmbeddingsResultsView(QWidget *parent)
    : QTabWidget(parent)
{
    setObjectName(QStringLiteral("embeddingsResults"));
    setAccessibleName(tr("Embedding results"));
    setDocumentMode(true);
    addTab(buildHeatmapTab(), tr("Similarity"));
    addTab(buildNeighbourTab(), tr("Neighbours"));
    addTab(buildMapTab(), tr("Map (PCA)"));
    addTab(buildQueryTab(), tr("Query"));
    connect(&m_overviewWatcher, &QFutureWatcherBase::finished, this, &EmbeddingsResultsView::onOverviewReady);
    connect(&m_pairsWatcher, &QFutureWatcherBase::finished, this, &EmbeddingsResultsView::onPairsReady);
    clear();
}

EmbeddingsResultsView::~EmbeddingsResultsView()
{
    // Work already running holds its own copy of the matrix and is not waited for; the long
    // all-pairs search is told to stop.
    if (m_pairsStop)
        m_pairsStop->store(true);
    m_overviewWatcher.disconnect(this);
    m_pairsWatcher.disconnect(this);
}

QTableView *EmbeddingsResultsView::makeTable(RankingModel *model)
{
    auto *table = new QTableView(this);
    table->setModel(model);
    table->setItemDelegateForColumn(RankingModel::ScoreColumn, new ScoreBarDelegate(table));
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->setColumnWidth(RankingModel::RankColumn, 48);
    table->setColumnWidth(RankingModel::ScoreColumn, 96);
    table->setColumnWidth(RankingModel::IndexColumn, 90);
    table->setAlternatingRowColors(true);
    // Double-click a row: show that input's own neighbours.
    connect(table, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        const int input = index.data(RankingModel::kPairRole).toInt();
        setCurrentIndex(1);
        selectText(input);
    });
    return table;
}

QWidget *EmbeddingsResultsView::buildHeatmapTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_heatmapNote = noteLabel(page);
    m_heatmap = new SimilarityHeatmap(page);
    m_hoverLabel = new QLabel(page);
    m_hoverLabel->setTextFormat(Qt::PlainText);
    m_hoverLabel->setMinimumHeight(m_hoverLabel->fontMetrics().height() * 2 + 4);
    m_hoverLabel->setWordWrap(true);
    m_hoverLabel->setAccessibleName(tr("Hovered pair"));
    layout->addWidget(m_heatmapNote);
    layout->addWidget(m_heatmap, 1);
    layout->addWidget(m_hoverLabel);
    connect(m_heatmap, &SimilarityHeatmap::pairHovered, this, [this](int a, int b, float score) {
        if (a < 0) {
            m_hoverLabel->setText(
                tr("Hover a cell to compare two texts; click it to list the first one's neighbours."));
            return;
        }
        const QFontMetrics fm(m_hoverLabel->font());
        const int room = std::max(80, m_hoverLabel->width() - 120);
        m_hoverLabel->setText(tr("%1  cosine between #%2 and #%3\n%4  ↔  %5")
                                  .arg(QLocale().toString(score, 'f', 4))
                                  .arg(a + 1)
                                  .arg(b + 1)
                                  .arg(fm.elidedText(m_texts.value(a).simplified(), Qt::ElideRight, room / 2),
                                       fm.elidedText(m_texts.value(b).simplified(), Qt::ElideRight, room / 2)));
    });
    connect(m_heatmap, &SimilarityHeatmap::rowActivated, this, [this](int index) {
        setCurrentIndex(1);
        selectText(index);
    });
    return page;
}

QWidget *EmbeddingsResultsView::buildNeighbourTab()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Inputs: pick one"), left));
    m_inputList = new QStringListModel(this);
    m_inputView = new QListView(left);
    m_inputView->setModel(m_inputList);
    m_inputView->setUniformItemSizes(true);
    m_inputView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_inputView->setTextElideMode(Qt::ElideRight);
    m_inputView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_inputView->setAccessibleName(tr("Inputs"));
    leftLayout->addWidget(m_inputView, 1);
    connect(m_inputView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && current.row() != m_selected)
                    selectText(current.row());
            });

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    m_neighbourTitle = new QLabel(right);
    m_neighbourTitle->setTextFormat(Qt::PlainText);
    m_neighbourTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_neighbourCount = new QSpinBox(right);
    m_neighbourCount->setRange(1, 200);
    m_neighbourCount->setValue(10);
    m_neighbourCount->setPrefix(tr("top "));
    m_neighbourCount->setAccessibleName(tr("Number of neighbours"));
    top->addWidget(m_neighbourTitle, 1);
    top->addWidget(m_neighbourCount);
    rightLayout->addLayout(top);
    m_neighbours = new RankingModel(this);
    rightLayout->addWidget(makeTable(m_neighbours), 3);
    m_pairsNote = noteLabel(right);
    rightLayout->addWidget(new QLabel(tr("Closest pairs in the whole set"), right));
    m_pairs = new RankingModel(this);
    rightLayout->addWidget(makeTable(m_pairs), 2);
    rightLayout->addWidget(m_pairsNote);
    connect(m_neighbourCount, &QSpinBox::valueChanged, this, [this] {
        if (m_selected >= 0)
            selectText(m_selected);
    });
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    return splitter;
}

QWidget *EmbeddingsResultsView::buildMapTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_mapNote = noteLabel(page);
    m_map = new ProjectionPlot(page);
    layout->addWidget(m_mapNote);
    layout->addWidget(m_map, 1);
    connect(m_map, &ProjectionPlot::pointActivated, this, &EmbeddingsResultsView::selectText);
    return page;
}

QWidget *EmbeddingsResultsView::buildQueryTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *row = new QHBoxLayout;
    m_queryEdit = new QLineEdit(page);
    m_queryEdit->setPlaceholderText(tr("A query, embedded with the same model and settings…"));
    m_queryEdit->setAccessibleName(tr("Query text"));
    m_queryEdit->setClearButtonEnabled(true);
    m_queryButton = new QPushButton(tr("Rank the set"), page);
    m_queryButton->setAccessibleName(tr("Rank the set against the query"));
    row->addWidget(m_queryEdit, 1);
    row->addWidget(m_queryButton);
    layout->addLayout(row);
    m_queryNote = noteLabel(page);
    layout->addWidget(m_queryNote);
    m_query = new RankingModel(this);
    layout->addWidget(makeTable(m_query), 1);
    const auto request = [this] {
        const QString text = m_queryEdit->text().trimmed();
        if (!text.isEmpty() && m_matrix && m_queryButton->isEnabled())
            emit queryRequested(text);
    };
    connect(m_queryButton, &QPushButton::clicked, this, request);
    connect(m_queryEdit, &QLineEdit::returnPressed, this, request);
    return page;
}

void EmbeddingsResultsView::clear()
{
    setData(nullptr, {});
}

void EmbeddingsResultsView::setData(std::shared_ptr<const EmbeddingMatrix> matrix, const QStringList &texts)
{
    ++m_generation;
    if (m_pairsStop)
        m_pairsStop->store(true);
    m_pairsStop = std::make_shared<std::atomic<bool>>(false);
    m_matrix = std::move(matrix);
    m_texts = texts;
    m_selected = -1;
    m_heatmap->clear();
    m_map->clear();
    m_neighbours->clear();
    m_pairs->clear();
    m_query->clear();
    m_queryNote->clear();
    QStringList numbered;
    numbered.reserve(texts.size());
    for (int i = 0; i < texts.size(); ++i)
        numbered.append(QStringLiteral("#%1  %2").arg(i + 1).arg(texts.at(i).simplified().left(200)));
    m_inputList->setStringList(numbered);
    m_neighbourTitle->setText(tr("Pick a text to list its nearest neighbours."));
    m_queryButton->setEnabled(m_matrix != nullptr);
    const int n = m_matrix ? m_matrix->rows() : 0;
    m_overviewPending = m_pairsPending = n > 0;
    if (n == 0) {
        m_heatmapNote->setText(tr("No embeddings yet."));
        m_mapNote->clear();
        m_pairsNote->clear();
        m_hoverLabel->clear();
        return;
    }
    const QLocale locale;
    m_heatmapNote->setText(tr("Computing the similarity matrix…"));
    m_mapNote->setText(tr("Computing the projection…"));
    m_pairsNote->setText(tr("Finding the closest pairs among %1 inputs…").arg(locale.toString(n)));

    const std::shared_ptr<const EmbeddingMatrix> set = m_matrix;
    m_overviewGeneration = m_generation;
    m_overviewWatcher.setFuture(QtConcurrent::run(EmbeddingMatrix::threadPool(), [set] {
        Overview overview;
        overview.sample = EmbeddingMatrix::evenSample(set->rows(), kHeatmapMax);
        overview.sampleScores = set->subMatrix(overview.sample);
        if (set->rows() >= 3) {
            const Pca::Result pca = Pca::project(*set);
            overview.points = pca.points;
            overview.explained[0] = pca.explained[0];
            overview.explained[1] = pca.explained[1];
        }
        return overview;
    }));
    m_pairsGeneration = m_generation;
    const std::shared_ptr<std::atomic<bool>> stop = m_pairsStop;
    m_pairsWatcher.setFuture(QtConcurrent::run(EmbeddingMatrix::backgroundPool(), [set, stop] {
        return EmbeddingMatrix::closestPairs(set->allNeighbours(2, stop.get()), kPairCount);
    }));
}

bool EmbeddingsResultsView::isComputing() const
{
    return m_overviewPending || m_pairsPending;
}

void EmbeddingsResultsView::onOverviewReady()
{
    if (m_overviewGeneration != m_generation || !m_matrix)
        return;
    m_overviewPending = false;
    const Overview overview = m_overviewWatcher.result();
    const int n = m_matrix->rows();
    const QLocale locale;
    m_heatmap->setMatrix(overview.sample, overview.sampleScores, m_texts);
    if (overview.sample.size() < n) {
        m_heatmapNote->setText(tr("Downsampled: %1 of %2 inputs, evenly spaced (every %3th). Each cell is still a real "
                                  "pair; the neighbours tab searches all of them.")
                                   .arg(locale.toString(overview.sample.size()), locale.toString(n))
                                   .arg(locale.toString(double(n) / double(overview.sample.size()), 'f', 1)));
    } else {
        m_heatmapNote->setText(tr("Cosine similarity of every pair (%1 inputs). Colours span the range of the set.")
                                   .arg(locale.toString(n)));
    }
    m_map->setPoints(overview.points, m_texts, overview.explained[0], overview.explained[1]);
    if (overview.points.isEmpty())
        m_mapNote->setText(tr("The map needs at least three texts."));
    else
        m_mapNote->setText(tr("The first two principal components of the normalised vectors. Nearby dots mean similar "
                              "texts; click one to list its neighbours."));
    if (m_selected >= 0)
        selectText(m_selected);
}

void EmbeddingsResultsView::onPairsReady()
{
    if (m_pairsGeneration != m_generation || !m_matrix)
        return;
    m_pairsPending = false;
    const QList<EmbeddingMatrix::Pair> pairs = m_pairsWatcher.result();
    m_pairs->setPairs(pairs, m_texts);
    m_pairsNote->setText(pairs.isEmpty()
                             ? tr("No pairs: the set has a single text.")
                             : tr("Near-duplicates first. Double-click a pair to list the neighbours of its "
                                  "first text."));
}

void EmbeddingsResultsView::selectText(int index)
{
    if (!m_matrix || index < 0 || index >= m_matrix->rows())
        return;
    m_selected = index;
    if (m_inputView->currentIndex().row() != index)
        m_inputView->setCurrentIndex(m_inputList->index(index));
    const QFontMetrics fm(m_neighbourTitle->font());
    m_neighbourTitle->setText(
        fm.elidedText(tr("Nearest to #%1: %2").arg(index + 1).arg(m_texts.value(index).simplified()), Qt::ElideRight,
                      std::max(200, m_neighbourTitle->width())));
    // One pass over the set (about 2 ms for 10,000 x 1024; bench/embeddings): no thread needed.
    const QList<EmbeddingMatrix::Neighbour> list = m_matrix->neighbours(index, m_neighbourCount->value());
    m_neighbours->setRanking(list, m_texts);
    QList<int> rows;
    for (const EmbeddingMatrix::Neighbour &n : list)
        rows.append(n.index);
    m_map->setSelected(index, rows.mid(0, 10));
}

void EmbeddingsResultsView::setQueryBusy(bool busy)
{
    m_queryButton->setEnabled(!busy && m_matrix);
    if (busy)
        m_queryNote->setText(tr("Embedding the query…"));
}

void EmbeddingsResultsView::showQueryError(const QString &message)
{
    m_queryNote->setText(message);
}

void EmbeddingsResultsView::showQueryResult(const QString &query, const QVector<float> &vector)
{
    if (!m_matrix)
        return;
    if (vector.size() != m_matrix->dimension()) {
        m_queryNote->setText(tr("The query came back with %1 dimensions, the set has %2: embed the set again with the "
                                "current settings.")
                                 .arg(vector.size())
                                 .arg(m_matrix->dimension()));
        return;
    }
    // One pass over the normalised set: a few milliseconds even for 10,000 x 1024, so no thread.
    const std::vector<float> scores = m_matrix->similarities(vector);
    m_query->setRanking(EmbeddingMatrix::topK(scores, int(scores.size())), m_texts);
    const QFontMetrics fm(m_queryNote->font());
    m_queryNote->setText(
        tr("Every input ranked by cosine similarity to “%1” (%2 in all).")
            .arg(fm.elidedText(query, Qt::ElideRight, 300), QLocale().toString(qsizetype(scores.size()))));
}

} // namespace md
