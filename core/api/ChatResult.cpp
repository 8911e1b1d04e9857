#include "api/ChatResult.h"

#include "api/ChatMessage.h"

#include <QJsonArray>

namespace md {

bool ChatResult::fromCompletionJson(const QJsonObject &json, ChatResult *out, QString *error)
{
    const QJsonArray choices = json.value(QLatin1String("choices")).toArray();
    if (choices.isEmpty() || !choices.first().isObject()) {
        *error = QStringLiteral("The answer has no choices.");
        return false;
    }
    out->id = json.value(QLatin1String("id")).toString();
    out->model = json.value(QLatin1String("model")).toString();
    out->created = json.value(QLatin1String("created")).toInteger();
    const QJsonObject choice = choices.first().toObject();
    out->finishReason = choice.value(QLatin1String("finish_reason")).toString();
    const ChatMessage message = ChatMessage::fromJson(choice.value(QLatin1String("message")).toObject());
    if (message.chunks.isEmpty()) {
        out->content = message.content;
    } else {
        for (const ContentChunk &chunk : message.chunks) {
            if (chunk.type == ContentChunk::Type::Thinking)
                out->thinking += chunk.text;
            else if (chunk.type == ContentChunk::Type::Text)
                out->content += chunk.text;
        }
    }
    out->toolCalls = message.toolCalls;
    const QJsonValue usage = json.value(QLatin1String("usage"));
    out->hasUsage = usage.isObject();
    out->usage = Usage::fromJson(usage.toObject());
    return true;
}

} // namespace md
