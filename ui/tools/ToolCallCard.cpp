#include "tools/ToolCallCard.h"

#include "common/StatusColors.h"
#include "tools/ToolRound.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace md {

namespace {
QPlainTextEdit *jsonBox(QWidget *parent, int lines)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTabChangesFocus(true);
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 12);
    return edit;
}

QLabel *wrappingLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

ToolCallCard::ToolCallCard(ToolRound *round, int index, QWidget *parent)
    : QFrame(parent)
    , m_round(round)
    , m_index(index)
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Tool call %1").arg(index + 1));
    const ToolRound::Call &call = round->call(index);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(4);

    auto *header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setText(tr("<b>%1</b> <span style='font-family:monospace'>(%2)</span>")
                         .arg(call.call.name.toHtmlEscaped(), call.call.id.toHtmlEscaped()));
    header->addWidget(m_title, 1);
    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Call status"));
    header->addWidget(m_status);
    layout->addLayout(header);

    const int argumentLines = qBound(1, int(call.prettyArguments.count(QLatin1Char('\n'))) + 1, 6);
    m_arguments = jsonBox(this, argumentLines);
    m_arguments->setReadOnly(true);
    m_arguments->setPlainText(call.prettyArguments);
    m_arguments->setAccessibleName(tr("Arguments"));
    layout->addWidget(m_arguments);

    m_warnings = wrappingLabel(this);
    m_warnings->setText(QStringLiteral("⚠ ") + call.warnings.join(QStringLiteral("\n⚠ ")));
    m_warnings->setVisible(!call.warnings.isEmpty());
    layout->addWidget(m_warnings);

    auto *resultRow = new QHBoxLayout;
    m_result = jsonBox(this, 2);
    m_result->setAccessibleName(tr("Result"));
    m_result->setPlaceholderText(tr("Type or paste the result (JSON or text)"));
    resultRow->addWidget(m_result, 1);
    m_run = new QPushButton(this);
    resultRow->addWidget(m_run, 0, Qt::AlignTop);
    layout->addLayout(resultRow);

    m_problem = wrappingLabel(this);
    layout->addWidget(m_problem);

    connect(m_result, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_updating)
            m_round->setResult(m_index, m_result->toPlainText());
    });
    connect(m_run, &QPushButton::clicked, this, [this] { m_round->runResponder(m_index); });
    applyColors();
    refresh();
}

void ToolCallCard::refresh()
{
    const ToolRound::Call &call = m_round->call(m_index);
    switch (call.status) {
    case ToolRound::Status::Waiting:
        m_status->setText(tr("waiting for a result"));
        break;
    case ToolRound::Status::Running:
        m_status->setText(tr("running the command…"));
        break;
    case ToolRound::Status::Answered:
        m_status->setText(call.answeredByUser ? tr("✓ result typed") : tr("✓ answered automatically"));
        break;
    case ToolRound::Status::Failed:
        m_status->setText(tr("✗ the responder failed"));
        break;
    }
    // The editor shows what will be sent; a responder's answer or failed output replaces what is
    // there, but never what the user is typing.
    const QString shown = call.status == ToolRound::Status::Failed ? call.output : call.result;
    if (!call.answeredByUser && m_result->toPlainText() != shown && !(m_result->hasFocus() && shown.isEmpty())) {
        m_updating = true;
        m_result->setPlainText(shown);
        m_updating = false;
    }
    m_result->setReadOnly(call.status == ToolRound::Status::Running);
    m_problem->setText(call.problem);
    m_problem->setVisible(!call.problem.isEmpty());

    const ToolResponder &responder = call.responder;
    const bool command = responder.kind == ToolResponder::Kind::Command;
    m_run->setText(command ? tr("Run command") : tr("Use fixed answer"));
    m_run->setVisible(responder.kind != ToolResponder::Kind::Manual);
    m_run->setEnabled(call.status != ToolRound::Status::Running && (!command || responder.commandAllowed));
}

void ToolCallCard::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void ToolCallCard::applyColors()
{
    colors::setTextColor(m_warnings, colors::warningText(palette()));
    colors::setTextColor(m_problem, colors::errorText(palette()));
    m_status->setForegroundRole(QPalette::PlaceholderText);
}

} // namespace md
