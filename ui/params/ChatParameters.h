#pragma once

#include "api/ChatRequest.h"
#include "tools/ToolSpec.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace md {

// ResponseFormat (api/ChatRequest.h) has no comparison of its own; ChatParameters needs one to
// default its operator==. Belongs next to ResponseFormat and should move there.
inline bool operator==(const ResponseFormat &a, const ResponseFormat &b)
{
    return a.type == b.type && a.schemaName == b.schemaName && a.schemaDescription == b.schemaDescription
        && a.schema == b.schema && a.strict == b.strict;
}

// What one conversation tab sends besides its messages. Plain data, no widgets: the parameter
// panel edits it, presets store it (without the model), ConversationTab applies it to a request.
// An unset optional means "not sent": the API's (or the model's) default applies.
struct ChatParameters {
    QString model = QStringLiteral("mistral-small-latest");
    QString systemPrompt;              // empty = no system message
    std::optional<double> temperature; // unset = the model's default (ModelInfo::defaultTemperature)
    std::optional<double> topP;
    std::optional<qint64> maxTokens;
    std::optional<qint64> randomSeed;
    bool safePrompt = false;
    QStringList stop;
    std::optional<double> presencePenalty;
    std::optional<double> frequencyPenalty;
    ResponseFormat responseFormat; // Type::Text = not sent
    QString reasoningEffort;       // empty = not sent
    QList<ToolSpec> tools;         // the enabled ones are sent; none = no tools, tool_choice or parallel_tool_calls
    std::optional<ToolChoice> toolChoice;
    std::optional<bool> parallelToolCalls;

    // The values reasoning_effort takes, mildest first.
    static QStringList reasoningEfforts();

    // Sets model and every set parameter on `request`, and puts the system prompt first in its
    // messages when non-empty (replacing a leading system message). Leaves unset fields unset: a
    // field this struct leaves unset is not touched in `request`.
    void applyTo(ChatRequest &request) const;

    // Lossless (unlike ResponseFormat::toJson, which names an unnamed schema "response").
    QJsonObject toJson() const;
    static ChatParameters fromJson(const QJsonObject &json);

    friend bool operator==(const ChatParameters &, const ChatParameters &) = default;
};

} // namespace md
