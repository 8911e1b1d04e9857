#pragma once

#include "api/ChatMessage.h"
#include "api/Usage.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace md {

// One item of a conversation as the chat view shows it: a message with what is known about how it
// was produced (model, usage, cost, timings), or an error card standing where an answer failed.
struct ChatEntry {
    enum class Kind { Message, ErrorCard };
    // Interrupted: was streaming when the app died; what had been saved is kept.
    enum class State { Done, Streaming, Cancelled, Failed, Interrupted };

    quint64 id = 0; // unique within a model; assigned by ConversationModel::append when 0
    Kind kind = Kind::Message;
    State state = State::Done;
    ChatMessage message; // role, content or chunks (images = ImageUrl data URIs), toolCalls, prefix
    QString thinking;    // reasoning text of reasoning models
    QString model;       // assistant: the model that answered
    Usage usage;
    bool hasUsage = false;
    std::optional<double> costUsd; // nullopt = model has no price ("no price", not $0)
    qint64 timeToFirstTokenMs = -1;
    qint64 durationMs = -1;
    double tokensPerSecond = 0.0;
    QString finishReason;
    QString errorTitle; // ErrorCard: short, e.g. "Mistral did not accept the API key"
    QString errorText;  // ErrorCard: ApiError::userMessage()
    int httpStatus = 0; // ErrorCard
    QDateTime retryAt;  // ErrorCard for 429: the card counts down to it, then offers Retry

    static ChatEntry errorCard(const QString &title, const QString &text, int httpStatus = 0,
                               const QDateTime &retryAt = {});

    // The names toJson() writes for states ("done", "streaming"...), also the history's state column.
    static QString stateName(State state);
    static State stateFromName(const QString &name); // unknown names read as Done

    QJsonObject toJson() const;
    static ChatEntry fromJson(const QJsonObject &json); // lossless round trip with toJson()
    friend bool operator==(const ChatEntry &, const ChatEntry &) = default;
};

} // namespace md
