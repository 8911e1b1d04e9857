#pragma once

#include "api/Usage.h"

#include <QByteArrayView>
#include <QString>

namespace md {

// Reads one member of a JSON object's top level without parsing the rest. The proxy wants only
// `usage` and `model` from each non-streamed answer (for the log, the metrics and the cost);
// QJsonDocument::fromJson built the whole answer as a tree for that, per request.
//
// One pass over the bytes with memchr for string ends; nested objects and arrays are skipped by
// depth. Not a validator: malformed input gives an empty result, never a crash or a read past
// the end.
class JsonPeek {
public:
    // The raw text of the value of `key` (e.g. `{"prompt_tokens":1,...}` or `"mistral-small"`),
    // or an empty view when `json` is not an object or has no such member at its top level.
    static QByteArrayView topLevelValue(QByteArrayView json, QByteArrayView key);
    // The value of `key` when it is a string, decoded; empty otherwise.
    static QString topLevelString(QByteArrayView json, QByteArrayView key);
    // Usage::fromJson() of a `usage` object's text: plain integers read directly, anything else
    // (fractions, exponents, strings) through QJsonDocument as before.
    static Usage usage(QByteArrayView usageObject);

private:
    static qsizetype skipSpace(QByteArrayView json, qsizetype at);
    static qsizetype stringEnd(QByteArrayView json, qsizetype openingQuote); // past the closing quote, or -1
    static qsizetype valueEnd(QByteArrayView json, qsizetype at);            // past the value, or -1
};

} // namespace md
