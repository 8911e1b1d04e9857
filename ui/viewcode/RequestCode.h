#pragma once

#include "api/ChatRequest.h"

#include <QUrl>

namespace md {

// A chat request as code a user can run elsewhere: curl, Python (`mistralai`) and TypeScript
// (`@mistralai/mistralai`). The key is always read from the MISTRAL_API_KEY environment variable:
// no snippet ever holds it (DESIGN.md, secrets). Data URIs longer than CodeLiteral::kMaxInlineDataUri
// are shortened, with a comment saying so.
namespace RequestCode {

inline constexpr const char *kKeyVariable = "MISTRAL_API_KEY";

// The body is exactly request.toJson(stream), pretty-printed and shell-quoted.
QString curl(const ChatRequest &request, const QUrl &baseUrl, bool stream);
// client.chat.complete / client.chat.stream with the SDK's snake_case arguments.
QString python(const ChatRequest &request, bool stream);
// As above; a base URL other than Mistral's own becomes the client's server_url.
QString python(const ChatRequest &request, bool stream, const QUrl &baseUrl);
// client.chat.complete / client.chat.stream with the SDK's camelCase fields. Plain JavaScript
// syntax (no type annotations), so the same text also runs as an ES module.
QString typescript(const ChatRequest &request, bool stream);
// As above; a base URL other than Mistral's own becomes the client's serverURL.
QString typescript(const ChatRequest &request, bool stream, const QUrl &baseUrl);

// POSIX shell single quoting: 'it'\''s'.
QString shellQuote(const QString &text);
// Where the request goes: the base URL (without a trailing / or /v1, as MistralClient does) + /v1/chat/completions.
QUrl endpoint(const QUrl &baseUrl);
// The request body as the Python SDK takes it (snake_case; json_schema.schema is schema_definition).
QJsonObject pythonArguments(const ChatRequest &request);
// The request as the TypeScript SDK takes it (camelCase, jsonSchema.schemaDefinition, imageUrl...).
QJsonObject typescriptArguments(const ChatRequest &request);

} // namespace RequestCode

} // namespace md
