// EmbeddingsPage, the part that acts: the run, the query and the exports (the layout and the
// settings are in EmbeddingsPage.cpp).
#include "embeddings/EmbeddingsPage.h"

#include "api/ApiCall.h"
#include "api/EmbeddingBatcher.h"
#include "api/MistralClient.h"
#include "catalog/PriceTable.h"
#include "embeddings/EmbeddingsInputPanel.h"
#include "embeddings/EmbeddingsResultsView.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QtConcurrent/QtConcurrentRun>

namespace md {

void EmbeddingsPage::embed()
{
    if (isRunning() || !m_services.client)
        return;
    const QStringList texts = m_inputs->texts();
    if (texts.isEmpty())
        return;
    EmbeddingRequest request = this->request();
    request.inputs = texts;
    m_sent = request;
    m_sent.inputs.clear();
    m_runTexts = texts;
    m_runUsage = {};
    m_runCost = 0.0;
    m_runRequests = 0;
    m_stats->clear();
    m_runClock.start();
    m_run->start(request);
    updateButtons();
}

void EmbeddingsPage::cancel()
{
    m_run->cancel();
}

void EmbeddingsPage::onRequestFinished(const QString &model, const Usage &usage)
{
    ++m_runRequests;
    m_runUsage += usage;
    const auto cost = costOf(model, usage);
    if (m_runCost && cost)
        *m_runCost += *cost;
    else
        m_runCost.reset();
    const QLocale locale;
    m_stats->setText(tr("%1 tokens · %2 · requests: %3")
                         .arg(locale.toString(m_runUsage.promptTokens),
                              m_runCost ? PriceTable::formatUsd(*m_runCost) : tr("no price"),
                              locale.toString(m_runRequests)));
    emit callFinished(model, usage, cost);
}

void EmbeddingsPage::onRunFinished(const EmbeddingResult &result)
{
    m_status->setText(tr("Normalising the vectors…"));
    m_vectors = result.vectors;
    m_embeddedTexts = m_runTexts;
    m_sent.model = result.model.isEmpty() ? m_sent.model : result.model;
    const QList<QVector<float>> vectors = result.vectors;
    const QString dtype = m_sent.outputDtype;
    m_matrixWatcher.setFuture(QtConcurrent::run(EmbeddingMatrix::threadPool(), [vectors, dtype] {
        return std::shared_ptr<const EmbeddingMatrix>(
            std::make_shared<EmbeddingMatrix>(EmbeddingMatrix::fromVectors(vectors, dtype)));
    }));
    updateButtons();
}

void EmbeddingsPage::onMatrixReady()
{
    const std::shared_ptr<const EmbeddingMatrix> matrix = m_matrixWatcher.result();
    m_results->setData(matrix, m_embeddedTexts);
    const QLocale locale;
    m_status->setText(tr("Embedded %Ln text(s) with %1 in %2 s: %3 dimensions.", nullptr, matrix->rows())
                          .arg(m_sent.model, locale.toString(double(m_runClock.elapsed()) / 1000.0, 'f', 1),
                               locale.toString(m_vectors.isEmpty() ? 0 : m_vectors.constFirst().size())));
    m_progress->setValue(m_progress->maximum());
    updateButtons();
    emit resultsReady(matrix->rows());
}

void EmbeddingsPage::onRunFailed(const ApiError &error)
{
    // Finished requests were already counted (callFinished); their vectors go with the run.
    if (error.kind == ApiError::Kind::Cancelled)
        m_status->setText(tr("Cancelled. The vectors of this run were discarded; finished requests (%1) are counted "
                             "in the usage.")
                              .arg(m_runRequests));
    else
        m_status->setText(tr("The run failed (nothing from it was kept): %1").arg(error.message));
    m_progress->setValue(0);
    updateButtons();
}

void EmbeddingsPage::runQuery(const QString &text)
{
    if (m_vectors.isEmpty() || !m_services.client || m_queryCall)
        return;
    EmbeddingRequest request = m_sent;
    request.inputs = {text};
    ApiCall *call = m_services.client->embeddings(request);
    m_queryCall = call;
    m_results->setQueryBusy(true);
    const QString dtype = m_sent.outputDtype;
    connect(call, &ApiCall::finished, this, [this, text, dtype](const QByteArray &body) {
        m_queryCall = nullptr;
        m_results->setQueryBusy(false);
        EmbeddingResult result;
        QString error;
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (!doc.isObject() || !EmbeddingResult::fromJson(doc.object(), 1, &result, &error)) {
            m_results->showQueryError(tr("The query's answer was not usable: %1").arg(error));
            return;
        }
        const QString model = result.model.isEmpty() ? m_sent.model : result.model;
        emit callFinished(model, result.usage, costOf(model, result.usage));
        const bool packed = dtype == QLatin1String("binary") || dtype == QLatin1String("ubinary");
        const QVector<float> vector = packed
            ? EmbeddingMatrix::unpackBits(result.vectors.constFirst(), dtype == QLatin1String("binary"))
            : result.vectors.constFirst();
        m_results->showQueryResult(text, vector);
    });
    connect(call, &ApiCall::failed, this, [this](const ApiError &error) {
        m_queryCall = nullptr;
        m_results->setQueryBusy(false);
        m_results->showQueryError(tr("The query failed: %1").arg(error.message));
    });
}

void EmbeddingsPage::chooseExport(EmbeddingExporter::Format format)
{
    static const char *const filters[]
        = {QT_TR_NOOP("CSV (*.csv)"), QT_TR_NOOP("JSON (*.json)"), QT_TR_NOOP("NumPy array (*.npy)")};
    static const char *const suffixes[] = {".csv", ".json", ".npy"};
    const int i = int(format);
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export vectors"), QStringLiteral("embeddings") + QLatin1String(suffixes[i]), tr(filters[i]));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1String(suffixes[i]);
    exportTo(path, format);
}

void EmbeddingsPage::exportTo(const QString &path, EmbeddingExporter::Format format)
{
    if (m_vectors.isEmpty() || m_exportWatcher.isRunning())
        return;
    EmbeddingExporter::Data payload {m_sent.model, m_embeddedTexts, m_vectors};
    m_status->setText(tr("Writing %1…").arg(QFileInfo(path).fileName()));
    m_exportWatcher.setFuture(QtConcurrent::run(EmbeddingMatrix::threadPool(), [payload, format, path] {
        QString error;
        if (!EmbeddingExporter::writeFile(payload, format, path, &error))
            return tr("Could not write %1: %2").arg(QFileInfo(path).fileName(), error);
        return QString();
    }));
    updateButtons();
}

} // namespace md
