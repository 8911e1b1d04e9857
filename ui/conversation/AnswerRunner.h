#pragma once

#include "api/ApiError.h"
#include "api/ChatRequest.h"
#include "api/ChatResult.h"
#include "conversation/TabServices.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace md {

class ChatStream;
class ConversationModel;
struct ChatEntry;

// Streams one answer into a conversation: adds the assistant entry (or grows the one being
// continued), feeds it the deltas, and at the end stamps tokens, cost and timings on it, or turns a
// failure into an error card. Shared by conversation tabs and compare columns.
class AnswerRunner : public QObject {
    Q_OBJECT
public:
    AnswerRunner(const TabServices &services, ConversationModel *conversation, QObject *parent = nullptr);

    // Sends `request`. With `continueRow` >= 0 the request's last message is that assistant entry,
    // sent with prefix: true, and the answer is appended to it. False (and nothing sent) when busy or
    // when the request is one the API would refuse; the reason is then shown as an error card.
    bool start(const ChatRequest &request, int continueRow = -1);
    void stop();
    bool isBusy() const { return !m_stream.isNull(); }
    ChatStream *stream() const;

    // An error card for a failure, with a title a user understands and, for 429, when to retry.
    static ChatEntry errorCard(const ApiError &error);

signals:
    void busyChanged(bool busy);
    // A call ended with usage (also a stopped one when the server reported usage).
    void callFinished(const md::ChatResult &result, std::optional<double> costUsd);
    void callFailed(const md::ApiError &error);
    // A failed attempt is about to be tried again (network trouble, 429, 5xx).
    void retrying(int attempt, int delayMs, const md::ApiError &error);

private:
    int answerRow() const;
    void onText(const QString &delta);
    void onFinished(const ChatResult &result);
    void onFailed(const ApiError &error);
    void appendAnswerText(const QString &text);

    TabServices m_services;
    ConversationModel *m_conversation;
    QPointer<ChatStream> m_stream;
    quint64 m_answerId = 0;
    QString m_model;
    // Continuing: some servers start the answer by repeating the prefix; held back until it is clear
    // whether it does, then dropped (see onText).
    QString m_prefix;
    QString m_held;
    bool m_prefixSettled = true;
};

} // namespace md
