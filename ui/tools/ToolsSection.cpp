#include "tools/ToolsSection.h"

#include "common/StatusColors.h"
#include "tools/ToolEditorDialog.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace md {

namespace {
// tool_choice entries: the API's modes, then "function:<name>" per enabled tool.
const QString kFunctionPrefix = QStringLiteral("function:");

QString choiceKey(const std::optional<ToolChoice> &choice)
{
    if (!choice)
        return {};
    if (choice->mode == ToolChoice::Mode::Function)
        return kFunctionPrefix + choice->functionName;
    return choice->toJson().toString();
}
} // namespace

ToolsSection::ToolsSection(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *row = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Tools offered"));
    row->addWidget(m_summary, 1);
    m_edit = new QPushButton(tr("Edit tools…"), this);
    m_edit->setToolTip(tr("Define functions the model may call, with their JSON Schema and how calls are answered"));
    row->addWidget(m_edit, 0, Qt::AlignTop);
    layout->addLayout(row);
    m_warning = new QLabel(tr("This model does not take tools: requests with tools will be refused."), this);
    m_warning->setWordWrap(true);
    m_warning->hide();
    layout->addWidget(m_warning);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    m_choice = new QComboBox(this);
    m_choice->setAccessibleName(tr("Tool choice"));
    m_choice->setToolTip(tr("auto: the model decides; none: it never calls; any or required: it must call one; "
                            "or it must call the function named."));
    form->addRow(tr("Tool choice"), m_choice);
    m_parallel = new QComboBox(this);
    m_parallel->setAccessibleName(tr("Parallel tool calls"));
    m_parallel->addItem(tr("default (on)"));
    m_parallel->addItem(tr("on"), true);
    m_parallel->addItem(tr("off"), false);
    m_parallel->setToolTip(tr("Whether one answer may call several functions at once."));
    form->addRow(tr("Parallel calls"), m_parallel);
    layout->addLayout(form);

    connect(m_edit, &QPushButton::clicked, this, &ToolsSection::editTools);
    for (QComboBox *box : {m_choice, m_parallel}) {
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_loading)
                emit edited();
        });
    }
    refresh(std::nullopt);
}

void ToolsSection::setTools(const QList<ToolSpec> &tools, const std::optional<ToolChoice> &choice,
                            const std::optional<bool> &parallel)
{
    m_loading = true;
    m_tools = tools;
    refresh(choice);
    m_parallel->setCurrentIndex(parallel ? (*parallel ? 1 : 2) : 0);
    m_loading = false;
}

std::optional<ToolChoice> ToolsSection::toolChoice() const
{
    const QString key = m_choice->currentData().toString();
    if (key.isEmpty())
        return std::nullopt;
    if (key.startsWith(kFunctionPrefix))
        return ToolChoice::function(key.mid(kFunctionPrefix.size()));
    return ToolChoice::fromJson(key);
}

std::optional<bool> ToolsSection::parallelToolCalls() const
{
    const QVariant value = m_parallel->currentData();
    return value.isValid() ? std::optional<bool>(value.toBool()) : std::nullopt;
}

void ToolsSection::setModelSupportsTools(bool supports)
{
    m_modelSupportsTools = supports;
    refresh(toolChoice());
}

void ToolsSection::editTools()
{
    ToolEditorDialog dialog(m_tools, this);
    if (dialog.exec() != QDialog::Accepted || dialog.tools() == m_tools)
        return;
    const std::optional<ToolChoice> choice = toolChoice();
    m_loading = true;
    m_tools = dialog.tools();
    refresh(choice);
    m_loading = false;
    emit edited();
}

void ToolsSection::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        colors::setTextColor(m_warning, colors::warningText(palette()));
}

void ToolsSection::refresh(const std::optional<ToolChoice> &choice)
{
    QStringList enabled;
    for (const ToolSpec &tool : std::as_const(m_tools)) {
        if (tool.enabled)
            enabled.append(tool.definition.name);
    }
    if (m_tools.isEmpty())
        m_summary->setText(tr("No tools: the model answers in text."));
    else if (enabled.size() == m_tools.size())
        m_summary->setText(tr("%n tool(s): %1", nullptr, int(enabled.size())).arg(enabled.join(QStringLiteral(", "))));
    else
        m_summary->setText(tr("%1 of %2 tools on: %3")
                               .arg(enabled.size())
                               .arg(m_tools.size())
                               .arg(enabled.isEmpty() ? tr("none") : enabled.join(QStringLiteral(", "))));

    const bool wasLoading = m_loading;
    m_loading = true;
    m_choice->clear();
    m_choice->addItem(tr("default (auto)"));
    for (const char *mode : {"auto", "none", "any", "required"})
        m_choice->addItem(QString::fromLatin1(mode), QString::fromLatin1(mode));
    for (const QString &name : std::as_const(enabled))
        m_choice->addItem(tr("call %1").arg(name), QString(kFunctionPrefix + name));
    const int index = m_choice->findData(choiceKey(choice));
    m_choice->setCurrentIndex(choice && index >= 0 ? index : 0);
    m_loading = wasLoading;

    const bool offered = !enabled.isEmpty();
    m_choice->setEnabled(offered);
    m_parallel->setEnabled(offered);
    m_warning->setVisible(offered && !m_modelSupportsTools);
    colors::setTextColor(m_warning, colors::warningText(palette()));
}

} // namespace md
