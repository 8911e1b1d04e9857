#pragma once

#include "embeddings/EmbeddingMatrix.h"

#include <QFutureWatcher>
#include <QStringList>
#include <QTabWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSpinBox;
class QStringListModel;
class QTableView;

namespace md {

class ProjectionPlot;
class RankingModel;
class SimilarityHeatmap;

// What a finished embedding run shows: the similarity heatmap, nearest neighbours of any text (and
// the closest pairs of the whole set), the PCA map, and a query ranked against the set. Everything
// bigger than one query-vs-all pass runs on EmbeddingMatrix's pools (QtConcurrent); a result that
// arrives after newer data was set is dropped.
class EmbeddingsResultsView : public QTabWidget {
    Q_OBJECT
public:
    static constexpr int kHeatmapMax = 160; // rows drawn in the heatmap; larger sets are sampled evenly

    explicit EmbeddingsResultsView(QWidget *parent = nullptr);
    ~EmbeddingsResultsView() override;

    void setData(std::shared_ptr<const EmbeddingMatrix> matrix, const QStringList &texts);
    void clear();
    // Lists the nearest neighbours of input `index` and marks it on the map.
    void selectText(int index);
    int selectedText() const { return m_selected; }
    // The page embedded the query with the run's settings: rank the set against it.
    void showQueryResult(const QString &query, const QVector<float> &vector);
    void showQueryError(const QString &message);
    void setQueryBusy(bool busy);
    // True while any background computation (heatmap, map, pairs) has not delivered yet.
    bool isComputing() const;

    SimilarityHeatmap *heatmap() const { return m_heatmap; }
    ProjectionPlot *map() const { return m_map; }
    RankingModel *neighbourModel() const { return m_neighbours; }
    RankingModel *pairModel() const { return m_pairs; }
    RankingModel *queryModel() const { return m_query; }
    QLabel *heatmapNote() const { return m_heatmapNote; }
    QLineEdit *queryEdit() const { return m_queryEdit; }
    QPushButton *queryButton() const { return m_queryButton; }

signals:
    void queryRequested(const QString &text);

private:
    struct Overview {
        QList<int> sample;
        std::vector<float> sampleScores;
        QList<QPointF> points;
        double explained[2] {};
    };

    QWidget *buildHeatmapTab();
    QWidget *buildNeighbourTab();
    QWidget *buildMapTab();
    QWidget *buildQueryTab();
    QTableView *makeTable(RankingModel *model);
    void onOverviewReady();
    void onPairsReady();

    std::shared_ptr<const EmbeddingMatrix> m_matrix;
    QStringList m_texts;
    quint64 m_generation = 0;
    int m_selected = -1;

    SimilarityHeatmap *m_heatmap = nullptr;
    QLabel *m_heatmapNote = nullptr;
    QLabel *m_hoverLabel = nullptr;
    QStringListModel *m_inputList = nullptr;
    QListView *m_inputView = nullptr;
    QSpinBox *m_neighbourCount = nullptr;
    QLabel *m_neighbourTitle = nullptr;
    RankingModel *m_neighbours = nullptr;
    RankingModel *m_pairs = nullptr;
    QLabel *m_pairsNote = nullptr;
    ProjectionPlot *m_map = nullptr;
    QLabel *m_mapNote = nullptr;
    QLineEdit *m_queryEdit = nullptr;
    QPushButton *m_queryButton = nullptr;
    QLabel *m_queryNote = nullptr;
    RankingModel *m_query = nullptr;

    QFutureWatcher<Overview> m_overviewWatcher;
    QFutureWatcher<QList<EmbeddingMatrix::Pair>> m_pairsWatcher;
    quint64 m_overviewGeneration = 0;
    quint64 m_pairsGeneration = 0;
    // Set when a computation starts, cleared when its result was shown: QFutureWatcher::isRunning()
    // only turns true once the watcher has been told, an event loop turn later.
    bool m_overviewPending = false;
    bool m_pairsPending = false;
    std::shared_ptr<std::atomic<bool>> m_pairsStop; // set when newer data makes the running search moot
};

} // namespace md
