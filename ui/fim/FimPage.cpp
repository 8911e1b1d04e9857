#include "fim/FimPage.h"

#include "api/ChatStream.h"
#include "api/MistralClient.h"
#include "catalog/ModelCatalog.h"
#include "catalog/PriceTable.h"
#include "chat/CodeHighlighter.h"
#include "fim/FimCombinedView.h"
#include "params/ModelPicker.h"
#include "params/SeedField.h"
#include "params/SliderField.h"
#include "params/StopListEditor.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace md {

namespace {
const QString kDefaultModel = QStringLiteral("codestral-latest");
constexpr double kMaxTokensCap = 32768;

struct LanguageChoice {
    const char *name;
    CodeHighlighter::Language language;
};
const LanguageChoice kLanguages[] = {
    {QT_TRANSLATE_NOOP("md::FimPage", "Python"), CodeHighlighter::Language::Python},
    {QT_TRANSLATE_NOOP("md::FimPage", "JavaScript"), CodeHighlighter::Language::JavaScript},
    {QT_TRANSLATE_NOOP("md::FimPage", "TypeScript"), CodeHighlighter::Language::TypeScript},
    {QT_TRANSLATE_NOOP("md::FimPage", "C"), CodeHighlighter::Language::C},
    {QT_TRANSLATE_NOOP("md::FimPage", "C++"), CodeHighlighter::Language::Cpp},
    {QT_TRANSLATE_NOOP("md::FimPage", "C#"), CodeHighlighter::Language::CSharp},
    {QT_TRANSLATE_NOOP("md::FimPage", "Rust"), CodeHighlighter::Language::Rust},
    {QT_TRANSLATE_NOOP("md::FimPage", "Go"), CodeHighlighter::Language::Go},
    {QT_TRANSLATE_NOOP("md::FimPage", "Java"), CodeHighlighter::Language::Java},
    {QT_TRANSLATE_NOOP("md::FimPage", "Kotlin"), CodeHighlighter::Language::Kotlin},
    {QT_TRANSLATE_NOOP("md::FimPage", "SQL"), CodeHighlighter::Language::Sql},
    {QT_TRANSLATE_NOOP("md::FimPage", "Bash"), CodeHighlighter::Language::Bash},
    {QT_TRANSLATE_NOOP("md::FimPage", "JSON"), CodeHighlighter::Language::Json},
    {QT_TRANSLATE_NOOP("md::FimPage", "Plain text"), CodeHighlighter::Language::None},
};

QPlainTextEdit *codeEditor(const QString &placeholder, const QString &accessibleName, QWidget *parent)
{
    auto *editor = new QPlainTextEdit(parent);
    editor->setPlaceholderText(placeholder);
    editor->setAccessibleName(accessibleName);
    editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setTabStopDistance(editor->fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    return editor;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}
} // namespace

FimPage::FimPage(const TabServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_fimModels(new ModelCatalog(this))
    , m_model(kDefaultModel)
{
    setObjectName(QStringLiteral("fimPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto *top = new QHBoxLayout;
    m_picker = new ModelPicker(this);
    m_picker->setCatalog(m_fimModels);
    m_picker->setPriceTable(m_services.prices);
    m_picker->setCurrentModel(m_model);
    m_language = new QComboBox(this);
    m_language->setAccessibleName(tr("Code language for highlighting"));
    for (const LanguageChoice &choice : kLanguages)
        m_language->addItem(tr(choice.name), int(choice.language));
    m_completeButton = new QPushButton(tr("Complete"), this);
    m_completeButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_completeButton->setToolTip(tr("Fill in the middle between prompt and suffix (Ctrl+Enter)"));
    m_completeButton->setDefault(true);
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setToolTip(tr("Stop the stream; what arrived stays"));
    m_insertButton = new QPushButton(tr("Insert"), this);
    m_insertButton->setToolTip(tr("Accept: append the completion to the prompt"));
    top->addWidget(m_picker);
    top->addStretch(1);
    top->addWidget(new QLabel(tr("Language"), this));
    top->addWidget(m_language);
    top->addSpacing(12);
    top->addWidget(m_completeButton);
    top->addWidget(m_stopButton);
    top->addWidget(m_insertButton);
    layout->addLayout(top);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildEditors());
    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *viewTitle = new QHBoxLayout;
    viewTitle->addWidget(heading(tr("Completion in place"), right));
    auto *legend = new QLabel(tr("prompt · tinted: the model's middle · suffix"), right);
    legend->setForegroundRole(QPalette::PlaceholderText);
    legend->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the column
    viewTitle->addWidget(legend, 1);
    rightLayout->addLayout(viewTitle);
    m_combined = new FimCombinedView(right);
    rightLayout->addWidget(m_combined, 1);
    m_stats = new QLabel(right);
    m_stats->setTextFormat(Qt::PlainText);
    m_stats->setAccessibleName(tr("Tokens, cost and timing"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(right);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Completion status"));
    rightLayout->addWidget(m_stats);
    rightLayout->addWidget(m_status);
    splitter->addWidget(right);
    splitter->addWidget(buildParameters());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 0);
    layout->addWidget(splitter, 1);

    connect(m_picker, &ModelPicker::modelChanged, this, [this](const QString &id) {
        setModel(id);
        reloadModels(); // the new model's default temperature
    });
    connect(m_language, &QComboBox::currentIndexChanged, this, &FimPage::applyLanguage);
    connect(m_completeButton, &QPushButton::clicked, this, &FimPage::complete);
    connect(m_stopButton, &QPushButton::clicked, this, &FimPage::stop);
    connect(m_insertButton, &QPushButton::clicked, this, &FimPage::insertMiddle);
    connect(m_prompt, &QPlainTextEdit::textChanged, this, &FimPage::updateButtons);
    if (m_services.catalog)
        connect(m_services.catalog, &ModelCatalog::updated, this, &FimPage::reloadModels);
    reloadModels();
    applyLanguage();
    m_combined->reset({}, {});
    updateButtons();
}

FimPage::~FimPage()
{
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->cancel();
    }
}

QWidget *FimPage::buildEditors()
{
    auto *panel = new QSplitter(Qt::Vertical, this);
    auto *promptBox = new QWidget(panel);
    auto *promptLayout = new QVBoxLayout(promptBox);
    promptLayout->setContentsMargins(0, 0, 0, 0);
    promptLayout->addWidget(heading(tr("Prompt (code before the cursor)"), promptBox));
    m_prompt = codeEditor(tr("def fibonacci(n):"), tr("Prompt: the code before the completion"), promptBox);
    promptLayout->addWidget(m_prompt);
    auto *suffixBox = new QWidget(panel);
    auto *suffixLayout = new QVBoxLayout(suffixBox);
    suffixLayout->setContentsMargins(0, 0, 0, 0);
    suffixLayout->addWidget(heading(tr("Suffix (code after the cursor)"), suffixBox));
    m_suffix = codeEditor(tr("Optional: the code that follows, e.g.\nprint(fibonacci(10))"),
                          tr("Suffix: the code after the completion"), suffixBox);
    suffixLayout->addWidget(m_suffix);
    m_promptHighlighter = new CodeHighlighter(m_prompt->document());
    m_suffixHighlighter = new CodeHighlighter(m_suffix->document());
    panel->setStretchFactor(0, 3);
    panel->setStretchFactor(1, 2);
    return panel;
}

QWidget *FimPage::buildParameters()
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(heading(tr("Parameters"), content));
    m_temperature = new SliderField(tr("Temperature"), 0.0, 1.5, 2, content);
    m_temperature->setHelp(tr("Low gives the likeliest code; higher gives more varied completions."));
    m_topP = new SliderField(tr("Top P"), 0.01, 1.0, 2, content);
    m_topP->setDefaultValue(1.0);
    m_maxTokens = new SliderField(tr("Max tokens"), 1, kMaxTokensCap, 0, content, SliderField::Scale::Logarithmic);
    m_maxTokens->setUnsetText(tr("no limit"));
    m_maxTokens->setHelp(tr("The longest the completion may get, in tokens."));
    m_minTokens = new SliderField(tr("Min tokens"), 0, 1024, 0, content);
    m_minTokens->setDefaultValue(0);
    m_minTokens->setHelp(tr("The completion goes on at least this long (FIM only)."));
    m_stop = new StopListEditor(content);
    m_stop->setToolTip(tr("The completion ends before any of these; \\n is a line break"));
    m_seed = new SeedField(content);
    for (QWidget *field : {static_cast<QWidget *>(m_temperature), static_cast<QWidget *>(m_topP),
                           static_cast<QWidget *>(m_maxTokens), static_cast<QWidget *>(m_minTokens)})
        layout->addWidget(field);
    layout->addWidget(new QLabel(tr("Stop sequences"), content));
    layout->addWidget(m_stop);
    layout->addWidget(m_seed);
    layout->addStretch(1);
    scroll->setWidget(content);
    scroll->setMinimumWidth(240);
    scroll->setMaximumWidth(340);
    return scroll;
}

void FimPage::reloadModels()
{
    // The picker lists a catalog: give it one that holds only the FIM-capable cards.
    QJsonArray cards;
    if (m_services.catalog) {
        const QList<ModelInfo> models
            = m_services.catalog->models([](const ModelInfo &info) { return info.capabilities.fim; });
        for (const ModelInfo &info : models)
            cards.append(info.toJson());
    }
    m_fimModels->loadJson({{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), cards}});
    const ModelInfo *card = m_services.catalog ? m_services.catalog->find(m_model) : nullptr;
    if (card && card->defaultTemperature)
        m_temperature->setDefaultValue(card->defaultTemperature);
}

void FimPage::applyLanguage()
{
    const auto language = CodeHighlighter::Language(m_language->currentData().toInt());
    const bool dark = palette().color(QPalette::Base).lightnessF() < 0.5f;
    for (CodeHighlighter *highlighter : {m_promptHighlighter, m_suffixHighlighter}) {
        highlighter->setDark(dark);
        highlighter->setDefaultLanguage(language);
        highlighter->rehighlight();
    }
    m_combined->setLanguage(language);
}

void FimPage::setModel(const QString &id)
{
    m_model = id;
    m_picker->setCurrentModel(id);
}

void FimPage::setPrompt(const QString &prompt)
{
    m_prompt->setPlainText(prompt);
}

void FimPage::setSuffix(const QString &suffix)
{
    m_suffix->setPlainText(suffix);
}

void FimPage::setTemperature(std::optional<double> value)
{
    m_temperature->setValue(value);
}

void FimPage::setMaxTokens(std::optional<qint64> value)
{
    m_maxTokens->setValue(value ? std::optional<double>(double(*value)) : std::nullopt);
}

void FimPage::setMinTokens(std::optional<qint64> value)
{
    m_minTokens->setValue(value ? std::optional<double>(double(*value)) : std::nullopt);
}

void FimPage::setStop(const QStringList &stop)
{
    m_stop->setSequences(stop);
}

FimRequest FimPage::request() const
{
    FimRequest request;
    request.model = m_model;
    request.prompt = m_prompt->toPlainText();
    request.suffix = m_suffix->toPlainText();
    request.temperature = m_temperature->value();
    request.topP = m_topP->value();
    if (m_maxTokens->value())
        request.maxTokens = qint64(*m_maxTokens->value());
    if (m_minTokens->value())
        request.minTokens = qint64(*m_minTokens->value());
    request.stop = m_stop->sequences();
    request.randomSeed = m_seed->seed();
    return request;
}

QString FimPage::middle() const
{
    return m_combined->middle();
}

void FimPage::updateButtons()
{
    const bool running = isRunning();
    m_completeButton->setEnabled(!running && m_services.client && !m_prompt->toPlainText().isEmpty());
    m_stopButton->setEnabled(running);
    m_insertButton->setEnabled(!running && !m_combined->middle().isEmpty());
    m_prompt->setReadOnly(running);
    m_suffix->setReadOnly(running);
}

} // namespace md
