#pragma once

#include "api/ToolCall.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace md {

// How a tool call gets its result when the model makes one: the user types it (Manual), the same
// JSON every time (FixedJson), or a local program that reads the arguments on stdin and prints the
// result on stdout (Command). A command runs only once the user has allowed it for this one tool.
struct ToolResponder {
    enum class Kind { Manual, FixedJson, Command };
    static constexpr int kDefaultTimeoutMs = 10000;

    Kind kind = Kind::Manual;
    QString fixedJson;
    QString command;             // a shell command line (CommandResponder)
    bool commandAllowed = false; // the explicit per-tool opt-in
    int timeoutMs = kDefaultTimeoutMs;

    QJsonObject toJson() const;
    static ToolResponder fromJson(const QJsonObject &json);
    friend bool operator==(const ToolResponder &, const ToolResponder &) = default;
};

// One function of a tab's tool set: what the model is told (the definition), whether it is offered
// at all right now, and how its calls are answered.
struct ToolSpec {
    ToolDefinition definition;
    bool enabled = true;
    ToolResponder responder;

    // Why the tool would be refused or cannot work, empty when it is fine: the name's rule, a
    // parameters schema that is not an object schema or that a validator cannot read, a fixed answer
    // that is not JSON, a command responder without a command.
    QString problem() const;
    // Mistral's rule for function names: letters, digits, _ and -, at most 64.
    static bool isValidName(const QString &name);

    // The wire form (type/function) plus an "x-mistral-desk" object for enabled and the responder,
    // which other tools reading the file ignore.
    QJsonObject toJson() const;
    static ToolSpec fromJson(const QJsonObject &json);
    friend bool operator==(const ToolSpec &, const ToolSpec &) = default;
};

} // namespace md
