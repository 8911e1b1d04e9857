#pragma once

#include "api/EmbeddingRequest.h"
#include "api/Usage.h"
#include "conversation/TabServices.h"
#include "embeddings/EmbeddingExporter.h"
#include "embeddings/EmbeddingMatrix.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace md {

class ApiCall;
class EmbeddingBatcher;
class EmbeddingsInputPanel;
class EmbeddingsResultsView;
struct ApiError;

// The embeddings workbench: texts in (typed or from a file), a model and its output options, a
// batched run with progress and cancel, then the similarity heatmap, neighbours, PCA map and a
// query ranked against the set; vectors export as CSV, JSON or .npy. Heavy work (normalising,
// matrices, exports) runs on QThreadPool so the page stays responsive for 10,000 inputs.
class EmbeddingsPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kInputsPerRequest = 128;

    explicit EmbeddingsPage(const TabServices &services, QWidget *parent = nullptr);
    ~EmbeddingsPage() override;

    EmbeddingRequest request() const; // what Embed would send now (without inputs split)
    void setModel(const QString &id);
    void setOutputOptions(std::optional<int> dimension, const QString &dtype);
    bool isRunning() const;
    bool hasResults() const { return !m_vectors.isEmpty(); }
    const QList<QVector<float>> &vectors() const { return m_vectors; } // as the API returned them
    QStringList embeddedTexts() const { return m_embeddedTexts; }
    Usage totalUsage() const { return m_runUsage; }

    void embed();
    void cancel();
    void runQuery(const QString &text);
    // Writes the vectors off the GUI thread; exportFinished follows.
    void exportTo(const QString &path, EmbeddingExporter::Format format);

    EmbeddingsInputPanel *inputs() const { return m_inputs; }
    EmbeddingsResultsView *results() const { return m_results; }
    EmbeddingBatcher *run() const { return m_run; }
    QComboBox *modelPicker() const { return m_model; }
    QSpinBox *dimensionField() const { return m_dimension; }
    QComboBox *dtypePicker() const { return m_dtype; }
    QPushButton *embedButton() const { return m_embedButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *statsLabel() const { return m_stats; }

signals:
    void callFinished(const QString &model, const md::Usage &usage, std::optional<double> costUsd);
    void resultsReady(int count); // vectors embedded, normalised and handed to the views
    void exportFinished(bool ok, const QString &message);

private:
    QWidget *buildControls();
    void reloadModels();
    void updateOptionState();
    void updateEstimate();
    void updateButtons();
    void onRequestFinished(const QString &model, const Usage &usage);
    void onRunFinished(const EmbeddingResult &result);
    void onRunFailed(const ApiError &error);
    void onMatrixReady();
    void chooseExport(EmbeddingExporter::Format format);
    std::optional<double> costOf(const QString &model, const Usage &usage) const;
    bool supportsOutputOptions(const QString &model) const;

    TabServices m_services;
    EmbeddingBatcher *m_run = nullptr;
    EmbeddingsInputPanel *m_inputs = nullptr;
    EmbeddingsResultsView *m_results = nullptr;
    QComboBox *m_model = nullptr;
    QSpinBox *m_dimension = nullptr;
    QComboBox *m_dtype = nullptr;
    QLabel *m_optionsNote = nullptr;
    QPushButton *m_embedButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_estimate = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_stats = nullptr;
    QPushButton *m_exportButtons[3] {};

    EmbeddingRequest m_sent; // settings of the run that produced the results (queries reuse them)
    QStringList m_runTexts;  // inputs of the run in progress
    QStringList m_embeddedTexts;
    QList<QVector<float>> m_vectors;
    Usage m_runUsage;
    std::optional<double> m_runCost;
    int m_runRequests = 0;
    QElapsedTimer m_runClock;
    QPointer<ApiCall> m_queryCall;
    QFutureWatcher<std::shared_ptr<const EmbeddingMatrix>> m_matrixWatcher;
    QFutureWatcher<QString> m_exportWatcher;
};

} // namespace md
