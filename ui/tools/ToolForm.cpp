#include "tools/ToolForm.h"

#include "api/JsonText.h"
#include "common/StatusColors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace md {

namespace {
QPlainTextEdit *codeEditor(QWidget *parent, int lines)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTabChangesFocus(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * lines + 10);
    return edit;
}

QString indented(const QJsonObject &object)
{
    return object.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}
} // namespace

ToolForm::ToolForm(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. get_weather"));
    m_name->setAccessibleName(tr("Function name"));
    form->addRow(tr("Name"), m_name);

    m_description = new QPlainTextEdit(this);
    m_description->setPlaceholderText(tr("What the function does and when to call it: the model reads this."));
    m_description->setAccessibleName(tr("Function description"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    form->addRow(tr("Description"), m_description);

    m_schema = codeEditor(this, 12);
    m_schema->setAccessibleName(tr("Parameters schema"));
    m_schema->setPlaceholderText(QStringLiteral("{\n  \"type\": \"object\",\n  \"properties\": {\n    \"city\": "
                                                "{\"type\": \"string\"}\n  },\n  \"required\": [\"city\"]\n}"));
    m_schema->setToolTip(tr("A JSON Schema for the arguments; empty means the function takes none."));
    form->addRow(tr("Parameters"), m_schema);
    m_strict = new QCheckBox(tr("Strict: the model must follow the schema exactly"), this);
    form->addRow(QString(), m_strict);

    m_responder = new QComboBox(this);
    m_responder->addItem(tr("I type each result"), int(ToolResponder::Kind::Manual));
    m_responder->addItem(tr("A fixed JSON answer"), int(ToolResponder::Kind::FixedJson));
    m_responder->addItem(tr("A local command"), int(ToolResponder::Kind::Command));
    m_responder->setAccessibleName(tr("How calls are answered"));
    form->addRow(tr("Answered by"), m_responder);

    m_responderPages = new QStackedWidget(this);
    auto *manualPage = new QLabel(tr("Each call waits for you to type or paste its result."), m_responderPages);
    manualPage->setWordWrap(true);
    manualPage->setForegroundRole(QPalette::PlaceholderText);
    m_responderPages->addWidget(manualPage);

    m_fixedJson = codeEditor(m_responderPages, 4);
    m_fixedJson->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_fixedJson->setAccessibleName(tr("Fixed answer"));
    m_fixedJson->setPlaceholderText(QStringLiteral("{\"temperature\": 18, \"conditions\": \"sunny\"}"));
    m_responderPages->addWidget(m_fixedJson);

    auto *commandPage = new QWidget(m_responderPages);
    auto *commandLayout = new QVBoxLayout(commandPage);
    commandLayout->setContentsMargins(0, 0, 0, 0);
    m_command = new QLineEdit(commandPage);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setPlaceholderText(QStringLiteral("python3 ~/tools/weather.py"));
    m_command->setAccessibleName(tr("Command"));
    commandLayout->addWidget(m_command);
    auto *hint = new QLabel(tr("Runs in the shell. Gets the call's arguments as JSON on stdin and must print "
                               "the result as JSON on stdout. MISTRAL_DESK_TOOL and MISTRAL_DESK_TOOL_CALL_ID "
                               "are set."),
                            commandPage);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    commandLayout->addWidget(hint);
    auto *row = new QHBoxLayout;
    m_allow = new QCheckBox(tr("Allow Mistral Desk to run this command"), commandPage);
    m_allow->setToolTip(tr("Nothing runs until you allow it, for this tool only. Imported tool sets never "
                           "come with this allowed."));
    row->addWidget(m_allow, 1);
    row->addWidget(new QLabel(tr("Timeout"), commandPage));
    m_timeout = new QSpinBox(commandPage);
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setAccessibleName(tr("Command timeout"));
    row->addWidget(m_timeout);
    commandLayout->addLayout(row);
    m_responderPages->addWidget(commandPage);
    form->addRow(QString(), m_responderPages);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Tool check"));
    form->addRow(m_status);

    auto changed = [this] {
        if (!m_loading)
            read();
    };
    connect(m_name, &QLineEdit::textChanged, this, changed);
    connect(m_description, &QPlainTextEdit::textChanged, this, changed);
    connect(m_schema, &QPlainTextEdit::textChanged, this, changed);
    connect(m_strict, &QCheckBox::toggled, this, changed);
    connect(m_responder, &QComboBox::currentIndexChanged, this, [this, changed](int index) {
        m_responderPages->setCurrentIndex(index);
        changed();
    });
    connect(m_fixedJson, &QPlainTextEdit::textChanged, this, changed);
    connect(m_command, &QLineEdit::textChanged, this, changed);
    connect(m_allow, &QCheckBox::toggled, this, changed);
    connect(m_timeout, &QSpinBox::valueChanged, this, changed);
}

void ToolForm::setTool(const ToolSpec &tool)
{
    m_loading = true;
    m_tool = tool;
    m_name->setText(tool.definition.name);
    m_description->setPlainText(tool.definition.description);
    m_schema->setPlainText(indented(tool.definition.parameters));
    m_strict->setChecked(tool.definition.strict.value_or(false));
    m_responder->setCurrentIndex(m_responder->findData(int(tool.responder.kind)));
    m_responderPages->setCurrentIndex(m_responder->currentIndex());
    m_fixedJson->setPlainText(tool.responder.fixedJson);
    m_command->setText(tool.responder.command);
    m_allow->setChecked(tool.responder.commandAllowed);
    m_timeout->setValue(qMax(1, tool.responder.timeoutMs / 1000));
    m_loading = false;
    read();
}

void ToolForm::read()
{
    m_problem.clear();
    ToolSpec tool = m_tool;
    tool.definition.name = m_name->text().trimmed();
    tool.definition.description = m_description->toPlainText().trimmed();
    tool.definition.strict = m_strict->isChecked() ? std::optional<bool>(true) : std::nullopt;
    QJsonDocument schema;
    if (m_schema->toPlainText().trimmed().isEmpty()) {
        tool.definition.parameters = {};
    } else if (const QString problem = parseJsonText(m_schema->toPlainText(), &schema); !problem.isEmpty()) {
        m_problem = tr("Parameters: %1").arg(problem);
    } else if (!schema.isObject()) {
        m_problem = tr("Parameters: the schema must be a JSON object, {…}.");
    } else {
        tool.definition.parameters = schema.object();
    }
    ToolResponder &responder = tool.responder;
    responder.kind = ToolResponder::Kind(m_responder->currentData().toInt());
    responder.fixedJson = m_fixedJson->toPlainText().trimmed();
    responder.command = m_command->text().trimmed();
    responder.commandAllowed = m_allow->isChecked();
    responder.timeoutMs = m_timeout->value() * 1000;
    if (m_problem.isEmpty())
        m_problem = tool.problem();
    m_tool = tool;
    showStatus();
    emit edited();
}

void ToolForm::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showStatus();
}

void ToolForm::showStatus()
{
    QPalette palette = m_status->palette();
    QString text;
    if (!m_problem.isEmpty()) {
        palette.setColor(QPalette::WindowText, colors::errorText(this->palette()));
        text = m_problem;
    } else if (m_tool.responder.kind == ToolResponder::Kind::Command && !m_tool.responder.commandAllowed) {
        palette.setColor(QPalette::WindowText, colors::warningText(this->palette()));
        text = tr("✓ Valid. The command will not run until you allow it; calls wait for a typed result.");
    } else {
        palette.setColor(QPalette::WindowText, colors::okText(this->palette()));
        text = tr("✓ Valid tool");
    }
    m_status->setPalette(palette);
    m_status->setText(text);
}

} // namespace md
