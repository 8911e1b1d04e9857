#include "FakeRequestValidator.h"

#include "FakeModelCatalog.h"
#include "FakeWireFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace md::test {
namespace {

constexpr int kMaxEmbeddingInputs = 512;
constexpr qint64 kMaxEmbeddingTokens = 16384;

const std::initializer_list<const char *> kChatFields = {"model",
                                                         "messages",
                                                         "temperature",
                                                         "top_p",
                                                         "max_tokens",
                                                         "stream",
                                                         "stop",
                                                         "random_seed",
                                                         "n",
                                                         "presence_penalty",
                                                         "frequency_penalty",
                                                         "response_format",
                                                         "tools",
                                                         "tool_choice",
                                                         "parallel_tool_calls",
                                                         "prediction",
                                                         "reasoning_effort",
                                                         "prompt_mode",
                                                         "safe_prompt"};
const std::initializer_list<const char *> kFimFields = {
    "model", "prompt", "suffix", "temperature", "top_p", "max_tokens", "min_tokens", "stream", "stop", "random_seed"};
const std::initializer_list<const char *> kEmbeddingFields
    = {"model", "input", "output_dimension", "output_dtype", "encoding_format"};

bool fieldAllowed(const QString &key, std::initializer_list<const char *> allowed)
{
    return std::any_of(allowed.begin(), allowed.end(), [&](const char *a) { return key == QLatin1String(a); });
}

bool isValidToolCallId(const QString &id)
{
    if (id.size() != 9)
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    });
}

bool isBlankContent(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())
        || (v.isArray() && v.toArray().isEmpty());
}

// A 400 in the flat shape of the API's checks after parsing.
FakeRejection invalidRequest(const QString &message)
{
    return {400, FakeWireFormat::invalidRequestBody(message)};
}

QJsonArray bodyLoc(const QString &field)
{
    return QJsonArray {QStringLiteral("body"), field};
}

// Pydantic-style checks of one required field; appends a violation when it fails.
void requireField(const QJsonObject &body, const char *name, QJsonValue::Type type, QList<FakeViolation> &out)
{
    const QString field = QString::fromLatin1(name);
    const QJsonValue v = body.value(field);
    if (v.isUndefined())
        out.append({"missing", bodyLoc(field), QStringLiteral("Field required"), body});
    else if (v.type() != type && type == QJsonValue::String)
        out.append({"string_type", bodyLoc(field), QStringLiteral("Input should be a valid string"), v});
    else if (v.type() != type && type == QJsonValue::Array)
        out.append({"list_type", bodyLoc(field), QStringLiteral("Input should be a valid list"), v});
}

void checkOptionalTypes(const QJsonObject &body, QList<FakeViolation> &out)
{
    const QJsonValue stream = body.value(QLatin1String("stream"));
    if (!stream.isUndefined() && !stream.isNull() && !stream.isBool())
        out.append({"bool_type", bodyLoc(QStringLiteral("stream")), QStringLiteral("Input should be a valid boolean"),
                    stream});
    const QJsonValue maxTokens = body.value(QLatin1String("max_tokens"));
    if (!maxTokens.isUndefined() && !maxTokens.isNull()
        && (!maxTokens.isDouble() || maxTokens.toDouble() != std::floor(maxTokens.toDouble())))
        out.append({"int_type", bodyLoc(QStringLiteral("max_tokens")),
                    QStringLiteral("Input should be a valid integer"), maxTokens});
}

void checkExtraFields(const QJsonObject &body, std::initializer_list<const char *> allowed, QList<FakeViolation> &out)
{
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!fieldAllowed(it.key(), allowed))
            out.append(FakeWireFormat::extraField(it.key(), it.value()));
}

void checkMessageRoles(const QJsonArray &messages, QList<FakeViolation> &violations)
{
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonValue m = messages.at(i);
        const QJsonArray loc {QStringLiteral("body"), QStringLiteral("messages"), int(i)};
        const QJsonValue role = m.toObject().value(QLatin1String("role"));
        if (!m.isObject() || !role.isString()) {
            violations.append(
                {"union_tag_not_found", loc, QStringLiteral("Unable to extract tag using discriminator 'role'"), m});
        } else if (!QStringList {QStringLiteral("system"), QStringLiteral("user"), QStringLiteral("assistant"),
                                 QStringLiteral("tool")}
                        .contains(role.toString())) {
            violations.append({"union_tag_invalid", loc,
                               QStringLiteral("Input tag '%1' found using 'role' does not match any of the expected "
                                              "tags: 'system', 'user', 'assistant', 'tool'")
                                   .arg(role.toString()),
                               m});
        }
    }
}

