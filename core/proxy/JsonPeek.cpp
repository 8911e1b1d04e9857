#include "proxy/JsonPeek.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>

namespace md {

qsizetype JsonPeek::skipSpace(QByteArrayView json, qsizetype at)
{
    while (at < json.size() && (json[at] == ' ' || json[at] == '\n' || json[at] == '\r' || json[at] == '\t'))
        ++at;
    return at;
}

qsizetype JsonPeek::stringEnd(QByteArrayView json, qsizetype openingQuote)
{
    const char *const begin = json.data();
    const char *const end = begin + json.size();
    const char *at = begin + openingQuote + 1;
    while (at < end) {
        const auto *quote = static_cast<const char *>(std::memchr(at, '"', size_t(end - at)));
        if (!quote)
            return -1;
        // Escaped when an odd number of backslashes stands right before it.
        qsizetype backslashes = 0;
        for (const char *b = quote - 1; b >= at && *b == '\\'; --b)
            ++backslashes;
        if (backslashes % 2 == 0)
            return quote + 1 - begin;
        at = quote + 1;
    }
    return -1;
}

qsizetype JsonPeek::valueEnd(QByteArrayView json, qsizetype at)
{
    if (at >= json.size())
        return -1;
    const char first = json[at];
    if (first == '"')
        return stringEnd(json, at);
    if (first != '{' && first != '[') {
        // A number, true, false or null: up to the next delimiter.
        while (at < json.size() && json[at] != ',' && json[at] != '}' && json[at] != ']' && json[at] != ' '
               && json[at] != '\n' && json[at] != '\r' && json[at] != '\t')
            ++at;
        return at;
    }
    int depth = 0;
    while (at < json.size()) {
        const char c = json[at];
        if (c == '"') {
            at = stringEnd(json, at);
            if (at < 0)
                return -1;
            continue;
        }
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return at + 1;
        }
        ++at;
    }
    return -1;
}

QByteArrayView JsonPeek::topLevelValue(QByteArrayView json, QByteArrayView key)
{
    qsizetype at = skipSpace(json, 0);
    if (at >= json.size() || json[at] != '{')
        return {};
    at = skipSpace(json, at + 1);
    while (at < json.size() && json[at] == '"') {
        const qsizetype nameEnd = stringEnd(json, at);
        if (nameEnd < 0)
            return {};
        const QByteArrayView name = json.sliced(at + 1, nameEnd - at - 2);
        at = skipSpace(json, nameEnd);
        if (at >= json.size() || json[at] != ':')
            return {};
        const qsizetype valueStart = skipSpace(json, at + 1);
        const qsizetype end = valueEnd(json, valueStart);
        if (end < 0 || end == valueStart)
            return {};
        if (name == key)
            return json.sliced(valueStart, end - valueStart);
        at = skipSpace(json, end);
        if (at >= json.size() || json[at] != ',')
            return {}; // '}' (not found) or malformed
        at = skipSpace(json, at + 1);
    }
    return {};
}

QString JsonPeek::topLevelString(QByteArrayView json, QByteArrayView key)
{
    const QByteArrayView value = topLevelValue(json, key);
    if (value.size() < 2 || value.front() != '"')
        return {};
    const QByteArrayView inner = value.sliced(1, value.size() - 2);
    if (!inner.contains('\\'))
        return QString::fromUtf8(inner);
    // Escapes: let Qt decode them.
    QByteArray wrapped;
    wrapped.reserve(value.size() + 2);
    wrapped += '[';
    wrapped += value;
    wrapped += ']';
    return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

Usage JsonPeek::usage(QByteArrayView usageObject)
{
    Usage u;
    const auto field = [usageObject](QByteArrayView key, qint64 &out) {
        const QByteArrayView raw = topLevelValue(usageObject, key);
        if (raw.isEmpty())
            return true; // absent: 0, as Usage::fromJson has it
        if (raw.size() > 15)
            return false;
        qint64 value = 0;
        for (const char c : raw) {
            if (c < '0' || c > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        out = value;
        return true;
    };
    if (field("prompt_tokens", u.promptTokens) && field("completion_tokens", u.completionTokens)
        && field("total_tokens", u.totalTokens)) {
        if (u.totalTokens == 0)
            u.totalTokens = u.promptTokens + u.completionTokens;
        return u;
    }
    return Usage::fromJson(QJsonDocument::fromJson(usageObject.toByteArray()).object());
}

} // namespace md
