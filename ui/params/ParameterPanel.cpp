#include "params/ParameterPanel.h"

#include "common/StatusColors.h"
#include "params/JsonSchemaEditor.h"
#include "params/PresetBar.h"
#include "params/PresetStore.h"
#include "params/SeedField.h"
#include "params/SliderField.h"
#include "params/StopListEditor.h"
#include "tools/ToolsSection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace md {

namespace {
// When the card does not say: the largest context of current Mistral models.
constexpr double kDefaultMaxTokens = 262144;

std::optional<qint64> toInteger(std::optional<double> value)
{
    return value ? std::optional<qint64>(std::llround(*value)) : std::nullopt;
}

std::optional<double> toDouble(std::optional<qint64> value)
{
    return value ? std::optional<double>(double(*value)) : std::nullopt;
}
} // namespace

ParameterPanel::ParameterPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(ChatParameters().model)
{
    setAccessibleName(tr("Parameters"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scroll = new QScrollArea(this);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(buildContent());
    layout->addWidget(m_scroll);
    // Scrolling the panel with the wheel must not change the slider or field under the pointer:
    // value controls take the wheel only once clicked or tabbed into.
    const QList<QWidget *> children = m_content->findChildren<QWidget *>();
    for (QWidget *w : children) {
        if (qobject_cast<QAbstractSlider *>(w) || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QComboBox *>(w)) {
            w->setFocusPolicy(Qt::StrongFocus);
            w->installEventFilter(this);
        }
    }
    updateModelDependent();
    load(ChatParameters {});
    // Never narrower than the content's own minimum (longer in French than in English): the panel
    // scrolls only vertically, so anything wider would be cut off at its right edge.
    setMinimumWidth(
        std::max(260, m_content->minimumSizeHint().width() + m_scroll->verticalScrollBar()->sizeHint().width()));
}

bool ParameterPanel::eventFilter(QObject *watched, QEvent *event)
{
    auto *widget = qobject_cast<QWidget *>(watched);
    if (event->type() == QEvent::Wheel && widget && !widget->hasFocus()) {
        QCoreApplication::sendEvent(m_scroll->verticalScrollBar(), event);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QSize ParameterPanel::sizeHint() const
{
    return {std::max(300, minimumWidth()), QWidget::sizeHint().height()};
}

QWidget *ParameterPanel::buildContent()
{
    m_content = new QWidget(this);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(10, 8, 10, 10);
    layout->setSpacing(6);

    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Parameters"), m_content);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title, 1);
    m_reset = new QToolButton(m_content);
    m_reset->setText(tr("Reset"));
    m_reset->setAccessibleName(tr("Reset parameters to defaults"));
    m_reset->setToolTip(
        tr("Sets every parameter back to the API's default; the system prompt and the tools are kept."));
    connect(m_reset, &QToolButton::clicked, this, [this] {
        resetToDefaults();
        emit parametersChanged();
    });
    header->addWidget(m_reset);
    layout->addLayout(header);

    m_presets = new PresetBar(m_content);
    connect(m_presets, &PresetBar::presetChosen, this, &ParameterPanel::applyPreset);
    connect(m_presets, &PresetBar::saveRequested, this, &ParameterPanel::savePreset);
    layout->addWidget(m_presets);

    addSection(tr("System prompt"));
    m_systemPrompt = new QPlainTextEdit(m_content);
    m_systemPrompt->setAccessibleName(tr("System prompt"));
    m_systemPrompt->setToolTip(tr("Instructions the model reads before the conversation, such as its role, tone "
                                  "or rules."));
    m_systemPrompt->setPlaceholderText(tr("None: the model gets only the conversation."));
    m_systemPrompt->setTabChangesFocus(true);
    m_systemPrompt->setFixedHeight(m_systemPrompt->fontMetrics().lineSpacing() * 5 + 12);
    connect(m_systemPrompt, &QPlainTextEdit::textChanged, this, &ParameterPanel::onEdited);
    layout->addWidget(m_systemPrompt);

    addSection(tr("Sampling"));
    m_temperature = new SliderField(tr("Temperature"), 0.0, 1.5, 2, m_content);
    m_temperature->setHelp(tr("How varied the answers are: low gives focused, repeatable answers, high gives more "
                              "creative ones."));
    m_topP = new SliderField(tr("Top P"), 0.01, 1.0, 2, m_content);
    m_topP->setDefaultValue(1.0);
    m_topP->setHelp(tr("Picks only among the most likely words that together reach this probability; lower is "
                       "more focused. Change this or temperature, not both."));
    m_presencePenalty = new SliderField(tr("Presence penalty"), -2.0, 2.0, 2, m_content);
    m_presencePenalty->setDefaultValue(0.0);
    m_presencePenalty->setHelp(tr("Above 0, nudges the model toward new topics by penalising any word it has "
                                  "already used."));
    m_frequencyPenalty = new SliderField(tr("Frequency penalty"), -2.0, 2.0, 2, m_content);
    m_frequencyPenalty->setDefaultValue(0.0);
    m_frequencyPenalty->setHelp(tr("Above 0, reduces repetition by penalising words the more often they have "
                                   "already appeared."));
    for (SliderField *field : {m_temperature, m_topP, m_presencePenalty, m_frequencyPenalty}) {
        connect(field, &SliderField::valueEdited, this, &ParameterPanel::onEdited);
        layout->addWidget(field);
    }

    m_seed = new SeedField(m_content);
    connect(m_seed, &SeedField::seedEdited, this, &ParameterPanel::onEdited);
    layout->addWidget(m_seed);

    addSection(tr("Length and stopping"));
    m_maxTokens
        = new SliderField(tr("Max tokens"), 1, kDefaultMaxTokens, 0, m_content, SliderField::Scale::Logarithmic);
    m_maxTokens->setUnsetText(tr("no limit"));
    m_maxTokens->setHelp(tr("The longest the answer may get, in tokens (a token is about ¾ of a word); longer "
                            "answers are cut off."));
    connect(m_maxTokens, &SliderField::valueEdited, this, &ParameterPanel::onEdited);
    layout->addWidget(m_maxTokens);
    auto *stopTitle = new QLabel(tr("Stop sequences"), m_content);
    stopTitle->setToolTip(tr("The answer ends as soon as the model writes one of these."));
    layout->addWidget(stopTitle);
    m_stop = new StopListEditor(m_content);
    connect(m_stop, &StopListEditor::sequencesEdited, this, &ParameterPanel::onEdited);
    layout->addWidget(m_stop);

    addSection(tr("Output"));
    m_format = new QComboBox(m_content);
    m_format->addItem(tr("Text"));
    m_format->addItem(tr("JSON object"));
    m_format->addItem(tr("JSON schema"));
    m_format->setAccessibleName(tr("Response format"));
    addRow(tr("Response format"),
           tr("Whether the answer is free text, any JSON object, or JSON that follows your schema."), m_format);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ParameterPanel::onFormatChosen);
    m_schema = new JsonSchemaEditor(m_content);
    m_schema->setVisible(false);
    connect(m_schema, &JsonSchemaEditor::edited, this, &ParameterPanel::onEdited);
    layout->addWidget(m_schema);

    m_reasoning = new QComboBox(m_content);
    m_reasoning->setAccessibleName(tr("Reasoning effort"));
    m_reasoning->addItem(tr("default"), QString());
    for (const QString &effort : ChatParameters::reasoningEfforts())
        m_reasoning->addItem(effort, effort);
    m_reasoningRow = addRow(tr("Reasoning effort"),
                            tr("How long the model thinks before answering: more effort is slower and uses more "
                               "tokens, but solves harder problems."),
                            m_reasoning);
    connect(m_reasoning, &QComboBox::currentIndexChanged, this, &ParameterPanel::onEdited);

    addSection(tr("Tools"));
    m_tools = new ToolsSection(m_content);
    connect(m_tools, &ToolsSection::edited, this, &ParameterPanel::onEdited);
    layout->addWidget(m_tools);

    addSection(tr("Safety"));
    m_safePrompt = new QCheckBox(tr("Safe prompt"), m_content);
    m_safePrompt->setAccessibleName(tr("Safe prompt"));
    m_safePrompt->setToolTip(tr("Adds Mistral's safety instructions before the conversation, so the model avoids "
                                "harmful content."));
    connect(m_safePrompt, &QCheckBox::toggled, this, &ParameterPanel::onEdited);
    layout->addWidget(m_safePrompt);

    layout->addStretch();
    return m_content;
}

void ParameterPanel::addSection(const QString &title)
{
    auto *label = new QLabel(title, m_content);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, 8, 0, 0);
    m_content->layout()->addWidget(label);
}

QWidget *ParameterPanel::addRow(const QString &title, const QString &help, QWidget *control)
{
    auto *row = new QWidget(m_content);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *label = new QLabel(title, row);
    label->setToolTip(help);
    label->setBuddy(control);
    control->setToolTip(help);
    control->setParent(row);
    layout->addWidget(label, 1);
    layout->addWidget(control);
    m_content->layout()->addWidget(row);
    return row;
}

void ParameterPanel::setParameters(const ChatParameters &parameters)
{
    m_model = parameters.model;
    load(parameters);
}

void ParameterPanel::load(const ChatParameters &p)
{
    m_loading = true;
    m_systemPrompt->setPlainText(p.systemPrompt);
    m_temperature->setValue(p.temperature);
    m_topP->setValue(p.topP);
    m_maxTokens->setValue(toDouble(p.maxTokens));
    m_presencePenalty->setValue(p.presencePenalty);
    m_frequencyPenalty->setValue(p.frequencyPenalty);
    m_seed->setSeed(p.randomSeed);
    m_safePrompt->setChecked(p.safePrompt);
    m_stop->setSequences(p.stop);
    m_schema->setFormat(p.responseFormat);
    m_format->setCurrentIndex(int(p.responseFormat.type));
    m_schema->setVisible(p.responseFormat.type == ResponseFormat::Type::JsonSchema);
    m_reasoning->setCurrentIndex(std::max(0, m_reasoning->findData(p.reasoningEffort)));
    m_tools->setTools(p.tools, p.toolChoice, p.parallelToolCalls);
    m_loading = false;
}

ChatParameters ParameterPanel::parameters() const
{
    ChatParameters p;
    p.model = m_model;
    const QString prompt = m_systemPrompt->toPlainText();
    p.systemPrompt = prompt.trimmed().isEmpty() ? QString() : prompt;
    p.temperature = m_temperature->value();
    p.topP = m_topP->value();
    p.maxTokens = toInteger(m_maxTokens->value());
    p.presencePenalty = m_presencePenalty->value();
    p.frequencyPenalty = m_frequencyPenalty->value();
    p.randomSeed = m_seed->seed();
    p.safePrompt = m_safePrompt->isChecked();
    p.stop = m_stop->sequences();
    if (m_format->currentIndex() == int(ResponseFormat::Type::JsonObject))
        p.responseFormat.type = ResponseFormat::Type::JsonObject;
    else if (m_format->currentIndex() == int(ResponseFormat::Type::JsonSchema))
        p.responseFormat = m_schema->format().value_or(ResponseFormat {}); // only a valid schema is sent
    if (!m_reasoningRow->isHidden())
        p.reasoningEffort = m_reasoning->currentData().toString();
    p.tools = m_tools->tools();
    p.toolChoice = m_tools->toolChoice();
    p.parallelToolCalls = m_tools->parallelToolCalls();
    return p;
}

void ParameterPanel::setModelInfo(const ModelInfo *info)
{
    m_info = info ? std::optional<ModelInfo>(*info) : std::nullopt;
    updateModelDependent();
}

void ParameterPanel::setPresetStore(PresetStore *store)
{
    m_store = store;
    m_presets->setStore(store);
}

void ParameterPanel::resetToDefaults()
{
    ChatParameters defaults;
    defaults.model = m_model;
    defaults.systemPrompt = m_systemPrompt->toPlainText();
    defaults.tools = m_tools->tools(); // work of the user's, like the system prompt
    load(defaults);
    m_presets->showPreset({});
}

void ParameterPanel::applyPreset(const QString &name)
{
    const std::optional<ChatParameters> preset = m_store ? m_store->preset(name) : std::nullopt;
    if (!preset)
        return;
    ChatParameters p = *preset;
    p.model = m_model;
    load(p);
    m_presets->showPreset(name);
    emit parametersChanged();
}

void ParameterPanel::savePreset(const QString &name)
{
    if (!m_store || name.trimmed().isEmpty())
        return;
    m_store->save(name, parameters());
    m_presets->showPreset(name.trimmed());
}

void ParameterPanel::onEdited()
{
    if (m_loading)
        return;
    // The preset no longer describes what is shown.
    m_presets->showPreset({});
    emit parametersChanged();
}

void ParameterPanel::onFormatChosen(int index)
{
    const bool schema = index == int(ResponseFormat::Type::JsonSchema);
    m_schema->setVisible(schema);
    if (m_loading)
        return;
    // An empty editor is a dead end; a small valid example shows the shape the API wants.
    if (schema && m_schema->schemaEdit()->toPlainText().trimmed().isEmpty()) {
        ResponseFormat example;
        example.type = ResponseFormat::Type::JsonSchema;
        example.schemaName = QStringLiteral("answer");
        example.schema
            = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
                           {QStringLiteral("properties"),
                            QJsonObject {{QStringLiteral("answer"),
                                          QJsonObject {{QStringLiteral("type"), QStringLiteral("string")}}}}},
                           {QStringLiteral("required"), QJsonArray {QStringLiteral("answer")}}};
        m_loading = true;
        m_schema->setFormat(example);
        m_loading = false;
    }
    onEdited();
}

void ParameterPanel::updateModelDependent()
{
    m_temperature->setDefaultValue(m_info ? m_info->defaultTemperature : std::nullopt);
    m_maxTokens->setMaximum(m_info && m_info->maxContextLength > 0 ? double(m_info->maxContextLength)
                                                                   : kDefaultMaxTokens);
    // Models without reasoning reject reasoning_effort, so it is neither shown nor sent for them.
    m_reasoningRow->setVisible(m_info && m_info->capabilities.reasoning);
    m_tools->setModelSupportsTools(!m_info || m_info->capabilities.functionCalling);
}

} // namespace md
