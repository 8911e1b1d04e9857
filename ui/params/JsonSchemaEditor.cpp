#include "params/JsonSchemaEditor.h"

#include "api/JsonText.h"
#include "common/StatusColors.h"

#include <QCheckBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace md {

namespace {
QString example()
{
    return QStringLiteral(
        "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"answer\": {\"type\": \"string\"}\n  },\n"
        "  \"required\": [\"answer\"]\n}");
}
} // namespace

JsonSchemaEditor::JsonSchemaEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *row = new QHBoxLayout;
    row->setSpacing(6);
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("Schema name, e.g. answer"));
    m_name->setAccessibleName(tr("Schema name"));
    m_name->setToolTip(tr("A short name for the schema (letters, digits, _ and -), required by the API."));
    row->addWidget(m_name, 1);
    m_strict = new QCheckBox(tr("Strict"), this);
    m_strict->setAccessibleName(tr("Strict schema"));
    m_strict->setToolTip(tr("Asks the model to follow the schema exactly instead of loosely."));
    row->addWidget(m_strict);
    layout->addLayout(row);

    m_schema = new QPlainTextEdit(this);
    m_schema->setAccessibleName(tr("JSON schema"));
    m_schema->setToolTip(tr("The JSON Schema the answer must follow; its top level must be an object."));
    m_schema->setPlaceholderText(example());
    m_schema->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_schema->setTabChangesFocus(true);
    m_schema->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_schema->setFixedHeight(m_schema->fontMetrics().lineSpacing() * 9 + 10);
    layout->addWidget(m_schema);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Schema check"));
    layout->addWidget(m_status);

    connect(m_name, &QLineEdit::textChanged, this, &JsonSchemaEditor::validate);
    connect(m_schema, &QPlainTextEdit::textChanged, this, &JsonSchemaEditor::validate);
    connect(m_strict, &QCheckBox::toggled, this, [this] {
        if (!m_loading)
            emit edited();
    });
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    validate();
}

void JsonSchemaEditor::setFormat(const ResponseFormat &format)
{
    m_loading = true;
    m_name->setText(format.schemaName);
    m_strict->setChecked(format.strict.value_or(false));
    m_description = format.schemaDescription;
    m_schema->setPlainText(format.schema.isEmpty()
                               ? QString()
                               : QString::fromUtf8(QJsonDocument(format.schema).toJson(QJsonDocument::Indented)));
    m_loading = false;
    validate();
}

std::optional<ResponseFormat> JsonSchemaEditor::format() const
{
    if (!isValid())
        return std::nullopt;
    ResponseFormat format;
    format.type = ResponseFormat::Type::JsonSchema;
    format.schemaName = m_name->text().trimmed();
    format.schemaDescription = m_description;
    format.schema = m_parsed;
    if (m_strict->isChecked())
        format.strict = true;
    return format;
}

QString JsonSchemaEditor::check(const QString &name, const QString &schemaText, QJsonObject *schema)
{
    if (schemaText.trimmed().isEmpty())
        return tr("Enter a JSON schema.");
    QJsonDocument doc;
    if (const QString problem = parseJsonText(schemaText, &doc); !problem.isEmpty())
        return problem;
    if (!doc.isObject())
        return tr("The schema must be a JSON object, {…}.");
    const QJsonObject object = doc.object();
    if (object.value(QLatin1String("type")).toString() != QLatin1String("object"))
        return tr("The schema's top level must be an object schema: \"type\": \"object\".");
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("Give the schema a name.");
    static const QRegularExpression validName(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!validName.match(trimmed).hasMatch())
        return tr("The name may only hold letters, digits, _ and - (at most 64).");
    if (schema)
        *schema = object;
    return {};
}

void JsonSchemaEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showStatus();
}

void JsonSchemaEditor::validate()
{
    m_parsed = {};
    m_problem = check(m_name->text(), m_schema->toPlainText(), &m_parsed);
    showStatus();
    if (!m_loading)
        emit edited();
}

void JsonSchemaEditor::showStatus()
{
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     m_problem.isEmpty() ? colors::okText(this->palette()) : colors::errorText(this->palette()));
    m_status->setPalette(palette);
    if (m_problem.isEmpty()) {
        m_status->setText(tr("✓ Valid schema"));
        return;
    }
    const QString sentence = m_problem.endsWith(QLatin1Char('.')) ? m_problem : m_problem + QLatin1Char('.');
    m_status->setText(tr("%1 Not sent until fixed.").arg(sentence));
}

} // namespace md
