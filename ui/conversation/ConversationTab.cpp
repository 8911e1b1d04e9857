#include "conversation/ConversationTab.h"

#include "api/MistralClient.h"
#include "catalog/ModelCatalog.h"
#include "catalog/PriceTable.h"
#include "catalog/TokenEstimate.h"
#include "chat/ChatView.h"
#include "chat/ConversationModel.h"
#include "common/FirstPaint.h"
#include "conversation/AnswerRunner.h"
#include "conversation/Composer.h"
#include "conversation/ConversationMirror.h"
#include "conversation/ToolCallFlow.h"
#include "params/ModelPicker.h"
#include "params/ParameterPanel.h"
#include "store/ConversationStore.h"
#include "tools/ToolCallsPanel.h"
#include "viewcode/ViewCodeDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace md {

namespace {
constexpr int kTitleLength = 32;

QString titleFrom(const QString &text)
{
    QString title = text.simplified();
    if (title.size() > kTitleLength)
        title = title.left(kTitleLength - 1).trimmed() + QStringLiteral("…");
    return title;
}
} // namespace

ConversationTab::ConversationTab(const TabServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_title(tr("New chat"))
    , m_conversation(new ConversationModel(this))
    , m_runner(new AnswerRunner(services, m_conversation, this))
{
    buildUi();
    setParameters(m_parameters);

    connect(m_runner, &AnswerRunner::busyChanged, this, [this](bool busy) {
        m_composer->setBusy(busy);
        emit busyChanged(busy);
        if (!busy) {
            m_toolFlow->answerFinished();
            updateEstimate();
            emit changed();
        }
    });
    connect(m_toolFlow, &ToolCallFlow::continueRequested, this, [this] {
        answerFromHere();
        emit changed();
    });
    // Queued: the model is mid-change when it signals; the flow looks at the result.
    for (auto signal : {&ConversationModel::rowsInserted, &ConversationModel::rowsRemoved}) {
        connect(
            m_conversation, signal, this,
            [this] {
                if (!isBusy())
                    m_toolFlow->conversationChanged();
            },
            Qt::QueuedConnection);
    }
    connect(
        m_conversation, &ConversationModel::modelReset, this,
        [this] {
            if (!isBusy())
                m_toolFlow->conversationChanged();
        },
        Qt::QueuedConnection);
    connect(m_runner, &AnswerRunner::callFinished, this, [this](const ChatResult &result, std::optional<double> cost) {
        m_totals.add(result.usage.promptTokens, result.usage.completionTokens, cost);
        updateTotalsLabel();
        emit callFinished(result, cost);
    });
    connect(m_runner, &AnswerRunner::retrying, this, [this](int attempt, int delayMs, const ApiError &error) {
        emit statusMessage(tr("%1 Trying again in %2 s (attempt %3)…")
                               .arg(error.userMessage())
                               .arg((delayMs + 999) / 1000)
                               .arg(attempt + 1));
    });
    connect(m_runner, &AnswerRunner::callFailed, this, [this](const ApiError &error) {
        if (error.httpStatus == 401)
            emit keyRejected();
    });

    connect(m_view, &ChatView::regenerateRequested, this, &ConversationTab::regenerate);
    connect(m_view, &ChatView::editRequested, this, &ConversationTab::editMessage);
    connect(m_view, &ChatView::continueRequested, this, &ConversationTab::continueMessage);
    connect(m_view, &ChatView::deleteRequested, this, &ConversationTab::deleteMessage);
    connect(m_view, &ChatView::retryRequested, this, &ConversationTab::retry);
    connect(m_view, &ChatView::forkRequested, this, [this](int row) {
        if (!m_mirror || !m_store)
            return;
        m_mirror->flush();
        const qint64 fork = m_store->forkConversation(m_mirror->storeId(row));
        if (fork == 0) {
            emit statusMessage(tr("Could not fork: %1").arg(m_store->lastError()));
            return;
        }
        m_store->renameConversation(fork, tr("%1 (fork)").arg(m_title));
        m_store->setParameters(fork, uiState());
        emit forked(fork);
    });
    connect(m_view, &ChatView::branchRequested, this, [this](int row, int delta) {
        if (m_mirror && !isBusy()) {
            m_mirror->switchBranch(row, delta);
            updateEstimate();
        }
    });

    connect(m_composer, &Composer::sendRequested, this, &ConversationTab::send);
    connect(m_composer, &Composer::stopRequested, this, &ConversationTab::stop);
    connect(m_composer, &Composer::contentChanged, m_estimateTimer, qOverload<>(&QTimer::start));
    connect(m_composer, &Composer::editCancelled, this, [this] { m_editingId = 0; });
    connect(m_composer, &Composer::problem, this, &ConversationTab::statusMessage);
    connect(m_picker, &ModelPicker::modelChanged, this, &ConversationTab::onModelChosen);
    updateTotalsLabel();
}

void ConversationTab::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);

    auto *header = new QHBoxLayout;
    m_picker = new ModelPicker(this);
    m_picker->setCatalog(m_services.catalog);
    m_picker->setPriceTable(m_services.prices);
    auto *viewCode = new QToolButton(this);
    viewCode->setText(tr("View code"));
    viewCode->setToolTip(tr("This tab's request as curl, Python and TypeScript (Ctrl+Shift+V)"));
    viewCode->setAccessibleName(tr("View code"));
    m_paramsButton = new QToolButton(this);
    m_paramsButton->setText(tr("Parameters"));
    m_paramsButton->setCheckable(true);
    m_paramsButton->setChecked(true);
    m_paramsButton->setToolTip(tr("Show or hide the parameter panel (Ctrl+Shift+P)"));
    header->addWidget(m_picker, 1);
    header->addWidget(viewCode);
    header->addWidget(m_paramsButton);
    layout->addLayout(header);

    m_sideSplitter = new QSplitter(Qt::Horizontal, this);
    auto *chatSplitter = new QSplitter(Qt::Vertical, m_sideSplitter);
    m_view = new ChatView(chatSplitter);
    m_view->setConversation(m_conversation);
    auto *bottom = new QWidget(chatSplitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->setSpacing(0);
    m_toolsPanel = new ToolCallsPanel(bottom);
    bottomLayout->addWidget(m_toolsPanel);
    m_composer = new Composer(bottom);
    bottomLayout->addWidget(m_composer, 1);
    m_toolFlow = new ToolCallFlow(m_conversation, m_toolsPanel, this);
    chatSplitter->setStretchFactor(0, 5);
    chatSplitter->setStretchFactor(1, 1);
    chatSplitter->setCollapsible(0, false);
    chatSplitter->setCollapsible(1, false);
    // The parameter panel is the costliest part of a tab (about a third of it): it is built just
    // after the window first shows, in a placeholder of its width (bench/startup).
    m_panelSlot = new QWidget(m_sideSplitter);
    m_panelSlot->setMinimumWidth(260);
    afterFirstPaint(m_panelSlot, [this] { parameterPanel(); });
    m_sideSplitter->setStretchFactor(0, 1);
    m_sideSplitter->setStretchFactor(1, 0);
    m_sideSplitter->setSizes({900, 320});
    layout->addWidget(m_sideSplitter, 1);

    m_totalsLabel = new QLabel(this);
    m_totalsLabel->setObjectName(QStringLiteral("tabTotals"));
    m_totalsLabel->setForegroundRole(QPalette::PlaceholderText);
    m_totalsLabel->setToolTip(tr("Every call this tab made, at list prices (regenerated answers count too)"));
    layout->addWidget(m_totalsLabel);

    m_estimateTimer = new QTimer(this);
    m_estimateTimer->setSingleShot(true);
    m_estimateTimer->setInterval(150); // typing does not recompute per keystroke
    connect(m_estimateTimer, &QTimer::timeout, this, &ConversationTab::updateEstimate);
    connect(m_paramsButton, &QToolButton::toggled, this, &ConversationTab::setParametersVisible);
    connect(viewCode, &QToolButton::clicked, this, &ConversationTab::showCode);
}

