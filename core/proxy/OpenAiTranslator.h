#pragma once

#include "api/ApiError.h"
#include "proxy/OpenAiMessageTranslator.h"
#include "proxy/Translation.h"

#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace md {

class ToolCallIdMap;

// The OpenAI-compatibility layer of the local proxy, as pure synchronous functions: request bodies
// from OpenAI-style clients (and from Mistral's own SDK, which pass through nearly untouched) become
// bodies Mistral accepts; tool-call ids are mapped back in responses; errors take OpenAI's shape.
// Mistral rejects unknown fields with 422, so every endpoint keeps an explicit list of its fields.
//
// Thread-compatible like the ToolCallIdMap it shares: use one translator from one thread.
class OpenAiTranslator {
public:
    struct Config {
        // large, medium, small, code, embed, reasoning, vision.
        static QHash<QString, QString> defaultAliases();

        QHash<QString, QString> aliases = defaultAliases();            // short name -> model id, on every endpoint
        QString defaultModel = QStringLiteral("mistral-small-latest"); // chat naming no model (PRIMARY_MODEL)
        QString defaultFimModel = QStringLiteral("codestral-latest");
        QString defaultEmbeddingModel = QStringLiteral("mistral-embed");
        std::optional<qint64> maxTokensCap; // MAX_TOKENS: a ceiling, and the value when the client sets none
        std::optional<bool> safePrompt;     // SAFE_MODE: applied when the client sets none
        std::optional<qint64> randomSeed;   // RANDOM_SEED: applied when the client sets none
    };

    explicit OpenAiTranslator(ToolCallIdMap &ids);
    OpenAiTranslator(ToolCallIdMap &ids, Config config);

    const Config &config() const { return m_config; }

    Translation translateChat(const QJsonObject &clientBody) const;
    Translation translateFim(const QJsonObject &clientBody) const;
    Translation translateEmbeddings(const QJsonObject &clientBody) const;
    // An alias resolved; an empty name becomes `fallback`.
    QString resolveModel(const QString &requested, const QString &fallback) const;

    // Maps `choices[].message.tool_calls[].id` and `choices[].delta.tool_calls[].id` back to the
    // client's ids. Runs on every streamed event: an object without tool calls is only looked at.
    void restoreToolCallIds(QJsonObject &completionOrChunk) const;
    // A byte-level pre-check for streamed events: when false the event can be forwarded as received,
    // without parsing it at all. It reads the key as encoders write it: a key whose ASCII letters are
    // spelt as JSON unicode escapes (which no encoder does) is not recognised (see fuzz_OpenAiTranslator).
    static bool mayContainToolCalls(QByteArrayView eventData);

    // {"error": {"message", "type", "param", "code"}} as OpenAI SDKs expect on every /v1 error.
    static QJsonObject openAiError(const ApiError &error);
    // The upstream status when there was one; 502 or 504 for failures before or after HTTP.
    static int clientStatus(const ApiError &error);

private:
    void applyLimits(QJsonObject &body, bool withSafePrompt, Translation &t) const;

    Config m_config;
    ToolCallIdMap &m_ids;
    OpenAiMessageTranslator m_messages;
};

} // namespace md
