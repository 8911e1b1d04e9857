#pragma once

#include "api/ToolCall.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace md {

// One part of a message's content when it is not plain text.
struct ContentChunk {
    enum class Type { Text, ImageUrl, DocumentUrl, Thinking, Other };
    Type type = Type::Text;
    QString text;         // Text, Thinking
    QString url;          // ImageUrl (https or data: URI), DocumentUrl
    QString detail;       // ImageUrl: optional "low" / "high" / "auto"
    QString documentName; // DocumentUrl: optional
    QJsonObject raw;      // Other: sent as it is (file, input_audio, ...)

    static ContentChunk fromText(const QString &text) { return {Type::Text, text, {}, {}, {}, {}}; }
    static ContentChunk image(const QString &url, const QString &detail = {});
    static ContentChunk document(const QString &url, const QString &name = {});

    QJsonObject toJson() const;
    static ContentChunk fromJson(const QJsonObject &json);
    friend bool operator==(const ContentChunk &, const ContentChunk &) = default;
};

struct ChatMessage {
    enum class Role { System, User, Assistant, Tool };
    Role role = Role::User;
    QString content;            // used when `chunks` is empty
    QList<ContentChunk> chunks; // multi-part content (images, documents)
    QList<ToolCall> toolCalls;  // assistant
    bool prefix = false;        // assistant: the model continues this text (last message only)
    QString toolCallId;         // tool
    QString name;               // tool: the function's name

    static ChatMessage system(const QString &text) { return make(Role::System, text); }
    static ChatMessage user(const QString &text) { return make(Role::User, text); }
    static ChatMessage assistant(const QString &text) { return make(Role::Assistant, text); }
    static ChatMessage toolResult(const QString &callId, const QString &functionName, const QString &result);

    // All text parts joined (for display, search and token estimates).
    QString plainText() const;

    QJsonObject toJson() const;
    static ChatMessage fromJson(const QJsonObject &json);
    static QString roleName(Role role);
    static Role roleFromName(const QString &name, bool *ok = nullptr);
    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;

private:
    static ChatMessage make(Role role, const QString &text);
};

} // namespace md