std::optional<FakeRejection> checkMessages(const QJsonArray &messages)
{
    if (messages.isEmpty())
        return invalidRequest(QStringLiteral("Messages must not be empty"));

    const auto badId = [](const QJsonValue &id) {
        const QString shown = id.isString() ? id.toString() : QString::fromUtf8(FakeWireFormat::jsonValue(id));
        return invalidRequest(
            QStringLiteral("Tool call id was %1 but must be a-z, A-Z, 0-9, with a length of 9.").arg(shown));
    };
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonObject m = messages.at(i).toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        if (role == QLatin1String("assistant")) {
            const QJsonArray calls = m.value(QLatin1String("tool_calls")).toArray();
            for (const QJsonValue &call : calls) {
                const QJsonValue id = call.toObject().value(QLatin1String("id"));
                if (!id.isUndefined() && !id.isNull() && !(id.isString() && isValidToolCallId(id.toString())))
                    return badId(id);
            }
            if (isBlankContent(m.value(QLatin1String("content"))) && calls.isEmpty())
                return invalidRequest(
                    QStringLiteral("Assistant message must have either content or tool_calls, but not none."));
            if (m.value(QLatin1String("prefix")).toBool() && i + 1 != messages.size())
                return invalidRequest(QStringLiteral("Assistant message with prefix True must be the last message"));
        } else if (role == QLatin1String("tool")) {
            const QJsonValue id = m.value(QLatin1String("tool_call_id"));
            if (!id.isUndefined() && !id.isNull() && !(id.isString() && isValidToolCallId(id.toString())))
                return badId(id);
        }
    }
    const QJsonObject last = messages.last().toObject();
    const QString lastRole = last.value(QLatin1String("role")).toString();
    const bool ok = lastRole == QLatin1String("user") || lastRole == QLatin1String("tool")
        || (lastRole == QLatin1String("assistant") && last.value(QLatin1String("prefix")).toBool());
    if (!ok)
        return invalidRequest(QStringLiteral("Expected last role User or Tool (or Assistant with prefix True) for "
                                             "serving but got %1")
                                  .arg(lastRole));
    return std::nullopt;
}

} // namespace

std::optional<FakeRejection> FakeRequestValidator::parseBody(const QByteArray &raw, QJsonObject &body)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return invalidRequest(QStringLiteral("Invalid JSON body"));
    body = doc.object();
    return std::nullopt;
}

std::optional<FakeRejection> FakeRequestValidator::checkCompletion(const QJsonObject &body, bool fim)
{
    QList<FakeViolation> violations;
    requireField(body, "model", QJsonValue::String, violations);
    if (fim)
        requireField(body, "prompt", QJsonValue::String, violations);
    else
        requireField(body, "messages", QJsonValue::Array, violations);
    if (!fim)
        checkMessageRoles(body.value(QLatin1String("messages")).toArray(), violations);
    checkOptionalTypes(body, violations);
    checkExtraFields(body, fim ? kFimFields : kChatFields, violations);
    if (!violations.isEmpty())
        return FakeRejection {422, FakeWireFormat::validationBody(violations)};
    const QString model = body.value(QLatin1String("model")).toString();
    if (!FakeModelCatalog::find(model))
        return FakeRejection {400, FakeWireFormat::invalidModelBody(model)};
    if (!fim)
        return checkMessages(body.value(QLatin1String("messages")).toArray());
    return std::nullopt;
}

std::optional<FakeRejection> FakeRequestValidator::checkEmbeddings(const QJsonObject &body, Embeddings &request)
{
    QList<FakeViolation> violations;
    requireField(body, "model", QJsonValue::String, violations);
    const QJsonValue input = body.value(QLatin1String("input"));
    QStringList inputs;
    if (input.isUndefined()) {
        violations.append({"missing", bodyLoc(QStringLiteral("input")), QStringLiteral("Field required"), body});
    } else if (input.isString()) {
        inputs.append(input.toString());
    } else if (input.isArray()) {
        const QJsonArray array = input.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (array.at(i).isString())
                inputs.append(array.at(i).toString());
            else
                violations.append({"string_type", QJsonArray {QStringLiteral("body"), QStringLiteral("input"), int(i)},
                                   QStringLiteral("Input should be a valid string"), array.at(i)});
        }
    } else {
        violations.append(
            {"string_type", bodyLoc(QStringLiteral("input")), QStringLiteral("Input should be a valid string"), input});
    }
    checkExtraFields(body, kEmbeddingFields, violations);
    if (!violations.isEmpty())
        return FakeRejection {422, FakeWireFormat::validationBody(violations)};
    const QString model = body.value(QLatin1String("model")).toString();
    const std::optional<QJsonObject> card = FakeModelCatalog::find(model);
    if (!card)
        return FakeRejection {400, FakeWireFormat::invalidModelBody(model)};
    if (inputs.isEmpty())
        return invalidRequest(QStringLiteral("Input must not be empty"));
    qint64 tokens = 0;
    for (const QString &text : std::as_const(inputs))
        tokens += FakeWireFormat::estimateTokens(text.toUtf8().size());
    if (inputs.size() > kMaxEmbeddingInputs || tokens > kMaxEmbeddingTokens) {
        return invalidRequest(QStringLiteral("Too many tokens in batch. Max is %1 tokens and %2 inputs per request, "
                                             "got %3 tokens in %4 inputs.")
                                  .arg(kMaxEmbeddingTokens)
                                  .arg(kMaxEmbeddingInputs)
                                  .arg(tokens)
                                  .arg(inputs.size()));
    }
    int dimension = 1024;
    if (card->value(QLatin1String("id")).toString() == QLatin1String("codestral-embed")) {
        dimension = 1536;
        const QJsonValue requested = body.value(QLatin1String("output_dimension"));
        if (!requested.isUndefined() && !requested.isNull()) {
            const int asked = requested.toInt(-1);
            if (asked < 1 || asked > 3072)
                return invalidRequest(QStringLiteral("output_dimension must be between 1 and 3072"));
            dimension = asked;
        }
    }
    request.model = model;
    request.inputs = std::move(inputs);
    request.tokens = tokens;
    request.dimension = dimension;
    request.base64 = body.value(QLatin1String("encoding_format")).toString() == QLatin1String("base64");
    return std::nullopt;
}

} // namespace md::test
