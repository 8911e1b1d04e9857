#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace md {

// Writes JSON values as Python or TypeScript literals (dicts/objects, lists, strings, numbers,
// booleans, None/null), indented, with trailing commas, escaped so that any text (newlines, quotes,
// backslashes, control characters, U+2028) stays one valid string literal; or as JSON, for curl.
// Objects list "role", "type", "model", "name" and "id" first, the way people read messages. Data URIs longer than
// kMaxInlineDataUri are shortened, with a comment on the same line saying so: a snippet is for
// reading and copying, not for carrying megabytes of base64.
class CodeLiteral {
public:
    enum class Language { Python, TypeScript, Json };
    static constexpr qsizetype kMaxInlineDataUri = 2048;

    // `shorten`: replace long data URIs (see above); off where the exact value matters.
    explicit CodeLiteral(Language language, bool shorten = true)
        : m_language(language)
        , m_shorten(shorten)
    {
    }

    // `value` as a literal whose first line continues the current line and whose later lines are
    // indented by `indent` levels.
    QString write(const QJsonValue &value, int indent);
    // A string literal (no shortening).
    QString quote(const QString &text) const;
    // An object key: always quoted in Python and JSON, bare in TypeScript when it is an identifier.
    QString key(const QString &name) const;
    // How many data URIs were shortened so far.
    int shortenedCount() const { return m_shortened; }
    // "# " or "// " (JSON has no comments: "").
    QString commentPrefix() const;
    QString indentUnit() const;

    // The shortened form of a long data URI, or `text` itself; `removed` gets the characters left out.
    static QString shortenDataUri(const QString &text, qsizetype *removed = nullptr);

private:
    void writeValue(QString &out, const QJsonValue &value, int indent);
    void writeNumber(QString &out, double value) const;
    static QStringList orderedKeys(const QJsonObject &object);

    Language m_language;
    bool m_shorten = true;
    int m_shortened = 0;
    qsizetype m_lastRemoved = 0; // set when the string just written was shortened
};

} // namespace md
