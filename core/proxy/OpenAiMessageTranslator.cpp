#include "proxy/OpenAiMessageTranslator.h"

#include "proxy/ToolCallIdMap.h"
#include "proxy/Translation.h"

#include <QStringList>

#include <initializer_list>
#include <utility>

namespace md {

namespace {

const QLatin1String kRole("role");
const QLatin1String kContent("content");
const QLatin1String kToolCalls("tool_calls");
const QLatin1String kToolCallId("tool_call_id");
const QLatin1String kId("id");

// The fields Mistral accepts on each role (MISTRAL_API.md, "Messages"); extra ones are rejected.
// OpenAI adds `name` on every role, `refusal`, `audio`, `function_call` and `annotations` on assistant
// messages.
using Fields = std::initializer_list<const char *>;
const Fields kSystemFields = {"role", "content"};
const Fields kUserFields = {"role", "content"};
const Fields kAssistantFields = {"role", "content", "tool_calls", "prefix"};
const Fields kToolFields = {"role", "content", "tool_call_id", "name"};

const Fields *fieldsForRole(const QString &role)
{
    if (role == QLatin1String("system"))
        return &kSystemFields;
    if (role == QLatin1String("user"))
        return &kUserFields;
    if (role == QLatin1String("assistant"))
        return &kAssistantFields;
    if (role == QLatin1String("tool"))
        return &kToolFields;
    return nullptr; // an unknown role goes upstream unchanged: Mistral's own error names it best
}

bool allowed(const Fields &fields, const QString &key)
{
    for (const char *f : fields)
        if (key == QLatin1String(f))
            return true;
    return false;
}

} // namespace

QJsonArray OpenAiMessageTranslator::translate(const QJsonArray &messages, Translation &translation, bool *changed) const
{
    // The array is rebuilt only from the first message that changes: histories are resent every turn.
    QJsonArray out = messages;
    bool anyChanged = false;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonValue message = messages.at(i);
        if (!message.isObject()) {
            translation.fail(QStringLiteral("'messages[%1]' must be an object with a 'role'.").arg(i),
                             QStringLiteral("messages"));
            return {};
        }
        bool messageChanged = false;
        const QJsonObject translated = translateMessage(message.toObject(), translation, messageChanged);
        if (messageChanged) {
            out.replace(i, translated);
            anyChanged = true;
        }
    }
    if (changed)
        *changed = anyChanged;
    return out;
}

QJsonObject OpenAiMessageTranslator::translateMessage(QJsonObject message, Translation &translation,
                                                      bool &changed) const
{
    // Every change below is guarded so that an unchanged message is never detached (deep-copied).
    QString role = message.value(kRole).toString();
    if (role == QLatin1String("developer")) {
        // OpenAI's o-series name for the system prompt.
        role = QStringLiteral("system");
        message.insert(kRole, role);
        changed = true;
        translation.noteRenamed(QStringLiteral("messages[].role:developer->system"));
    }
    const Fields *fields = fieldsForRole(role);
    if (!fields)
        return message;

    QStringList extra;
    for (auto it = message.constBegin(); it != message.constEnd(); ++it)
        if (!allowed(*fields, it.key()))
            extra.append(it.key());
    for (const QString &key : std::as_const(extra)) {
        message.remove(key);
        changed = true;
        translation.noteDropped(QLatin1String("messages[].") + key);
    }

    if (role == QLatin1String("assistant")) {
        const QJsonValue calls = message.value(kToolCalls);
        if (calls.isArray()) {
            QJsonArray mapped = calls.toArray();
            if (mapToolCallIds(mapped)) {
                message.insert(kToolCalls, mapped);
                changed = true;
                translation.toolCallIdsMapped = true;
            }
            // OpenAI sends `content: null` next to tool calls; Mistral wants it absent. Nothing is lost.
            if (!mapped.isEmpty() && message.value(kContent).isNull()) {
                message.remove(kContent);
                changed = true;
            }
        }
    } else if (role == QLatin1String("tool")) {
        const QJsonValue id = message.value(kToolCallId);
        if (id.isString()) {
            const QString mapped = m_ids.toMistral(id.toString());
            if (mapped != id.toString()) {
                message.insert(kToolCallId, mapped);
                changed = true;
                translation.toolCallIdsMapped = true;
            }
        }
    }
    return message;
}

bool OpenAiMessageTranslator::mapToolCallIds(QJsonArray &calls) const
{
    bool changed = false;
    for (qsizetype i = 0; i < calls.size(); ++i) {
        QJsonObject call = calls.at(i).toObject();
        const QJsonValue id = call.value(kId);
        if (!id.isString())
            continue;
        const QString mapped = m_ids.toMistral(id.toString());
        if (mapped == id.toString())
            continue;
        call.insert(kId, mapped);
        calls.replace(i, call);
        changed = true;
    }
    return changed;
}

} // namespace md
