#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace md {

// A function call the model asked for. `arguments` is JSON text, as on the wire.
struct ToolCall {
    QString id;
    QString name;
    QString arguments;
    int index = 0;

    friend bool operator==(const ToolCall &, const ToolCall &) = default;

    QJsonObject toJson() const;
    static ToolCall fromJson(const QJsonObject &json);
    // Mistral accepts only ids of exactly 9 characters of [a-zA-Z0-9].
    static bool isValidMistralId(const QString &id);
};

// A function the model may call.
struct ToolDefinition {
    QString name;
    QString description;
    QJsonObject parameters; // JSON Schema
    std::optional<bool> strict;

    QJsonObject toJson() const;
    static ToolDefinition fromJson(const QJsonObject &json);
    friend bool operator==(const ToolDefinition &, const ToolDefinition &) = default;
};

// `tool_choice`: a mode (auto, none, any, required) or one named function.
struct ToolChoice {
    enum class Mode { Auto, None, Any, Required, Function };
    Mode mode = Mode::Auto;
    QString functionName;

    static ToolChoice function(const QString &name) { return {Mode::Function, name}; }
    QJsonValue toJson() const;
    // A mode string or {"type": "function", "function": {"name": ...}}; anything else reads as auto.
    static ToolChoice fromJson(const QJsonValue &json);
    friend bool operator==(const ToolChoice &, const ToolChoice &) = default;
};

} // namespace md
