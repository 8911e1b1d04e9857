#pragma once

#include "api/ApiError.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace md {

// One client request body turned into a body the Mistral API accepts, with what was changed on the
// way so that the access log can show it.
struct Translation {
    QJsonObject body;          // what to send upstream; empty when `error` is set
    QStringList droppedFields; // e.g. "stream_options", "messages[].name"
    QStringList renamedFields; // "seed->random_seed", or a rewritten value: "tool_choice:required->any"
    // Set when the body cannot be used at all: a 400 to answer the client with, nothing goes upstream.
    std::optional<ApiError> error;
    // The client sent stream_options.include_usage. Mistral always puts usage on the last content
    // chunk; a server that wants OpenAI's exact shape can add a usage-only chunk for such clients.
    bool streamUsageRequested = false;
    // Whether `body` differs from the client's body in any way. When it does not, the proxy sends the
    // client's own bytes upstream instead of serialising `body` again.
    bool bodyChanged = false;
    // Some tool-call id in the client's messages went upstream in another (Mistral) form. Only then
    // can the answer carry an id to map back: the model sees no other conversation than this
    // request's. Without it, the proxy need not look for tool calls in the answer at all.
    bool toolCallIdsMapped = false;

    bool ok() const { return !error.has_value(); }

    // The same nested field (e.g. "messages[].name") is reported once however often it occurs.
    void noteDropped(const QString &field)
    {
        bodyChanged = true;
        if (!droppedFields.contains(field))
            droppedFields.append(field);
    }
    void noteRenamed(const QString &change)
    {
        bodyChanged = true;
        if (!renamedFields.contains(change))
            renamedFields.append(change);
    }
    void fail(const QString &message, const QString &param)
    {
        ApiError e;
        e.kind = ApiError::Kind::Http;
        e.httpStatus = 400;
        e.type = QStringLiteral("invalid_request_error");
        e.message = message;
        e.param = param;
        error = e;
        body = {};
    }
};

} // namespace md
