#include "viewcode/CodeLiteral.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace md {

QString CodeLiteral::commentPrefix() const
{
    switch (m_language) {
    case Language::Python:
        return QStringLiteral("# ");
    case Language::TypeScript:
        return QStringLiteral("// ");
    case Language::Json:
        break;
    }
    return {};
}

QString CodeLiteral::indentUnit() const
{
    return m_language == Language::Python ? QStringLiteral("    ") : QStringLiteral("  ");
}

QStringList CodeLiteral::orderedKeys(const QJsonObject &object)
{
    static const char *const first[] = {"role", "type", "model", "name", "id"};
    QStringList keys;
    for (const char *name : first) {
        if (object.contains(QLatin1String(name)))
            keys.append(QString::fromLatin1(name));
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!keys.contains(it.key()))
            keys.append(it.key());
    }
    return keys;
}

QString CodeLiteral::shortenDataUri(const QString &text, qsizetype *removed)
{
    if (removed)
        *removed = 0;
    if (!text.startsWith(QLatin1String("data:")) || text.size() <= kMaxInlineDataUri)
        return text;
    // Keep the media type and the first bytes, so the reader sees what it was.
    const qsizetype comma = text.indexOf(QLatin1Char(','));
    const qsizetype keep = (comma >= 0 && comma < 200 ? comma + 1 : 64) + 24;
    if (removed)
        *removed = text.size() - keep;
    return text.left(keep) + QStringLiteral("...");
}

QString CodeLiteral::quote(const QString &text) const
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += QLatin1String("\\\"");
            break;
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        default:
            if ((u < 0x20 || u == 0x7f) && m_language == Language::Json) {
                out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
            } else if (u < 0x20 || u == 0x7f) {
                out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
            } else if (u == 0x2028 || u == 0x2029 || u == 0xfeff) {
                // Invisible, and line terminators in older JavaScript: spelled out in both languages.
                out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
            } else {
                out += c;
            }
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString CodeLiteral::key(const QString &name) const
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    if (m_language == Language::TypeScript && identifier.match(name).hasMatch())
        return name;
    return quote(name);
}

void CodeLiteral::writeNumber(QString &out, double value) const
{
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        out += QString::number(qint64(value));
    else
        out += QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString CodeLiteral::write(const QJsonValue &value, int indent)
{
    QString out;
    writeValue(out, value, indent);
    return out;
}

void CodeLiteral::writeValue(QString &out, const QJsonValue &value, int indent)
{
    const bool python = m_language == Language::Python;
    const bool json = m_language == Language::Json;
    m_lastRemoved = 0;
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += python ? QLatin1String("None") : QLatin1String("null");
        return;
    case QJsonValue::Bool:
        out += value.toBool() ? (python ? QLatin1String("True") : QLatin1String("true"))
                              : (python ? QLatin1String("False") : QLatin1String("false"));
        return;
    case QJsonValue::Double:
        writeNumber(out, value.toDouble());
        return;
    case QJsonValue::String: {
        qsizetype removed = 0;
        out += quote(m_shorten ? shortenDataUri(value.toString(), &removed) : value.toString());
        if (removed > 0) {
            ++m_shortened;
            m_lastRemoved = removed;
        }
        return;
    }
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }

    const bool isObject = value.isObject();
    const QJsonObject object = value.toObject();
    const QJsonArray array = value.toArray();
    const qsizetype count = isObject ? object.size() : array.size();
    const QString open = isObject ? QStringLiteral("{") : QStringLiteral("[");
    const QString close = isObject ? QStringLiteral("}") : QStringLiteral("]");
    if (count == 0) {
        out += open + close;
        return;
    }
    const QString inner = indentUnit().repeated(indent + 1);
    out += open + QLatin1Char('\n');
    qsizetype left = count;
    const auto item = [&](const QString *name, const QJsonValue &v) {
        out += inner;
        if (name)
            out += key(*name) + QLatin1String(": ");
        writeValue(out, v, indent + 1);
        if (--left > 0 || !json) // JSON alone forbids a trailing comma
            out += QLatin1Char(',');
        if (m_lastRemoved > 0 && !json) {
            out += QStringLiteral("  ") + commentPrefix()
                + QStringLiteral("shortened: %1 characters of the data URI left out").arg(m_lastRemoved);
            m_lastRemoved = 0;
        }
        out += QLatin1Char('\n');
    };
    if (isObject) {
        for (const QString &name : orderedKeys(object))
            item(&name, object.value(name));
    } else {
        for (const QJsonValue &v : array)
            item(nullptr, v);
    }
    out += indentUnit().repeated(indent) + close;
}

} // namespace md
