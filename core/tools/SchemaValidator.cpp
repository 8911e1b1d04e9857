#include "tools/SchemaValidator.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

// valijson is a header-only library; its warnings are not ours (the include path is SYSTEM). Without
// exceptions it aborts the process on a schema it cannot read: a schema the user is typing.
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <exception>

namespace md {

namespace {
// lupdate files the messages of this file under the context named here (no Q_OBJECT class).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::SchemaValidator)
};

// valijson reports where a problem is as ["<root>", "[city]", "[0]"]; people read "city" or
// "stops[0].name".
QString pathOf(const std::vector<std::string> &context, QStringList *segments)
{
    QString path;
    for (const std::string &part : context) {
        if (part.size() < 3 || part.front() != '[' || part.back() != ']')
            continue;
        const QString inner = QString::fromStdString(part.substr(1, part.size() - 2));
        bool isIndex = false;
        inner.toInt(&isIndex);
        segments->append(inner);
        if (isIndex)
            path += QLatin1Char('[') + inner + QLatin1Char(']');
        else
            path += (path.isEmpty() ? QString() : QStringLiteral(".")) + inner;
    }
    return path;
}

// The subschema at `segments`, following properties and items only (enough to name what was
// expected in the common cases); empty when the walk leaves those.
QJsonObject subschema(QJsonObject schema, const QStringList &segments)
{
    for (const QString &segment : segments) {
        const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        if (properties.contains(segment))
            schema = properties.value(segment).toObject();
        else if (schema.value(QLatin1String("items")).isObject())
            schema = schema.value(QLatin1String("items")).toObject();
        else
            return {};
    }
    return schema;
}

QString compactJson(const QJsonValue &value)
{
    if (value.isString())
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString explain(const QString &description, const QJsonObject &schema)
{
    if (description.startsWith(QLatin1String("Value type not permitted"))) {
        const QJsonValue type = schema.value(QLatin1String("type"));
        const QString expected = type.isArray() ? compactJson(type) : type.toString();
        if (!expected.isEmpty())
            return Tr::tr("wrong type, expected %1").arg(expected);
    }
    if (description.startsWith(QLatin1String("Failed to match against any enum values"))) {
        QStringList values;
        for (const QJsonValue &v : schema.value(QLatin1String("enum")).toArray())
            values.append(compactJson(v));
        if (!values.isEmpty())
            return Tr::tr("must be one of %1").arg(values.join(QStringLiteral(", ")));
    }
    QString text = description;
    // valijson prints limits with printf's %f: "10.000000".
    static const QRegularExpression trailingZeros(QStringLiteral("(\\d)\\.0+\\b"));
    text.replace(trailingZeros, QStringLiteral("\\1"));
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

// Problems that only say "something below failed" (the specific problem is reported too).
bool isWrapper(const std::string &description)
{
    for (const char *prefix :
         {"Failed to validate against schema associated with property name", "Failed to validate item #",
          "Failed to validate against child schema #", "Failed to validate against schema associated with pattern"}) {
        if (description.rfind(prefix, 0) == 0)
            return true;
    }
    return false;
}
} // namespace

SchemaValidator::SchemaValidator(const QJsonObject &schema)
    : m_schema(std::make_unique<valijson::Schema>())
{
    m_schemaJson = schema;
    try {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        const valijson::adapters::QtJsonAdapter adapter {QJsonValue(schema)};
        parser.populateSchema(adapter, *m_schema);
    } catch (const std::exception &e) {
        m_problem = Tr::tr("The schema cannot be used: %1").arg(QString::fromUtf8(e.what()));
        m_schema.reset();
    }
}

SchemaValidator::~SchemaValidator() = default;

QStringList SchemaValidator::validate(const QJsonValue &value) const
{
    if (!m_schema)
        return {};
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    const valijson::adapters::QtJsonAdapter adapter(value);
    if (validator.validate(*m_schema, adapter, &results))
        return {};
    QStringList problems;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        if (isWrapper(error.description))
            continue;
        QStringList segments;
        const QString path = pathOf(error.context, &segments);
        const QString text = explain(QString::fromStdString(error.description), subschema(m_schemaJson, segments));
        problems.append(path.isEmpty() ? text : path + QStringLiteral(": ") + text);
    }
    problems.removeDuplicates();
    return problems;
}

QString SchemaValidator::schemaProblem(const QJsonObject &schema)
{
    return SchemaValidator(schema).problem();
}

} // namespace md