ParameterPanel *ConversationTab::parameterPanel()
{
    if (m_panel)
        return m_panel;
    m_panel = new ParameterPanel(this); // a child at once: never a window of its own, even briefly
    m_panel->setPresetStore(m_services.presets);
    m_panel->setModelInfo(m_services.catalog ? m_services.catalog->find(m_parameters.model) : nullptr);
    m_panel->setParameters(m_parameters);
    m_panel->setVisible(m_panelVisible);
    delete m_sideSplitter->replaceWidget(m_sideSplitter->indexOf(m_panelSlot), m_panel);
    m_panelSlot = nullptr;
    connect(m_panel, &ParameterPanel::parametersChanged, this, &ConversationTab::onParametersEdited);
    return m_panel;
}

void ConversationTab::setTitle(const QString &title, bool chosenByUser)
{
    if (title.trimmed().isEmpty())
        return;
    m_title = title.trimmed();
    m_titleChosen = m_titleChosen || chosenByUser;
    if (m_store && m_mirror)
        m_store->renameConversation(m_mirror->conversationId(), m_title);
    emit titleChanged(m_title);
    emit changed();
}

void ConversationTab::setParameters(const ChatParameters &parameters)
{
    m_parameters = parameters;
    m_toolFlow->setTools(parameters.tools);
    if (m_mirror)
        m_mirror->setParameters(parameters.toJson());
    m_picker->setCurrentModel(parameters.model);
    const ModelInfo *info = m_services.catalog ? m_services.catalog->find(parameters.model) : nullptr;
    if (m_panel) {
        m_panel->setModelInfo(info);
        m_panel->setParameters(parameters);
    }
    m_composer->setVisionAllowed(!info || info->capabilities.vision);
    updateEstimate();
}

