#include "embeddings/EmbeddingsPage.h"

#include "api/EmbeddingBatcher.h"
#include "api/MistralClient.h"
#include "catalog/ModelCatalog.h"
#include "catalog/PriceTable.h"
#include "catalog/TokenEstimate.h"
#include "embeddings/EmbeddingsInputPanel.h"
#include "embeddings/EmbeddingsResultsView.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace md {

EmbeddingsPage::EmbeddingsPage(const TabServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_run(new EmbeddingBatcher(services.client, this))
{
    setObjectName(QStringLiteral("embeddingsPage"));
    // Smaller requests than the API's 512 inputs: each answer is decoded on the GUI thread (in
    // EmbeddingBatcher::onBatchDone), about 45 us per 1024-float vector in a release build, and up to
    // three answers can land in one event-loop pass. 128 inputs keep that pass near 20 ms.
    EmbeddingBatcher::Limits limits = m_run->limits();
    limits.maxInputs = kInputsPerRequest;
    m_run->setLimits(limits);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildControls());
    m_results = new EmbeddingsResultsView(splitter);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setCollapsible(0, false);
    splitter->setCollapsible(1, false);
    layout->addWidget(splitter);

    connect(m_run, &EmbeddingBatcher::progress, this, [this](int embedded, int total) {
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(embedded);
        const QLocale locale;
        m_status->setText(tr("Embedded %1 of %2 · %3 of %4 requests")
                              .arg(locale.toString(embedded), locale.toString(total))
                              .arg(m_runRequests)
                              .arg(m_run->plannedRequests()));
    });
    connect(m_run, &EmbeddingBatcher::requestFinished, this, &EmbeddingsPage::onRequestFinished);
    connect(m_run, &EmbeddingBatcher::finished, this, &EmbeddingsPage::onRunFinished);
    connect(m_run, &EmbeddingBatcher::failed, this, &EmbeddingsPage::onRunFailed);
    connect(m_inputs, &EmbeddingsInputPanel::textsChanged, this, &EmbeddingsPage::updateEstimate);
    connect(m_results, &EmbeddingsResultsView::queryRequested, this, &EmbeddingsPage::runQuery);
    connect(&m_matrixWatcher, &QFutureWatcherBase::finished, this, &EmbeddingsPage::onMatrixReady);
    connect(&m_exportWatcher, &QFutureWatcherBase::finished, this, [this] {
        const QString error = m_exportWatcher.result();
        const bool ok = error.isEmpty();
        m_status->setText(ok ? tr("Vectors exported: %1.").arg(QLocale().toString(m_vectors.size())) : error);
        updateButtons();
        emit exportFinished(ok, m_status->text());
    });
    if (m_services.catalog)
        connect(m_services.catalog, &ModelCatalog::updated, this, &EmbeddingsPage::reloadModels);
    reloadModels();
    updateEstimate();
    updateButtons();
}

EmbeddingsPage::~EmbeddingsPage()
{
    m_run->cancel();
    if (m_queryCall)
        m_queryCall->cancel();
    // An export in flight works on its own copy of the data; let it finish writing.
    m_exportWatcher.waitForFinished();
}

