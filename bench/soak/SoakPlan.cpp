#include "SoakPlan.h"

#include "RawHttp.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <string_view>

namespace soak {

using bench::buildRequest;

Plan planFor(std::uint64_t i)
{
    Plan p;
    const auto slot = int((i * 37) % 100); // 37 is prime to 100: the kinds interleave
    p.tokens = 1 + int((i * 7919) % 32);
    const auto fail = [&](int status, const std::string &directive, bool stream) {
        p.kind = Kind::Fail;
        p.status = p.logStatus = status;
        p.stream = stream;
        p.directive = directive;
    };
    if (slot < 39) {
        p.kind = Kind::Chat;
    } else if (slot < 40) {
        // The upstream waits 300 ms before its first byte; the client leaves after 30 ms, so the
        // proxy must cancel a request in flight upstream (its pooled connection must not be reused).
        p.kind = Kind::LeaveEarly;
        p.status = 0;
        p.logStatus = 499;
        p.directive = "first_byte_delay_ms=300";
    } else if (slot < 75) {
        p.kind = Kind::Stream;
        p.stream = true;
    } else if (slot < 85) {
        p.kind = Kind::Embed;
    } else if (slot < 88) {
        fail(503, "kind=error error_shape=service_unavailable retry_after=0", slot % 2 == 0);
    } else if (slot < 90) {
        fail(500, "kind=error error_shape=internal_error retry_after=0", slot % 2 == 0);
    } else if (slot < 92) {
        fail(429, "kind=rate_limited retry_after=0", slot % 2 == 0);
    } else if (slot < 93) {
        fail(503, "kind=error error_shape=service_unavailable", true);
    } else if (slot < 94) {
        p.kind = Kind::StreamDropped;
        p.stream = true;
        p.directive = "kind=drop drop_after_events=2";
    } else if (slot < 95) {
        p.kind = Kind::ChatDropped;
        p.status = p.logStatus = 502;
        p.directive = "kind=drop";
    } else {
        // Paced (200 tokens at 400/s): the client is long gone before the usage would come.
        p.kind = Kind::Leave;
        p.stream = true;
        p.tokens = 200;
        p.logStatus = 499;
        p.directive = "tokens_per_second=400";
    }
    if (p.kind == Kind::Chat || p.kind == Kind::Stream || p.kind == Kind::Leave || p.kind == Kind::LeaveEarly)
        p.directive = "tokens=" + std::to_string(p.tokens) + (p.directive.empty() ? "" : " " + p.directive);
    return p;
}

std::string requestFor(std::uint64_t i, const Plan &p, std::uint16_t port)
{
    // Prompts of varying length, so that prompt_tokens vary too.
    const std::string filler(std::size_t((i * 131) % 97), 'x');
    const std::string text = "[fake " + p.directive + "] request " + std::to_string(i) + " " + filler;
    if (p.kind == Kind::Embed)
        return buildRequest("POST", "/v1/embeddings", port, kProxyToken,
                            R"({"model":"mistral-embed","input":[")" + text + R"(","second input"]})");
    const std::string body = R"({"model":"mistral-small-latest","messages":[{"role":"system","content":"Be terse."},)"
                             R"({"role":"user","content":")"
        + text + R"("}],"temperature":0.3,"stream":)" + (p.stream ? "true" : "false") + "}";
    return buildRequest("POST", "/v1/chat/completions", port, kProxyToken, body, p.stream);
}

std::string verify(const Plan &p, int status, const std::string &body, Tokens &usage)
{
    if (status != p.status)
        return "status " + std::to_string(status) + ", expected " + std::to_string(p.status);
    const auto usageOf = [](const QJsonObject &o, Tokens &t) {
        const QJsonObject u = o.value(QLatin1String("usage")).toObject();
        if (u.isEmpty())
            return false;
        t.prompt += u.value(QLatin1String("prompt_tokens")).toInteger();
        t.completion += u.value(QLatin1String("completion_tokens")).toInteger();
        return true;
    };
    switch (p.kind) {
    case Kind::Chat:
    case Kind::Embed: {
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(body)).object();
        Tokens t;
        if (!usageOf(o, t))
            return "no usage in a 200 answer";
        if (p.kind == Kind::Chat && t.completion != p.tokens)
            return "completion_tokens " + std::to_string(t.completion) + ", expected " + std::to_string(p.tokens);
        if (p.kind == Kind::Embed && o.value(QLatin1String("data")).toArray().size() != 2)
            return "embeddings: not 2 vectors";
        usage.prompt += t.prompt;
        usage.completion += t.completion;
        return {};
    }
    case Kind::Stream:
    case Kind::StreamDropped: {
        Tokens t;
        bool done = false, error = false, sawUsage = false;
        std::size_t at = 0;
        while (at < body.size()) {
            std::size_t end = body.find("\n\n", at);
            if (end == std::string::npos)
                return "stream ends inside an event";
            const std::string_view event(body.data() + at, end - at);
            at = end + 2;
            if (!event.starts_with("data: "))
                return "event without data";
            const std::string_view data = event.substr(6);
            if (done)
                return "an event after [DONE]";
            if (data == "[DONE]") {
                done = true;
                continue;
            }
            const QJsonObject o = QJsonDocument::fromJson(QByteArray(data.data(), qsizetype(data.size()))).object();
            if (o.isEmpty())
                return "an event that is not a JSON object";
            if (o.contains(QLatin1String("error")))
                error = true;
            if (o.contains(QLatin1String("usage")))
                sawUsage = usageOf(o, t);
        }
        if (p.kind == Kind::Stream) {
            if (!done || error || !sawUsage)
                return std::string("stream: ") + (done ? "" : "no [DONE] ") + (error ? "an error event " : "")
                    + (sawUsage ? "" : "no usage");
            if (t.completion != p.tokens)
                return "completion_tokens " + std::to_string(t.completion) + ", expected " + std::to_string(p.tokens);
            usage.prompt += t.prompt;
            usage.completion += t.completion;
            return {};
        }
        if (done || !error || sawUsage)
            return "dropped stream: expected an error event and neither [DONE] nor usage";
        return {};
    }
    case Kind::Fail:
    case Kind::ChatDropped: {
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(body)).object();
        if (!o.value(QLatin1String("error")).isObject())
            return "error answer without an \"error\" object";
        return {};
    }
    case Kind::Leave:
    case Kind::LeaveEarly:
        return "a leaving client got a whole answer";
    }
    return "?";
}

} // namespace soak