bool ConversationTab::isBusy() const
{
    return m_runner->isBusy();
}

void ConversationTab::onModelChosen(const QString &id)
{
    if (id == m_parameters.model)
        return;
    m_parameters.model = id;
    if (m_mirror)
        m_mirror->setParameters(m_parameters.toJson());
    const ModelInfo *info = m_services.catalog ? m_services.catalog->find(id) : nullptr;
    if (m_panel)
        m_panel->setModelInfo(info);
    m_composer->setVisionAllowed(!info || info->capabilities.vision);
    updateEstimate();
    emit changed();
}

void ConversationTab::onParametersEdited()
{
    const QString model = m_parameters.model;
    m_parameters = m_panel->parameters();
    m_parameters.model = model;
    m_toolFlow->setTools(m_parameters.tools);
    if (m_mirror)
        m_mirror->setParameters(m_parameters.toJson());
    updateEstimate();
    emit changed();
}

ChatRequest ConversationTab::currentRequest() const
{
    ChatRequest request;
    const int lastRow = m_editingId ? m_conversation->rowOfId(m_editingId) - 1 : -1;
    if (!m_editingId || lastRow >= 0)
        request.messages = m_conversation->requestMessages(lastRow);
    if (!m_composer->isEmpty())
        request.messages.append(m_composer->message());
    m_parameters.applyTo(request);
    return request;
}

void ConversationTab::send()
{
    if (isBusy() || m_composer->isEmpty())
        return;
    if (m_toolFlow->hasPendingCalls() && !m_editingId) {
        // The API takes nothing but tool results after an answer that called tools.
        emit statusMessage(tr("Answer the tool calls first (or delete that answer): the model is waiting for "
                              "their results."));
        return;
    }
    m_toolFlow->userSent();
    if (m_editingId) {
        const int row = m_conversation->rowOfId(m_editingId);
        if (row >= 0)
            m_conversation->truncateFrom(row);
        m_editingId = 0;
    }
    ChatEntry entry;
    entry.message = m_composer->message();
    if (!m_titleChosen && m_conversation->rowCount() == 0)
        setTitle(titleFrom(entry.message.plainText().isEmpty() ? tr("Image") : entry.message.plainText()), false);
    ensureStored();
    m_conversation->append(entry);
    m_composer->clear();
    answerFromHere();
    emit changed();
}

bool ConversationTab::answerFromHere()
{
    ChatRequest request;
    request.messages = m_conversation->requestMessages();
    m_parameters.applyTo(request);
    return m_runner->start(request);
}

void ConversationTab::stop()
{
    m_runner->stop();
}

void ConversationTab::regenerate(int row)
{
    if (isBusy() || row < 0 || row >= m_conversation->rowCount())
        return;
    m_conversation->truncateFrom(row);
    answerFromHere();
    emit changed();
}

