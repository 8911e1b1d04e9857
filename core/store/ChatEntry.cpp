#include "store/ChatEntry.h"

#include <QJsonValue>

namespace md {

QString ChatEntry::stateName(State state)
{
    switch (state) {
    case ChatEntry::State::Done:
        return QStringLiteral("done");
    case ChatEntry::State::Streaming:
        return QStringLiteral("streaming");
    case ChatEntry::State::Cancelled:
        return QStringLiteral("cancelled");
    case ChatEntry::State::Failed:
        return QStringLiteral("failed");
    case ChatEntry::State::Interrupted:
        return QStringLiteral("interrupted");
    }
    return QStringLiteral("done");
}

ChatEntry::State ChatEntry::stateFromName(const QString &name)
{
    if (name == QLatin1String("streaming"))
        return ChatEntry::State::Streaming;
    if (name == QLatin1String("cancelled"))
        return ChatEntry::State::Cancelled;
    if (name == QLatin1String("failed"))
        return ChatEntry::State::Failed;
    if (name == QLatin1String("interrupted"))
        return ChatEntry::State::Interrupted;
    return ChatEntry::State::Done;
}

ChatEntry ChatEntry::errorCard(const QString &title, const QString &text, int httpStatus, const QDateTime &retryAt)
{
    ChatEntry e;
    e.kind = Kind::ErrorCard;
    e.state = State::Failed;
    e.errorTitle = title;
    e.errorText = text;
    e.httpStatus = httpStatus;
    e.retryAt = retryAt;
    return e;
}

// Keys are written only when they hold something, so stored conversations stay small; every field
// read back defaults to what a fresh ChatEntry holds.
QJsonObject ChatEntry::toJson() const
{
    QJsonObject o;
    // As a string: a double cannot hold every quint64.
    o.insert(QLatin1String("id"), QString::number(id));
    o.insert(QLatin1String("kind"), kind == Kind::ErrorCard ? QStringLiteral("error") : QStringLiteral("message"));
    o.insert(QLatin1String("state"), stateName(state));
    QJsonObject msg = message.toJson();
    // The wire format leaves out what an API request must not carry; keep it for the store.
    if (message.chunks.isEmpty() && !msg.contains(QLatin1String("content")))
        msg.insert(QLatin1String("content"), message.content);
    if (message.prefix)
        msg.insert(QLatin1String("prefix"), true);
    if (!message.toolCallId.isEmpty())
        msg.insert(QLatin1String("tool_call_id"), message.toolCallId);
    if (!message.name.isEmpty())
        msg.insert(QLatin1String("name"), message.name);
    o.insert(QLatin1String("message"), msg);
    if (!thinking.isEmpty())
        o.insert(QLatin1String("thinking"), thinking);
    if (!model.isEmpty())
        o.insert(QLatin1String("model"), model);
    if (hasUsage)
        o.insert(QLatin1String("usage"), usage.toJson());
    if (costUsd)
        o.insert(QLatin1String("cost_usd"), *costUsd);
    if (timeToFirstTokenMs >= 0)
        o.insert(QLatin1String("ttft_ms"), timeToFirstTokenMs);
    if (durationMs >= 0)
        o.insert(QLatin1String("duration_ms"), durationMs);
    if (tokensPerSecond != 0.0)
        o.insert(QLatin1String("tokens_per_second"), tokensPerSecond);
    if (!finishReason.isEmpty())
        o.insert(QLatin1String("finish_reason"), finishReason);
    if (!errorTitle.isEmpty())
        o.insert(QLatin1String("error_title"), errorTitle);
    if (!errorText.isEmpty())
        o.insert(QLatin1String("error_text"), errorText);
    if (httpStatus != 0)
        o.insert(QLatin1String("http_status"), httpStatus);
    if (retryAt.isValid())
        o.insert(QLatin1String("retry_at_ms"), retryAt.toMSecsSinceEpoch());
    return o;
}

ChatEntry ChatEntry::fromJson(const QJsonObject &json)
{
    ChatEntry e;
    e.id = json.value(QLatin1String("id")).toString().toULongLong();
    e.kind = json.value(QLatin1String("kind")).toString() == QLatin1String("error") ? Kind::ErrorCard : Kind::Message;
    e.state = stateFromName(json.value(QLatin1String("state")).toString());
    const QJsonObject msg = json.value(QLatin1String("message")).toObject();
    e.message = ChatMessage::fromJson(msg);
    // fromJson reads these only for the roles that send them; the store keeps them for every role.
    e.message.prefix = msg.value(QLatin1String("prefix")).toBool();
    e.message.toolCallId = msg.value(QLatin1String("tool_call_id")).toString();
    e.message.name = msg.value(QLatin1String("name")).toString();
    e.thinking = json.value(QLatin1String("thinking")).toString();
    e.model = json.value(QLatin1String("model")).toString();
    e.hasUsage = json.contains(QLatin1String("usage"));
    if (e.hasUsage) {
        const QJsonObject u = json.value(QLatin1String("usage")).toObject();
        e.usage.promptTokens = u.value(QLatin1String("prompt_tokens")).toInteger();
        e.usage.completionTokens = u.value(QLatin1String("completion_tokens")).toInteger();
        e.usage.totalTokens = u.value(QLatin1String("total_tokens")).toInteger();
    }
    if (json.contains(QLatin1String("cost_usd")))
        e.costUsd = json.value(QLatin1String("cost_usd")).toDouble();
    e.timeToFirstTokenMs = json.value(QLatin1String("ttft_ms")).toInteger(-1);
    e.durationMs = json.value(QLatin1String("duration_ms")).toInteger(-1);
    e.tokensPerSecond = json.value(QLatin1String("tokens_per_second")).toDouble();
    e.finishReason = json.value(QLatin1String("finish_reason")).toString();
    e.errorTitle = json.value(QLatin1String("error_title")).toString();
    e.errorText = json.value(QLatin1String("error_text")).toString();
    e.httpStatus = json.value(QLatin1String("http_status")).toInt();
    if (json.contains(QLatin1String("retry_at_ms")))
        e.retryAt = QDateTime::fromMSecsSinceEpoch(json.value(QLatin1String("retry_at_ms")).toInteger());
    return e;
}

} // namespace md
