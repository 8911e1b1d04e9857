#include "tools/ToolRound.h"

#include "api/JsonText.h"
#include "tools/CommandResponder.h"
#include "tools/SchemaValidator.h"

#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSet>

namespace md {

namespace {
const ToolSpec *findTool(const QList<ToolSpec> &tools, const QString &name)
{
    for (const ToolSpec &tool : tools) {
        if (tool.definition.name == name)
            return &tool;
    }
    return nullptr;
}
} // namespace

ToolRound::ToolRound(quint64 answerId, const QList<ToolCall> &calls, const QList<ToolSpec> &tools, QObject *parent)
    : QObject(parent)
    , m_answerId(answerId)
{
    for (const ToolCall &toolCall : calls) {
        Call c;
        c.call = toolCall;
        c.warnings = checkArguments(toolCall, tools, &c.prettyArguments);
        if (const ToolSpec *tool = findTool(tools, toolCall.name))
            c.responder = tool->responder;
        m_calls.append(c);
        m_commands.append(nullptr);
    }
}

ToolRound::~ToolRound()
{
    for (CommandResponder *command : std::as_const(m_commands))
        delete command;
}

QStringList ToolRound::checkArguments(const ToolCall &call, const QList<ToolSpec> &tools, QString *prettyArguments)
{
    QStringList warnings;
    QJsonDocument doc;
    const QString problem = parseJsonText(call.arguments, &doc);
    if (prettyArguments) {
        *prettyArguments = problem.isEmpty() && !doc.isNull()
            ? QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed()
            : call.arguments;
    }
    const ToolSpec *tool = findTool(tools, call.name);
    if (!tool)
        warnings.append(tr("No tool named “%1” is defined in this tab.").arg(call.name));
    if (!problem.isEmpty()) {
        warnings.append(tr("The arguments are not valid JSON. %1").arg(problem));
        return warnings;
    }
    if (!doc.isObject()) {
        warnings.append(tr("The arguments are not a JSON object."));
        return warnings;
    }
    if (tool && !tool->definition.parameters.isEmpty()) {
        const SchemaValidator validator(tool->definition.parameters);
        for (const QString &line : validator.validate(doc.object()))
            warnings.append(tr("Does not fit the schema: %1").arg(line));
    }
    return warnings;
}

bool ToolRound::ensureMistralIds(QList<ToolCall> *calls)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QSet<QString> used;
    for (const ToolCall &c : std::as_const(*calls))
        used.insert(c.id);
    bool changed = false;
    for (ToolCall &c : *calls) {
        if (ToolCall::isValidMistralId(c.id))
            continue;
        QString id;
        do {
            id.clear();
            for (int i = 0; i < 9; ++i)
                id += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet) - 1)]);
        } while (used.contains(id));
        used.insert(id);
        c.id = id;
        changed = true;
    }
    return changed;
}

void ToolRound::start()
{
    for (int i = 0; i < size(); ++i) {
        if (m_calls.at(i).responder.kind != ToolResponder::Kind::Manual)
            runResponder(i);
    }
    finishIfComplete();
}

void ToolRound::runResponder(int index)
{
    Call &c = m_calls[index];
    const ToolResponder &responder = c.responder;
    c.problem.clear();
    c.output.clear();
    switch (responder.kind) {
    case ToolResponder::Kind::Manual:
        return;
    case ToolResponder::Kind::FixedJson:
        if (const QString problem = parseJsonText(responder.fixedJson); !problem.isEmpty()) {
            c.status = Status::Failed;
            c.problem = tr("The fixed answer is not valid JSON. %1").arg(problem);
            c.output = responder.fixedJson;
            emit callChanged(index);
            return;
        }
        answer(index, responder.fixedJson.trimmed(), false);
        return;
    case ToolResponder::Kind::Command:
        break;
    }
    if (!responder.commandAllowed) {
        c.status = Status::Waiting;
        c.problem = tr("Its command has not been allowed to run: allow it in the tool editor, or type the result.");
        emit callChanged(index);
        return;
    }
    CommandResponder *&command = m_commands[index];
    if (!command) {
        command = new CommandResponder;
        connect(command, &CommandResponder::answered, this,
                [this, index](const QString &json) { answer(index, json, false); });
        connect(command, &CommandResponder::failed, this, [this, index](const QString &problem, const QString &output) {
            Call &failed = m_calls[index];
            failed.status = Status::Failed;
            failed.problem = problem;
            failed.output = output;
            emit callChanged(index);
        });
    }
    c.status = Status::Running;
    c.result.clear();
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("MISTRAL_DESK_TOOL"), c.call.name);
    environment.insert(QStringLiteral("MISTRAL_DESK_TOOL_CALL_ID"), c.call.id);
    command->start(responder.command, c.call.arguments.toUtf8(), responder.timeoutMs, environment);
    emit callChanged(index);
}

void ToolRound::setResult(int index, const QString &text)
{
    Call &c = m_calls[index];
    if (m_commands.at(index))
        m_commands.at(index)->cancel();
    if (text.trimmed().isEmpty()) {
        c.status = Status::Waiting;
        c.result.clear();
        c.answeredByUser = false;
        emit callChanged(index);
        return;
    }
    c.problem.clear();
    answer(index, text, true);
}

void ToolRound::updateResponder(int index, const ToolResponder &responder)
{
    Call &c = m_calls[index];
    if (c.responder == responder)
        return;
    c.responder = responder;
    if (c.status == Status::Waiting)
        c.problem.clear(); // e.g. "not allowed yet", which may no longer hold
    emit callChanged(index);
}

void ToolRound::answer(int index, const QString &result, bool byUser)
{
    Call &c = m_calls[index];
    c.status = Status::Answered;
    c.result = result;
    c.answeredByUser = byUser;
    emit callChanged(index);
    finishIfComplete();
}

void ToolRound::finishIfComplete()
{
    if (!isComplete() || m_completedEmitted)
        return;
    m_completedEmitted = true;
    emit completed();
}

bool ToolRound::isComplete() const
{
    return !m_calls.isEmpty()
        && std::all_of(m_calls.cbegin(), m_calls.cend(), [](const Call &c) { return c.status == Status::Answered; });
}

bool ToolRound::isRunning() const
{
    return std::any_of(m_calls.cbegin(), m_calls.cend(), [](const Call &c) { return c.status == Status::Running; });
}

bool ToolRound::isAutomatic() const
{
    return isComplete()
        && std::none_of(m_calls.cbegin(), m_calls.cend(), [](const Call &c) { return c.answeredByUser; });
}

QList<ChatMessage> ToolRound::toolMessages() const
{
    QList<ChatMessage> messages;
    for (const Call &c : m_calls)
        messages.append(ChatMessage::toolResult(c.call.id, c.call.name, c.result));
    return messages;
}

} // namespace md