void ConversationTab::editMessage(int row)
{
    if (isBusy() || row < 0 || row >= m_conversation->rowCount())
        return;
    const ChatEntry &entry = m_conversation->entry(row);
    if (entry.message.role != ChatMessage::Role::User)
        return;
    QString text = entry.message.content;
    QList<ImageAttachment> images;
    for (const ContentChunk &chunk : entry.message.chunks) {
        if (chunk.type == ContentChunk::Type::ImageUrl)
            images.append(ImageAttachment::fromDataUri(chunk.url));
        else if (chunk.type == ContentChunk::Type::Text)
            text += chunk.text;
    }
    m_editingId = entry.id;
    m_composer->setText(text);
    m_composer->setAttachments(images);
    m_composer->setEditing(true);
    m_composer->focusEditor();
}

void ConversationTab::continueMessage(int row)
{
    if (isBusy() || row < 0 || row >= m_conversation->rowCount())
        return;
    if (m_conversation->entry(row).message.role != ChatMessage::Role::Assistant)
        return;
    // Only the last answer can be continued (the API takes a prefix on the last message only);
    // error cards after it are dropped.
    for (int later = m_conversation->rowCount() - 1; later > row; --later) {
        if (m_conversation->entry(later).kind == ChatEntry::Kind::Message) {
            emit statusMessage(tr("Only the last answer can be continued."));
            return;
        }
        m_conversation->removeEntry(later);
    }
    ChatRequest request;
    request.messages = m_conversation->requestMessages(row);
    m_parameters.applyTo(request);
    m_runner->start(request, row);
}

void ConversationTab::deleteMessage(int row)
{
    if (row < 0 || row >= m_conversation->rowCount())
        return;
    if (m_conversation->entry(row).state == ChatEntry::State::Streaming)
        return; // stop it first
    if (m_mirror)
        m_mirror->deleteRow(row); // with its replies, as stored; the view shows what remains
    else
        m_conversation->removeEntry(row);
    updateEstimate();
    emit changed();
}

void ConversationTab::retry(int row)
{
    if (isBusy() || row < 0 || row >= m_conversation->rowCount())
        return;
    m_conversation->truncateFrom(row);
    // A partial answer the failure left behind is replaced by the new one.
    while (m_conversation->rowCount() > 0) {
        const ChatEntry &last = m_conversation->entry(m_conversation->rowCount() - 1);
        if (last.message.role != ChatMessage::Role::Assistant || last.kind != ChatEntry::Kind::Message
            || last.state == ChatEntry::State::Done)
            break;
        m_conversation->removeEntry(m_conversation->rowCount() - 1);
    }
    answerFromHere();
}

