#include "conversation/ToolCallFlow.h"

#include "chat/ConversationModel.h"
#include "tools/ToolCallsPanel.h"
#include "tools/ToolRound.h"

namespace md {

ToolCallFlow::ToolCallFlow(ConversationModel *conversation, ToolCallsPanel *panel, QObject *parent)
    : QObject(parent)
    , m_conversation(conversation)
    , m_panel(panel)
{
    connect(panel, &ToolCallsPanel::sendRequested, this, [this] {
        m_automaticRounds = 0; // the user is in the loop again
        sendResults();
    });
}

void ToolCallFlow::setTools(const QList<ToolSpec> &tools)
{
    m_tools = tools;
    if (!m_round)
        return;
    // A responder changed in the editor (a command allowed, a fixed answer set) serves the waiting calls.
    for (int i = 0; i < m_round->size(); ++i) {
        for (const ToolSpec &tool : tools) {
            if (tool.definition.name == m_round->call(i).call.name)
                m_round->updateResponder(i, tool.responder);
        }
    }
}

void ToolCallFlow::answerFinished()
{
    sync(true);
}

void ToolCallFlow::conversationChanged()
{
    sync(false);
}

void ToolCallFlow::sync(bool fresh)
{
    const int last = m_conversation->rowCount() - 1;
    const ChatEntry *entry = last >= 0 ? &m_conversation->entry(last) : nullptr;
    const bool pending = entry && entry->kind == ChatEntry::Kind::Message
        && entry->message.role == ChatMessage::Role::Assistant && entry->state == ChatEntry::State::Done
        && !entry->message.toolCalls.isEmpty();
    if (!pending) {
        dropRound();
        return;
    }
    if (m_round && m_round->answerId() == entry->id)
        return;
    dropRound();

    ChatEntry answer = *entry;
    // Mistral refuses a conversation whose tool call ids are not 9 characters of [a-zA-Z0-9]; an
    // answer from another server may carry others, so the call and its result get a valid one.
    if (ToolRound::ensureMistralIds(&answer.message.toolCalls))
        m_conversation->updateEntry(last, answer);
    m_round = new ToolRound(answer.id, answer.message.toolCalls, m_tools, this);
    // Queued: the round completes from inside its own start() or a card's edit, which must not see
    // it (or the card) deleted under them.
    connect(m_round, &ToolRound::completed, this, &ToolCallFlow::onRoundCompleted, Qt::QueuedConnection);
    m_panel->setRound(m_round);
    if (fresh)
        m_round->start();
    else
        m_panel->setNote(tr("These calls were waiting when the conversation was opened: nothing ran by itself. "
                            "Use the buttons or type the results."));
}

void ToolCallFlow::dropRound()
{
    m_panel->setRound(nullptr);
    if (m_round)
        m_round->deleteLater(); // may be emitting the signal that led here
    m_round = nullptr;
}

void ToolCallFlow::onRoundCompleted()
{
    if (!m_round || !m_round->isAutomatic() || !m_panel->autoContinue())
        return;
    if (m_automaticRounds >= kMaxAutomaticRounds) {
        m_panel->setNote(tr("Paused after %1 automatic rounds in a row: check the results, then Send results.")
                             .arg(kMaxAutomaticRounds));
        return;
    }
    ++m_automaticRounds;
    sendResults();
}

void ToolCallFlow::sendResults()
{
    if (!m_round || !m_round->isComplete())
        return;
    const QList<ChatMessage> messages = m_round->toolMessages();
    dropRound();
    for (const ChatMessage &message : messages) {
        ChatEntry entry;
        entry.message = message;
        m_conversation->append(entry);
    }
    emit continueRequested();
}

} // namespace md
