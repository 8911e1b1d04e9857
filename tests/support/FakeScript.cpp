#include "FakeMistral.h"

#include "FakeWireFormat.h"

#include <QHash>

namespace md::test {

using Kind = FakeScript::Kind;
using Shape = FakeScript::ErrorShape;

FakeScript FakeScript::fromJson(const QJsonObject &json)
{
    static const QHash<QString, Kind> kinds {
        {QStringLiteral("normal"), Kind::Normal},      {QStringLiteral("tool_calls"), Kind::ToolCalls},
        {QStringLiteral("error"), Kind::Error},        {QStringLiteral("rate_limited"), Kind::RateLimited},
        {QStringLiteral("drop"), Kind::DropMidStream}, {QStringLiteral("malformed_sse"), Kind::MalformedSse},
        {QStringLiteral("hang"), Kind::Hang},
    };
    static const QHash<QString, Shape> shapes {
        {QStringLiteral("invalid_request"), Shape::InvalidRequest},
        {QStringLiteral("invalid_model"), Shape::InvalidModel},
        {QStringLiteral("validation_422"), Shape::Validation422},
        {QStringLiteral("bare_detail_422"), Shape::BareDetail422},
        {QStringLiteral("unauthorized_message"), Shape::UnauthorizedMessage},
        {QStringLiteral("unauthorized_detail"), Shape::UnauthorizedDetail},
        {QStringLiteral("not_found"), Shape::NotFound},
        {QStringLiteral("rate_limit_message"), Shape::RateLimitMessage},
        {QStringLiteral("rate_limit_object"), Shape::RateLimitObject},
        {QStringLiteral("internal_error"), Shape::InternalError},
        {QStringLiteral("service_unavailable"), Shape::ServiceUnavailable},
    };
    FakeScript s;
    s.kind = kinds.value(json.value(QLatin1String("kind")).toString(), Kind::Normal);
    s.status = json.value(QLatin1String("status")).toInt(s.status);
    if (json.contains(QLatin1String("error_shape")))
        s.errorShape = shapes.value(json.value(QLatin1String("error_shape")).toString(), s.errorShape);
    else if (s.kind == Kind::RateLimited)
        s.errorShape = Shape::RateLimitMessage;
    s.retryAfterSeconds = json.value(QLatin1String("retry_after")).toInt(s.retryAfterSeconds);
    s.tokens = json.value(QLatin1String("tokens")).toInt(s.tokens);
    s.tokensPerSecond = json.value(QLatin1String("tokens_per_second")).toInt(s.tokensPerSecond);
    s.firstByteDelayMs = json.value(QLatin1String("first_byte_delay_ms")).toInt(s.firstByteDelayMs);
    s.dropAfterEvents = json.value(QLatin1String("drop_after_events")).toInt(s.dropAfterEvents);
    s.text = json.value(QLatin1String("text")).toString();
    s.thinking = json.value(QLatin1String("thinking")).toString();
    for (const QJsonValue &v : json.value(QLatin1String("tool_calls")).toArray()) {
        const QJsonObject o = v.toObject();
        const QJsonValue args = o.value(QLatin1String("arguments"));
        s.toolCalls.append({o.value(QLatin1String("id")).toString(), o.value(QLatin1String("name")).toString(),
                            args.isString() ? args.toString() : QString::fromUtf8(FakeWireFormat::jsonValue(args))});
    }
    s.fragmentedToolCalls = json.value(QLatin1String("fragmented_tool_calls")).toBool();
    s.embeddingDimension = json.value(QLatin1String("embedding_dimension")).toInt(s.embeddingDimension);
    s.omitUsage = json.value(QLatin1String("omit_usage")).toBool();
    return s;
}

} // namespace md::test
