#include "conversation/AnswerRunner.h"

#include "api/ChatStream.h"
#include "api/MistralClient.h"
#include "catalog/PriceTable.h"
#include "chat/ConversationModel.h"
#include "store/ChatEntry.h"

#include <QDateTime>

namespace md {

AnswerRunner::AnswerRunner(const TabServices &services, ConversationModel *conversation, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_conversation(conversation)
{
}

ChatEntry AnswerRunner::errorCard(const ApiError &error)
{
    ChatEntry card;
    card.kind = ChatEntry::Kind::ErrorCard;
    card.state = ChatEntry::State::Failed;
    card.httpStatus = error.httpStatus;
    card.errorText = error.userMessage();
    switch (error.kind) {
    case ApiError::Kind::Network:
        card.errorTitle = tr("No connection to the server");
        break;
    case ApiError::Kind::Timeout:
        card.errorTitle = tr("The server stopped answering");
        break;
    case ApiError::Kind::Protocol:
        card.errorTitle = tr("The answer was cut off or garbled");
        break;
    case ApiError::Kind::Cancelled:
        card.errorTitle = tr("Stopped");
        break;
    case ApiError::Kind::Http:
        if (error.httpStatus == 401 || error.httpStatus == 403)
            card.errorTitle = tr("Mistral did not accept the API key");
        else if (error.httpStatus == 429)
            card.errorTitle = tr("Rate limit reached");
        else if (error.httpStatus >= 500)
            card.errorTitle = tr("Mistral's servers had a problem");
        else
            card.errorTitle = tr("The request was refused");
        break;
    }
    if (error.httpStatus == 401 || error.httpStatus == 403)
        card.errorText += QLatin1Char(' ') + tr("Open Settings (Ctrl+,) to enter another key.");
    if (error.httpStatus == 429) {
        const int wait = error.rateLimit.retryAfterSeconds >= 0 ? error.rateLimit.retryAfterSeconds : 5;
        card.retryAt = QDateTime::currentDateTimeUtc().addSecs(wait);
    }
    return card;
}

bool AnswerRunner::start(const ChatRequest &request, int continueRow)
{
    if (m_stream)
        return false;
    ChatRequest sent = request;
    if (continueRow >= 0 && !sent.messages.isEmpty())
        sent.messages.last().prefix = true;
    const QStringList problems = sent.validate();
    if (!problems.isEmpty()) {
        ChatEntry card = errorCard(ApiError::protocol(QString()));
        card.errorTitle = tr("This request would be refused: nothing was sent");
        card.errorText = problems.join(QLatin1Char(' '));
        m_conversation->append(card);
        return false;
    }
    m_model = request.model;
    if (continueRow >= 0) {
        ChatEntry entry = m_conversation->entry(continueRow);
        m_answerId = entry.id;
        m_prefix = entry.message.plainText();
        m_held.clear();
        m_prefixSettled = m_prefix.isEmpty();
        entry.state = ChatEntry::State::Streaming;
        m_conversation->updateEntry(continueRow, entry);
    } else {
        ChatEntry answer;
        answer.message = ChatMessage::assistant(QString());
        answer.model = request.model;
        answer.state = ChatEntry::State::Streaming;
        const int row = m_conversation->append(answer);
        m_answerId = m_conversation->entry(row).id;
        m_prefix.clear();
        m_prefixSettled = true;
    }

    m_stream = m_services.client->chat(sent, true);
    connect(m_stream, &ChatStream::textDelta, this, &AnswerRunner::onText);
    connect(m_stream, &ChatStream::thinkingDelta, this, [this](const QString &delta) {
        const int row = answerRow();
        if (row >= 0)
            m_conversation->appendThinking(row, delta);
    });
    connect(m_stream, &ChatStream::retrying, this, &AnswerRunner::retrying);
    connect(m_stream, &ChatStream::finished, this, &AnswerRunner::onFinished);
    connect(m_stream, &ChatStream::failed, this, &AnswerRunner::onFailed);
    emit busyChanged(true);
    return true;
}

ChatStream *AnswerRunner::stream() const
{
    return m_stream;
}

void AnswerRunner::stop()
{
    if (m_stream)
        m_stream->cancel();
}

int AnswerRunner::answerRow() const
{
    return m_conversation->rowOfId(m_answerId);
}

void AnswerRunner::onText(const QString &delta)
{
    if (m_prefixSettled) {
        appendAnswerText(delta);
        return;
    }
    m_held += delta;
    if (m_held.size() < m_prefix.size() && m_prefix.startsWith(m_held))
        return; // could still be the prefix repeated
    m_prefixSettled = true;
    const QString rest = m_held.startsWith(m_prefix) ? m_held.mid(m_prefix.size()) : m_held;
    m_held.clear();
    if (!rest.isEmpty())
        appendAnswerText(rest);
}

void AnswerRunner::appendAnswerText(const QString &text)
{
    const int row = answerRow();
    if (row >= 0)
        m_conversation->appendText(row, text);
}

void AnswerRunner::onFinished(const ChatResult &result)
{
    if (!m_prefixSettled) { // the whole answer was shorter than the prefix and matched it so far
        m_prefixSettled = true;
        if (!m_held.isEmpty() && m_held != m_prefix)
            appendAnswerText(m_held);
        m_held.clear();
    }
    const QString model = result.model.isEmpty() ? m_model : result.model;
    std::optional<double> cost;
    if (result.hasUsage && m_services.prices)
        cost = m_services.prices->cost(model, result.usage, m_services.catalog);
    const int row = answerRow();
    if (row >= 0) {
        ChatEntry entry = m_conversation->entry(row);
        entry.state = ChatEntry::State::Done;
        entry.model = model;
        entry.usage = result.usage;
        entry.hasUsage = result.hasUsage;
        entry.costUsd = cost;
        entry.timeToFirstTokenMs = result.timeToFirstTokenMs;
        entry.durationMs = result.durationMs;
        entry.tokensPerSecond = result.tokensPerSecond;
        entry.finishReason = result.finishReason;
        entry.message.toolCalls = result.toolCalls;
        if (!result.thinking.isEmpty())
            entry.thinking = result.thinking;
        m_conversation->updateEntry(row, entry);
    }
    m_stream = nullptr;
    emit busyChanged(false);
    if (result.hasUsage)
        emit callFinished(result, cost);
}

void AnswerRunner::onFailed(const ApiError &error)
{
    const int row = answerRow();
    bool partial = false;
    if (row >= 0) {
        ChatEntry entry = m_conversation->entry(row);
        const bool empty = entry.message.plainText().isEmpty() && entry.thinking.isEmpty();
        partial = !empty && entry.message.plainText() != m_prefix;
        if (empty && m_prefix.isEmpty()) {
            m_conversation->removeEntry(row);
        } else {
            entry.state
                = error.kind == ApiError::Kind::Cancelled ? ChatEntry::State::Cancelled : ChatEntry::State::Failed;
            if (!m_prefix.isEmpty() && empty)
                entry.state = ChatEntry::State::Done; // a continuation that produced nothing leaves it as it was
            m_conversation->updateEntry(row, entry);
        }
    }
    m_stream = nullptr;
    if (error.kind != ApiError::Kind::Cancelled) {
        ChatEntry card = errorCard(error);
        // "No connection" would be wrong when part of the answer came: the connection broke.
        if (partial && error.kind == ApiError::Kind::Network)
            card.errorTitle = tr("The connection broke during the answer");
        m_conversation->append(card);
    }
    emit busyChanged(false);
    emit callFailed(error);
}

} // namespace md