QWidget *EmbeddingsPage::buildControls()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 6, 0);

    m_inputs = new EmbeddingsInputPanel(panel);
    layout->addWidget(m_inputs, 1);
    m_estimate = new QLabel(panel);
    m_estimate->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_estimate);

    auto *settings = new QGroupBox(tr("Model and output"), panel);
    auto *form = new QFormLayout(settings);
    m_model = new QComboBox(settings);
    m_model->setAccessibleName(tr("Embedding model"));
    m_dimension = new QSpinBox(settings);
    m_dimension->setRange(0, 3072);
    m_dimension->setSpecialValueText(tr("model default"));
    m_dimension->setAccessibleName(tr("Output dimension"));
    m_dimension->setToolTip(tr("codestral-embed: 1 to 3072 (default 1536). Shorter vectors are cheaper to store "
                               "and compare."));
    m_dtype = new QComboBox(settings);
    m_dtype->addItem(tr("float (default)"), QString());
    for (const char *type : {"float", "int8", "uint8", "binary", "ubinary"})
        m_dtype->addItem(QString::fromLatin1(type), QString::fromLatin1(type));
    m_dtype->removeItem(1); // "float" is the default entry
    m_dtype->setAccessibleName(tr("Output data type"));
    m_dtype->setToolTip(tr("binary / ubinary pack 8 dimensions per byte; similarities then follow the Hamming "
                           "distance (bits unpacked to ±1)."));
    m_optionsNote = new QLabel(settings);
    m_optionsNote->setWordWrap(true);
    m_optionsNote->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Dimension"), m_dimension);
    form->addRow(tr("Data type"), m_dtype);
    form->addRow(m_optionsNote);
    layout->addWidget(settings);
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] {
        updateOptionState();
        updateEstimate();
    });

    auto *runRow = new QHBoxLayout;
    m_embedButton = new QPushButton(tr("Embed"), panel);
    m_embedButton->setDefault(true);
    m_embedButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_embedButton->setToolTip(tr("Embed every text (Ctrl+Enter)"));
    m_cancelButton = new QPushButton(tr("Cancel"), panel);
    m_cancelButton->setToolTip(tr("Stop the run; vectors embedded so far are discarded"));
    m_progress = new QProgressBar(panel);
    m_progress->setAccessibleName(tr("Embedding progress"));
    m_progress->setFormat(tr("%p%"));
    m_progress->setValue(0);
    runRow->addWidget(m_embedButton);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress, 1);
    layout->addLayout(runRow);
    connect(m_embedButton, &QPushButton::clicked, this, &EmbeddingsPage::embed);
    connect(m_cancelButton, &QPushButton::clicked, this, &EmbeddingsPage::cancel);

    m_status = new QLabel(panel);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("Run status"));
    m_stats = new QLabel(panel);
    m_stats->setTextFormat(Qt::PlainText);
    m_stats->setAccessibleName(tr("Tokens and cost"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    layout->addWidget(m_stats);

    auto *exportRow = new QHBoxLayout;
    exportRow->addWidget(new QLabel(tr("Export vectors:"), panel));
    const QString names[] = {tr("CSV…"), tr("JSON…"), tr(".npy…")};
    for (int i = 0; i < 3; ++i) {
        m_exportButtons[i] = new QPushButton(names[i], panel);
        m_exportButtons[i]->setAccessibleName(tr("Export vectors as %1").arg(names[i]));
        const auto format = EmbeddingExporter::Format(i);
        connect(m_exportButtons[i], &QPushButton::clicked, this, [this, format] { chooseExport(format); });
        exportRow->addWidget(m_exportButtons[i]);
    }
    exportRow->addStretch(1);
    layout->addLayout(exportRow);
    return panel;
}

bool EmbeddingsPage::supportsOutputOptions(const QString &model) const
{
    const QString id = m_services.catalog ? m_services.catalog->canonicalId(model) : model;
    return id.startsWith(QLatin1String("codestral-embed"));
}

void EmbeddingsPage::reloadModels()
{
    const QString current = m_model->currentData().toString();
    QStringList ids;
    if (m_services.catalog) {
        const QList<ModelInfo> models
            = m_services.catalog->models([](const ModelInfo &info) { return info.capabilities.embeddings; });
        for (const ModelInfo &info : models)
            ids.append(info.id);
    }
    if (ids.isEmpty()) // no catalog yet: the two models Mistral documents
        ids = {QStringLiteral("mistral-embed"), QStringLiteral("codestral-embed")};
    m_model->blockSignals(true);
    m_model->clear();
    for (const QString &id : std::as_const(ids)) {
        const auto price = m_services.prices ? m_services.prices->price(id, m_services.catalog) : std::nullopt;
        const QString label
            = price ? tr("%1  ·  $%2 / M tokens").arg(id, QLocale().toString(price->inputPerMillion)) : id;
        m_model->addItem(label, id);
    }
    const int keep = m_model->findData(current.isEmpty() ? QStringLiteral("mistral-embed") : current);
    m_model->setCurrentIndex(std::max(keep, 0));
    m_model->blockSignals(false);
    updateOptionState();
}

void EmbeddingsPage::setModel(const QString &id)
{
    int index = m_model->findData(id);
    if (index < 0) {
        m_model->addItem(id, id);
        index = m_model->count() - 1;
    }
    m_model->setCurrentIndex(index);
}

void EmbeddingsPage::setOutputOptions(std::optional<int> dimension, const QString &dtype)
{
    m_dimension->setValue(dimension.value_or(0));
    m_dtype->setCurrentIndex(std::max(0, m_dtype->findData(dtype)));
}

void EmbeddingsPage::updateOptionState()
{
    const bool supported = supportsOutputOptions(m_model->currentData().toString());
    m_dimension->setEnabled(supported && !isRunning());
    m_dtype->setEnabled(supported && !isRunning());
    m_optionsNote->setText(supported ? tr("Dimension and data type are sent as output_dimension / output_dtype.")
                                     : tr("%1 returns 1024 float dimensions; dimension and data type apply to "
                                          "codestral-embed.")
                                           .arg(m_model->currentData().toString()));
}

EmbeddingRequest EmbeddingsPage::request() const
{
    EmbeddingRequest request;
    request.model = m_model->currentData().toString();
    if (supportsOutputOptions(request.model)) {
        if (m_dimension->value() > 0)
            request.outputDimension = m_dimension->value();
        request.outputDtype = m_dtype->currentData().toString();
    }
    // Floats travel as base64 (4x smaller, and far cheaper to parse on the GUI thread than JSON
    // numbers); integer types stay JSON numbers, which is what base64 decoding here expects.
    if (request.outputDtype.isEmpty() || request.outputDtype == QLatin1String("float"))
        request.encodingFormat = QStringLiteral("base64");
    return request;
}

std::optional<double> EmbeddingsPage::costOf(const QString &model, const Usage &usage) const
{
    return m_services.prices ? m_services.prices->cost(model, usage, m_services.catalog) : std::nullopt;
}

void EmbeddingsPage::updateEstimate()
{
    const QStringList texts = m_inputs->texts();
    qint64 tokens = 0;
    for (const QString &text : texts)
        tokens += TokenEstimate::forText(text);
    Usage usage;
    usage.promptTokens = usage.totalTokens = tokens;
    const auto cost = costOf(m_model->currentData().toString(), usage);
    const QLocale locale;
    m_estimate->setText(texts.isEmpty() ? tr("No texts yet.")
                                        : tr("Texts: %1 · ≈ %2 tokens · ≈ %3")
                                              .arg(locale.toString(texts.size()), locale.toString(tokens),
                                                   cost ? PriceTable::formatUsd(*cost) : tr("no price")));
    updateButtons();
}

bool EmbeddingsPage::isRunning() const
{
    return m_run->isRunning() || m_matrixWatcher.isRunning();
}

void EmbeddingsPage::updateButtons()
{
    const bool running = isRunning();
    m_embedButton->setEnabled(!running && !m_inputs->texts().isEmpty() && m_services.client);
    m_cancelButton->setEnabled(m_run->isRunning());
    m_model->setEnabled(!running);
    m_inputs->setEnabled(!running);
    const bool canExport = !running && !m_vectors.isEmpty() && !m_exportWatcher.isRunning();
    for (QPushButton *button : m_exportButtons)
        button->setEnabled(canExport);
    updateOptionState();
}

} // namespace md