void ConversationTab::showCode()
{
    auto *dialog = new ViewCodeDialog(currentRequest(), m_services.client->baseUrl(), true, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void ConversationTab::openModelPicker()
{
    m_picker->openPicker();
}

void ConversationTab::focusComposer()
{
    m_composer->focusEditor();
}

void ConversationTab::setParametersVisible(bool visible)
{
    m_panelVisible = visible;
    (m_panel ? static_cast<QWidget *>(m_panel) : m_panelSlot)->setVisible(visible);
    m_paramsButton->setChecked(visible);
}

bool ConversationTab::parametersVisible() const
{
    return m_panelVisible;
}

void ConversationTab::refreshPrices()
{
    m_picker->setPriceTable(m_services.prices);
    setParameters(m_parameters);
    updateTotalsLabel();
}

void ConversationTab::updateEstimate()
{
    const ChatRequest request = currentRequest();
    // The last answer's usage is exact for everything up to it; only what follows is guessed.
    qint64 tokens = 0;
    int firstGuessed = 0;
    const int limit = m_editingId ? m_conversation->rowOfId(m_editingId) : m_conversation->rowCount();
    for (int row = limit - 1; row >= 0; --row) {
        const ChatEntry &entry = m_conversation->entry(row);
        if (entry.kind == ChatEntry::Kind::Message && entry.hasUsage && entry.state == ChatEntry::State::Done) {
            tokens = entry.usage.promptTokens + entry.usage.completionTokens;
            firstGuessed = m_conversation->requestMessages(row).size();
            break;
        }
    }
    tokens += TokenEstimate::forMessages(request.messages.mid(firstGuessed));
    for (const ImageAttachment &image : m_composer->attachments())
        tokens += TokenEstimate::forImage(image.pixels) - TokenEstimate::forImage(QSize(512, 512));
    std::optional<double> cost;
    if (m_services.prices) {
        if (const auto price = m_services.prices->price(m_parameters.model, m_services.catalog))
            cost = PriceTable::cost(*price, tokens, 0);
    }
    m_composer->setEstimate(tokens, cost);
}

void ConversationTab::updateTotalsLabel()
{
    const QLocale locale;
    QString text = tr("This tab: %n call(s) · %1 in · %2 out · %3", nullptr, int(m_totals.calls))
                       .arg(locale.toString(m_totals.promptTokens), locale.toString(m_totals.completionTokens),
                            PriceTable::formatUsd(m_totals.costUsd));
    if (m_totals.unpricedCalls > 0)
        text += tr(" (+%n call(s) without a price)", nullptr, int(m_totals.unpricedCalls));
    m_totalsLabel->setText(text);
}

QJsonObject ConversationTab::uiState() const
{
    return {{QStringLiteral("title_chosen"), m_titleChosen},
            {QStringLiteral("parameters"), m_parameters.toJson()},
            {QStringLiteral("totals"), m_totals.toJson()},
            {QStringLiteral("parameters_visible"), m_paramsButton->isChecked()}};
}

void ConversationTab::loadUiState(const QJsonObject &state)
{
    m_titleChosen = state.value(QStringLiteral("title_chosen")).toBool();
    m_totals = TabTotals::fromJson(state.value(QStringLiteral("totals")).toObject());
    if (state.contains(QStringLiteral("parameters")))
        setParameters(ChatParameters::fromJson(state.value(QStringLiteral("parameters")).toObject()));
    setParametersVisible(state.value(QStringLiteral("parameters_visible")).toBool(true));
    updateTotalsLabel();
}

QJsonObject ConversationTab::toJson() const
{
    QJsonObject json = uiState();
    json.insert(QStringLiteral("title"), m_title);
    json.insert(QStringLiteral("messages"), m_conversation->toJson());
    return json;
}

void ConversationTab::attachStore(ConversationStore *store, qint64 conversationId, bool adoptShown)
{
    m_store = store;
    m_view->setForkEnabled(true);
    delete m_mirror;
    m_mirror = new ConversationMirror(store, m_conversation, conversationId, this);
    connect(m_mirror, &ConversationMirror::storeFailed, this, [this](const QString &message) {
        emit statusMessage(tr("The history could not be saved: %1").arg(message));
    });
    if (adoptShown) {
        m_mirror->adoptShown();
        saveToStore();
    } else {
        if (const auto summary = store->conversation(conversationId))
            m_title = summary->title;
        loadUiState(store->parameters(conversationId));
        m_mirror->load();
    }
    m_mirror->setParameters(m_parameters.toJson());
    updateEstimate();
    emit titleChanged(m_title);
}

void ConversationTab::ensureStored()
{
    if (!m_store || m_mirror)
        return;
    const qint64 id = m_store->createConversation(m_title, uiState());
    if (id == 0) {
        emit statusMessage(tr("The history could not be saved: %1").arg(m_store->lastError()));
        return;
    }
    attachStore(m_store, id, true);
}

qint64 ConversationTab::conversationId() const
{
    return m_mirror ? m_mirror->conversationId() : 0;
}

void ConversationTab::saveToStore()
{
    if (!m_mirror)
        return;
    m_mirror->flush();
    m_store->setParameters(m_mirror->conversationId(), uiState());
}

void ConversationTab::loadJson(const QJsonObject &json)
{
    m_title = json.value(QStringLiteral("title")).toString(m_title);
    m_titleChosen = json.value(QStringLiteral("title_chosen")).toBool();
    m_totals = TabTotals::fromJson(json.value(QStringLiteral("totals")).toObject());
    m_conversation->loadJson(json.value(QStringLiteral("messages")).toArray());
    // An answer that was streaming when the app closed is marked so, with what had arrived.
    for (int row = 0; row < m_conversation->rowCount(); ++row) {
        ChatEntry entry = m_conversation->entry(row);
        if (entry.state == ChatEntry::State::Streaming) {
            entry.state = ChatEntry::State::Interrupted;
            m_conversation->updateEntry(row, entry);
        }
    }
    setParameters(ChatParameters::fromJson(json.value(QStringLiteral("parameters")).toObject()));
    setParametersVisible(json.value(QStringLiteral("parameters_visible")).toBool(true));
    updateTotalsLabel();
    emit titleChanged(m_title);
}

} // namespace md
