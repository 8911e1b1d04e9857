#pragma once

#include <QJsonArray>
#include <QJsonObject>

namespace md {

class ToolCallIdMap;
struct Translation;

// The `messages` array of an OpenAI-style chat request, rewritten for Mistral: `developer` becomes
// `system`, fields Mistral forbids on a role are dropped, and tool-call ids take Mistral's 9-char form.
// Messages that need no change are passed on shared, not copied: histories are resent every turn.
class OpenAiMessageTranslator {
public:
    explicit OpenAiMessageTranslator(ToolCallIdMap &ids)
        : m_ids(ids)
    {
    }

    // Sets `translation.error` (and returns an empty array) when a message is not an object.
    // `changed` (optional) tells whether any message was rewritten; when none was, the result is
    // `messages` itself, shared.
    QJsonArray translate(const QJsonArray &messages, Translation &translation, bool *changed = nullptr) const;

private:
    QJsonObject translateMessage(QJsonObject message, Translation &translation, bool &changed) const;
    // Maps every `tool_calls[].id`; false when none changed.
    bool mapToolCallIds(QJsonArray &calls) const;

    ToolCallIdMap &m_ids;
};

} // namespace md
