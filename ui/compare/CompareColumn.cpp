#include "compare/CompareColumn.h"

#include "catalog/ModelCatalog.h"
#include "catalog/PriceTable.h"
#include "chat/ChatView.h"
#include "chat/ConversationModel.h"
#include "conversation/AnswerRunner.h"
#include "params/ModelPicker.h"
#include "params/ParameterPanel.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>

namespace md {

CompareColumn::CompareColumn(const TabServices &services, const ChatParameters &parameters, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_conversation(new ConversationModel(this))
    , m_runner(new AnswerRunner(services, m_conversation, this))
    , m_picker(new ModelPicker(this))
    , m_view(new ChatView(this))
    , m_summary(new QLabel(this))
    , m_stats(new QLabel(this))
    , m_remove(new QToolButton(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *header = new QHBoxLayout;
    m_picker->setCatalog(services.catalog);
    m_picker->setPriceTable(services.prices);
    auto *params = new QToolButton(this);
    params->setText(tr("Parameters…"));
    params->setToolTip(tr("This column's system prompt and parameters"));
    params->setAccessibleName(tr("Column parameters"));
    m_remove->setText(QStringLiteral("✕"));
    m_remove->setAutoRaise(true);
    m_remove->setToolTip(tr("Remove this column"));
    m_remove->setAccessibleName(tr("Remove column"));
    header->addWidget(m_picker, 1);
    header->addWidget(params);
    header->addWidget(m_remove);
    layout->addLayout(header);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_view->setConversation(m_conversation);
    layout->addWidget(m_view, 1);
    m_stats->setObjectName(QStringLiteral("columnStats"));
    m_stats->setWordWrap(true);
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stats->setText(tr("No answer yet"));
    layout->addWidget(m_stats);

    connect(m_picker, &ModelPicker::modelChanged, this, [this](const QString &id) {
        m_parameters.model = id;
        emit changed();
    });
    connect(params, &QToolButton::clicked, this, &CompareColumn::editParameters);
    connect(m_remove, &QToolButton::clicked, this, [this] { emit removeRequested(this); });
    connect(m_runner, &AnswerRunner::busyChanged, this, &CompareColumn::busyChanged);
    connect(m_runner, &AnswerRunner::callFinished, this, &CompareColumn::showStats);
    connect(m_runner, &AnswerRunner::callFinished, this, &CompareColumn::callFinished);
    connect(m_runner, &AnswerRunner::callFailed, this, [this](const ApiError &error) {
        m_stats->setText(error.kind == ApiError::Kind::Cancelled ? tr("Stopped")
                                                                 : tr("Failed: %1").arg(error.toString()));
        if (error.httpStatus == 401)
            emit keyRejected();
    });
    connect(m_view, &ChatView::deleteRequested, this, [this](int row) {
        if (m_conversation->entry(row).state != ChatEntry::State::Streaming)
            m_conversation->removeEntry(row);
    });
    setParameters(parameters);
}

void CompareColumn::setParameters(const ChatParameters &parameters)
{
    m_parameters = parameters;
    m_picker->setCurrentModel(parameters.model);
    // What differs from the defaults, so columns of one model with different settings tell apart.
    QStringList parts;
    if (parameters.temperature)
        parts << tr("temperature %1").arg(*parameters.temperature);
    if (parameters.topP)
        parts << tr("top_p %1").arg(*parameters.topP);
    if (parameters.maxTokens)
        parts << tr("max %1 tokens").arg(*parameters.maxTokens);
    if (parameters.randomSeed)
        parts << tr("seed %1").arg(*parameters.randomSeed);
    if (!parameters.systemPrompt.isEmpty())
        parts << tr("system prompt");
    if (parameters.responseFormat.type != ResponseFormat::Type::Text)
        parts << tr("JSON output");
    if (!parameters.reasoningEffort.isEmpty())
        parts << tr("reasoning %1").arg(parameters.reasoningEffort);
    m_summary->setText(parts.isEmpty() ? tr("Default parameters") : parts.join(QStringLiteral(" · ")));
}

bool CompareColumn::isBusy() const
{
    return m_runner->isBusy();
}

void CompareColumn::setRemovable(bool removable)
{
    m_remove->setEnabled(removable);
}

void CompareColumn::send(const ChatMessage &message)
{
    if (isBusy())
        return;
    ChatEntry entry;
    entry.message = message;
    m_conversation->append(entry);
    ChatRequest request;
    request.messages = m_conversation->requestMessages();
    m_parameters.applyTo(request);
    m_stats->setText(tr("Waiting for the first token…"));
    m_runner->start(request);
}

void CompareColumn::stop()
{
    m_runner->stop();
}

void CompareColumn::clear()
{
    if (isBusy())
        return;
    m_conversation->setEntries({});
    m_stats->setText(tr("No answer yet"));
}

void CompareColumn::refreshPrices()
{
    m_picker->setPriceTable(m_services.prices);
}

void CompareColumn::editParameters()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Parameters: %1").arg(m_parameters.model));
    auto *layout = new QVBoxLayout(&dialog);
    auto *panel = new ParameterPanel(&dialog);
    panel->setPresetStore(m_services.presets);
    panel->setModelInfo(m_services.catalog ? m_services.catalog->find(m_parameters.model) : nullptr);
    panel->setParameters(m_parameters);
    layout->addWidget(panel);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    dialog.resize(360, 640);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ChatParameters edited = panel->parameters();
    edited.model = m_parameters.model;
    setParameters(edited);
    emit changed();
}

void CompareColumn::showStats(const ChatResult &result, std::optional<double> cost)
{
    const QLocale locale;
    m_stats->setText(tr("%1 in · %2 out · %3 · first token %4 ms · total %5 ms · %6 tok/s")
                         .arg(locale.toString(result.usage.promptTokens),
                              locale.toString(result.usage.completionTokens),
                              cost ? PriceTable::formatUsd(*cost) : tr("no price"))
                         .arg(result.timeToFirstTokenMs)
                         .arg(result.durationMs)
                         .arg(result.tokensPerSecond, 0, 'f', 1));
}

} // namespace md
