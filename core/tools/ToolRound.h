#pragma once

#include "api/ChatMessage.h"
#include "tools/ToolSpec.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace md {

class CommandResponder;

// The calls of one assistant answer that ended in tool calls, and their results as they come: from
// a fixed answer, a local command, or the user. When every call has a result the round is complete
// and its tool messages can be sent. Knows nothing of widgets; the tab shows it as cards.
class ToolRound : public QObject {
    Q_OBJECT
public:
    enum class Status { Waiting, Running, Answered, Failed };
    struct Call {
        ToolCall call;
        QString prettyArguments; // indented JSON, or the text as sent when it is not JSON
        QStringList warnings;    // arguments that do not fit the tool's schema, unknown tool...
        ToolResponder responder; // of the tool called (Manual for an unknown tool)
        Status status = Status::Waiting;
        QString result;  // the tool message's content once Answered
        QString problem; // why a responder failed, or why an automatic one cannot run
        QString output;  // Failed: what a command printed, to be fixed by hand
        bool answeredByUser = false;
    };

    // `tools` is the tab's tool set; calls name tools by function name (disabled tools still
    // answer: the model may call a tool offered in an earlier request).
    ToolRound(quint64 answerId, const QList<ToolCall> &calls, const QList<ToolSpec> &tools, QObject *parent = nullptr);
    ~ToolRound() override;

    quint64 answerId() const { return m_answerId; }
    int size() const { return int(m_calls.size()); }
    const Call &call(int index) const { return m_calls.at(index); }

    // Runs every automatic responder that may run (fixed answers at once, allowed commands).
    void start();
    // Runs the call's responder again (after a failure, or after the user allowed its command).
    void runResponder(int index);
    // The user's result; an empty text takes the call back to waiting.
    void setResult(int index, const QString &text);
    void updateResponder(int index, const ToolResponder &responder);

    bool isComplete() const;
    bool isRunning() const;
    // Complete without the user typing anything: what may continue the conversation by itself.
    bool isAutomatic() const;
    // The tool messages to send, in the order of the calls.
    QList<ChatMessage> toolMessages() const;

    // Gives every id that breaks Mistral's rule (9 characters of [a-zA-Z0-9]) a new valid one, unique
    // in the list. True when something changed.
    static bool ensureMistralIds(QList<ToolCall> *calls);
    // Warnings for arguments against the tools (shared with the chat view's record of the call).
    static QStringList checkArguments(const ToolCall &call, const QList<ToolSpec> &tools,
                                      QString *prettyArguments = nullptr);

signals:
    void callChanged(int index);
    void completed();

private:
    void answer(int index, const QString &result, bool byUser);
    void finishIfComplete();

    quint64 m_answerId;
    QList<Call> m_calls;
    QList<CommandResponder *> m_commands; // per call, made on first use
    bool m_completedEmitted = false;
};

} // namespace md
