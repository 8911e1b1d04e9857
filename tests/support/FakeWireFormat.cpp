#include "FakeWireFormat.h"

#include "api/JsonText.h"

#include <QJsonDocument>
#include <QRandomGenerator>

#include <array>

namespace md::test {

using Shape = FakeScript::ErrorShape;

// ---- JSON text -------------------------------------------------------------------------------

QByteArray FakeWireFormat::jsonString(QByteArrayView utf8)
{
    QByteArray out;
    out.reserve(utf8.size() + 2);
    appendJsonString(out, utf8);
    return out;
}

QByteArray FakeWireFormat::jsonString(const QString &s)
{
    return jsonString(QByteArrayView(s.toUtf8()));
}

QByteArray FakeWireFormat::jsonValue(const QJsonValue &v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray FakeWireFormat::randomHex32()
{
    std::array<quint32, 4> words {};
    QRandomGenerator::global()->fillRange(words.data(), qsizetype(words.size()));
    return QByteArray(reinterpret_cast<const char *>(words.data()), 16).toHex();
}

int FakeWireFormat::estimateTokens(qsizetype utf8Bytes)
{
    return int((utf8Bytes + 3) / 4);
}

// ---- error bodies ----------------------------------------------------------------------------

int FakeWireFormat::naturalStatus(Shape shape)
{
    switch (shape) {
    case Shape::InvalidRequest:
    case Shape::InvalidModel:
        return 400;
    case Shape::Validation422:
    case Shape::BareDetail422:
        return 422;
    case Shape::UnauthorizedMessage:
    case Shape::UnauthorizedDetail:
        return 401;
    case Shape::NotFound:
        return 404;
    case Shape::RateLimitMessage:
    case Shape::RateLimitObject:
        return 429;
    case Shape::InternalError:
        return 500;
    case Shape::ServiceUnavailable:
        return 503;
    }
    return 500;
}

QByteArray FakeWireFormat::invalidRequestBody(const QString &message)
{
    return "{\"object\":\"error\",\"message\":" + jsonString(message)
        + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}";
}

QByteArray FakeWireFormat::invalidModelBody(const QString &model)
{
    return "{\"object\":\"error\",\"message\":" + jsonString(QStringLiteral("Invalid model: ") + model)
        + ",\"type\":\"invalid_model\",\"param\":null,\"code\":\"1500\",\"raw_status_code\":400}";
}

QByteArray FakeWireFormat::validationBody(const QList<FakeViolation> &violations)
{
    QByteArray detail;
    for (const FakeViolation &v : violations) {
        if (!detail.isEmpty())
            detail += ',';
        detail += "{\"type\":" + jsonString(QByteArrayView(v.type)) + ",\"loc\":" + jsonValue(v.loc)
            + ",\"msg\":" + jsonString(v.msg) + ",\"input\":" + jsonValue(v.input) + '}';
    }
    return "{\"object\":\"error\",\"message\":{\"detail\":[" + detail
        + "]},\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}";
}

FakeViolation FakeWireFormat::extraField(const QString &field, const QJsonValue &input)
{
    return {"extra_forbidden", QJsonArray {QStringLiteral("body"), field},
            QStringLiteral("Extra inputs are not permitted"), input};
}

QByteArray FakeWireFormat::errorBody(Shape shape, const QString &message, const QByteArray &requestId)
{
    switch (shape) {
    case Shape::InvalidRequest:
        return invalidRequestBody(message.isEmpty() ? QStringLiteral("Invalid request") : message);
    case Shape::InvalidModel:
        return invalidModelBody(message.isEmpty() ? QStringLiteral("unknown-model") : message);
    case Shape::Validation422:
        return validationBody({extraField(QStringLiteral("safe_mode"), true)});
    case Shape::BareDetail422:
        return QByteArrayLiteral(
            "{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}");
    case Shape::UnauthorizedMessage:
        return "{\"message\":\"Unauthorized\",\"request_id\":\"" + requestId + "\"}";
    case Shape::UnauthorizedDetail:
        return QByteArrayLiteral("{\"detail\":\"Unauthorized\"}");
    case Shape::NotFound:
        return QByteArrayLiteral("{\"detail\":\"Not Found\"}");
    case Shape::RateLimitMessage:
        return QByteArrayLiteral("{\"message\":\"Requests rate limit exceeded\"}");
    case Shape::RateLimitObject:
        return QByteArrayLiteral("{\"object\":\"error\",\"message\":\"Rate limit exceeded\",\"type\":\"rate_limited\","
                                 "\"param\":null,\"code\":\"1300\"}");
    case Shape::InternalError:
        return QByteArrayLiteral("{\"detail\":\"Internal Server Error\"}");
    case Shape::ServiceUnavailable:
        return QByteArrayLiteral("{\"detail\":\"Service Unavailable\"}");
    }
    return {};
}

// ---- HTTP ----------------------------------------------------------------------------------

QByteArray FakeWireFormat::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray FakeWireFormat::chunkEncode(const QByteArray &payload)
{
    return QByteArray::number(payload.size(), 16) + "\r\n" + payload + "\r\n";
}

QByteArray FakeWireFormat::sseFrame(const QByteArray &json)
{
    return chunkEncode("data: " + json + "\n\n");
}

// ---- completions -----------------------------------------------------------------------------

QByteArray FakeWireFormat::usageJson(int prompt, int completion)
{
    return "{\"prompt_tokens\":" + QByteArray::number(prompt) + ",\"completion_tokens\":"
        + QByteArray::number(completion) + ",\"total_tokens\":" + QByteArray::number(prompt + completion) + '}';
}

QByteArray FakeWireFormat::toolCallJson(const FakeScript::ToolCallSpec &t, int index)
{
    return "{\"id\":" + jsonString(t.id) + ",\"type\":\"function\",\"function\":{\"name\":" + jsonString(t.name)
        + ",\"arguments\":" + jsonString(t.arguments) + "},\"index\":" + QByteArray::number(index) + '}';
}

QByteArray FakeWireFormat::chunkPrefix(const QByteArray &id, qint64 created, const QString &model)
{
    return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + QByteArray::number(created)
        + ",\"model\":" + jsonString(model) + ",\"choices\":[{\"index\":0,\"delta\":";
}

QByteArray FakeWireFormat::chunkEvent(const QByteArray &prefix, const QByteArray &delta, const char *finishReason,
                                      const QByteArray &usage)
{
    QByteArray json;
    json.reserve(prefix.size() + delta.size() + usage.size() + 48);
    json += prefix;
    json += delta;
    json += ",\"finish_reason\":";
    if (finishReason) {
        json += '"';
        json += finishReason;
        json += '"';
    } else {
        json += "null";
    }
    json += "}]";
    if (!usage.isEmpty()) {
        json += ",\"usage\":";
        json += usage;
    }
    json += '}';
    return sseFrame(json);
}

QByteArray FakeWireFormat::completionBody(const QByteArray &id, qint64 created, const QString &model,
                                          const QByteArray &message, const char *finishReason, const QByteArray &usage)
{
    QByteArray body = "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":" + QByteArray::number(created)
        + ",\"model\":" + jsonString(model) + ",\"choices\":[{\"index\":0,\"message\":" + message
        + ",\"finish_reason\":\"" + finishReason + "\"}]";
    if (!usage.isEmpty())
        body += ",\"usage\":" + usage;
    body += '}';
    return body;
}

QByteArray FakeWireFormat::thinkingChunk(const QString &text)
{
    return "{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":" + jsonString(text) + "}]}";
}

} // namespace md::test
