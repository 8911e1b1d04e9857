#include "api/ChatMessage.h"

#include <QJsonArray>

namespace md {

namespace {
const QLatin1String kType("type");
const QLatin1String kText("text");
const QLatin1String kImageUrl("image_url");
const QLatin1String kDocumentUrl("document_url");
const QLatin1String kThinking("thinking");
} // namespace

ContentChunk ContentChunk::image(const QString &url, const QString &detail)
{
    ContentChunk chunk;
    chunk.type = Type::ImageUrl;
    chunk.url = url;
    chunk.detail = detail;
    return chunk;
}

ContentChunk ContentChunk::document(const QString &url, const QString &name)
{
    ContentChunk chunk;
    chunk.type = Type::DocumentUrl;
    chunk.url = url;
    chunk.documentName = name;
    return chunk;
}

QJsonObject ContentChunk::toJson() const
{
    switch (type) {
    case Type::Text:
        return {{kType, kText}, {kText, text}};
    case Type::ImageUrl: {
        // The plain string form is the most widely accepted; the object form carries `detail`.
        if (detail.isEmpty())
            return {{kType, kImageUrl}, {kImageUrl, url}};
        return {{kType, kImageUrl},
                {kImageUrl, QJsonObject {{QLatin1String("url"), url}, {QLatin1String("detail"), detail}}}};
    }
    case Type::DocumentUrl: {
        QJsonObject o {{kType, kDocumentUrl}, {kDocumentUrl, url}};
        if (!documentName.isEmpty())
            o.insert(QLatin1String("document_name"), documentName);
        return o;
    }
    case Type::Thinking:
        return {{kType, kThinking}, {kThinking, QJsonArray {QJsonObject {{kType, kText}, {kText, text}}}}};
    case Type::Other:
        break;
    }
    return raw;
}

ContentChunk ContentChunk::fromJson(const QJsonObject &json)
{
    const QString type = json.value(kType).toString();
    ContentChunk chunk;
    if (type == kText) {
        chunk.text = json.value(kText).toString();
    } else if (type == kImageUrl) {
        chunk.type = Type::ImageUrl;
        const QJsonValue v = json.value(kImageUrl);
        chunk.url = v.isObject() ? v.toObject().value(QLatin1String("url")).toString() : v.toString();
        chunk.detail = v.toObject().value(QLatin1String("detail")).toString();
    } else if (type == kDocumentUrl) {
        chunk.type = Type::DocumentUrl;
        chunk.url = json.value(kDocumentUrl).toString();
        chunk.documentName = json.value(QLatin1String("document_name")).toString();
    } else if (type == kThinking) {
        chunk.type = Type::Thinking;
        // `thinking` is a list of text chunks (older servers: a plain string).
        const QJsonValue v = json.value(kThinking);
        if (v.isString())
            chunk.text = v.toString();
        for (const QJsonValue &part : v.toArray())
            chunk.text += part.toObject().value(kText).toString();
    } else {
        chunk.type = Type::Other;
        chunk.raw = json;
    }
    return chunk;
}

ChatMessage ChatMessage::make(Role role, const QString &text)
{
    ChatMessage m;
    m.role = role;
    m.content = text;
    return m;
}

ChatMessage ChatMessage::toolResult(const QString &callId, const QString &functionName, const QString &result)
{
    ChatMessage m = make(Role::Tool, result);
    m.toolCallId = callId;
    m.name = functionName;
    return m;
}

QString ChatMessage::plainText() const
{
    if (chunks.isEmpty())
        return content;
    QString out;
    for (const ContentChunk &chunk : chunks) {
        if (chunk.type == ContentChunk::Type::Text)
            out += chunk.text;
    }
    return out;
}

QString ChatMessage::roleName(Role role)
{
    switch (role) {
    case Role::System:
        return QStringLiteral("system");
    case Role::User:
        return QStringLiteral("user");
    case Role::Assistant:
        return QStringLiteral("assistant");
    case Role::Tool:
        return QStringLiteral("tool");
    }
    return {};
}

ChatMessage::Role ChatMessage::roleFromName(const QString &name, bool *ok)
{
    if (ok)
        *ok = true;
    if (name == QLatin1String("system"))
        return Role::System;
    if (name == QLatin1String("assistant"))
        return Role::Assistant;
    if (name == QLatin1String("tool"))
        return Role::Tool;
    if (ok && name != QLatin1String("user"))
        *ok = false;
    return Role::User;
}

QJsonObject ChatMessage::toJson() const
{
    QJsonObject o {{QLatin1String("role"), roleName(role)}};
    if (!chunks.isEmpty()) {
        QJsonArray parts;
        for (const ContentChunk &chunk : chunks)
            parts.append(chunk.toJson());
        o.insert(QLatin1String("content"), parts);
    } else if (!(role == Role::Assistant && content.isEmpty() && !toolCalls.isEmpty())) {
        // An assistant message that only calls tools carries no content field.
        o.insert(QLatin1String("content"), content);
    }
    if (role == Role::Assistant) {
        if (!toolCalls.isEmpty()) {
            QJsonArray calls;
            for (const ToolCall &call : toolCalls)
                calls.append(call.toJson());
            o.insert(QLatin1String("tool_calls"), calls);
        }
        if (prefix)
            o.insert(QLatin1String("prefix"), true);
    }
    if (role == Role::Tool) {
        o.insert(QLatin1String("tool_call_id"), toolCallId);
        if (!name.isEmpty())
            o.insert(QLatin1String("name"), name);
    }
    return o;
}

ChatMessage ChatMessage::fromJson(const QJsonObject &json)
{
    ChatMessage m;
    m.role = roleFromName(json.value(QLatin1String("role")).toString());
    const QJsonValue content = json.value(QLatin1String("content"));
    if (content.isArray()) {
        for (const QJsonValue &part : content.toArray())
            m.chunks.append(ContentChunk::fromJson(part.toObject()));
    } else {
        m.content = content.toString();
    }
    for (const QJsonValue &call : json.value(QLatin1String("tool_calls")).toArray())
        m.toolCalls.append(ToolCall::fromJson(call.toObject()));
    m.prefix = json.value(QLatin1String("prefix")).toBool();
    m.toolCallId = json.value(QLatin1String("tool_call_id")).toString();
    m.name = json.value(QLatin1String("name")).toString();
    return m;
}

} // namespace md
