#pragma once

#include "tools/ToolRound.h"
#include "tools/ToolSpec.h"

#include <QObject>
#include <QPointer>

namespace md {

class ConversationModel;
class ToolCallsPanel;

// Function calling in a conversation tab: when the last answer ends in tool calls, makes a round
// of them (shown in the panel), runs the automatic responders, and once every call has a result
// appends the tool messages and asks the tab to let the model continue. Rounds answered entirely
// by automatic responders continue by themselves, at most kMaxAutomaticRounds in a row.
class ToolCallFlow : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxAutomaticRounds = 10;

    ToolCallFlow(ConversationModel *conversation, ToolCallsPanel *panel, QObject *parent = nullptr);

    void setTools(const QList<ToolSpec> &tools);
    // An answer just finished streaming: its calls (if any) are new and their responders run.
    void answerFinished();
    // The conversation changed some other way (loaded, branch switched, rows deleted): a round is
    // made for calls left unanswered at its end, without running anything by itself.
    void conversationChanged();
    // The user sent a message of their own: the automatic round count starts again.
    void userSent() { m_automaticRounds = 0; }

    ToolRound *round() const { return m_round; }
    bool hasPendingCalls() const { return m_round != nullptr; }
    // Appends the round's tool messages and emits continueRequested (the Send results button).
    void sendResults();

signals:
    // Tool messages were appended: the tab should request the next answer.
    void continueRequested();

private:
    void sync(bool fresh);
    void onRoundCompleted();
    void dropRound();

    ConversationModel *m_conversation;
    ToolCallsPanel *m_panel;
    QList<ToolSpec> m_tools;
    QPointer<ToolRound> m_round;
    int m_automaticRounds = 0;
};

} // namespace md
