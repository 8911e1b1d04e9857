#include "tools/ToolSet.h"

#include "api/JsonText.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace md {

namespace {
// lupdate files the messages of this file under the context named here (no Q_OBJECT class).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::ToolSet)
};

QJsonObject parseObject(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

ToolSpec example(const QString &name, const QString &description, const char *schema, const char *answer)
{
    ToolSpec spec;
    spec.definition.name = name;
    spec.definition.description = description;
    spec.definition.parameters = parseObject(schema);
    spec.responder.kind = ToolResponder::Kind::FixedJson;
    spec.responder.fixedJson = QString::fromUtf8(answer);
    return spec;
}
} // namespace

QByteArray ToolSet::toJson(const QList<ToolSpec> &tools)
{
    QJsonArray array;
    for (const ToolSpec &tool : tools)
        array.append(tool.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

bool ToolSet::fromJson(const QByteArray &json, QList<ToolSpec> *tools, QString *error)
{
    QJsonDocument doc;
    if (const QString problem = parseJsonText(QString::fromUtf8(json), &doc); !problem.isEmpty()) {
        *error = Tr::tr("The file is not JSON. %1").arg(problem);
        return false;
    }
    QJsonArray array = doc.array();
    if (doc.isObject()) {
        if (!doc.object().value(QLatin1String("tools")).isArray()) {
            *error = Tr::tr("Expected a list of tools, [ … ], or an object with a \"tools\" list.");
            return false;
        }
        array = doc.object().value(QLatin1String("tools")).toArray();
    }
    QList<ToolSpec> read;
    QSet<QString> names;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            *error = Tr::tr("Tool %1 is not a JSON object.").arg(i + 1);
            return false;
        }
        ToolSpec spec = ToolSpec::fromJson(array.at(i).toObject());
        spec.responder.commandAllowed = false;
        const QString label = spec.definition.name.isEmpty()
            ? Tr::tr("Tool %1").arg(i + 1)
            : QLatin1Char('"') + spec.definition.name + QLatin1Char('"');
        if (const QString problem = spec.problem(); !problem.isEmpty()) {
            *error = Tr::tr("%1: %2").arg(label, problem);
            return false;
        }
        if (names.contains(spec.definition.name)) {
            *error = Tr::tr("%1 is defined twice.").arg(label);
            return false;
        }
        names.insert(spec.definition.name);
        read.append(spec);
    }
    *tools = read;
    return true;
}

QList<ToolSpec> ToolSet::examples()
{
    return {
        example(QStringLiteral("get_weather"), Tr::tr("Current weather for a city."),
                R"({"type": "object",
                    "properties": {
                      "city": {"type": "string", "description": "City name, e.g. Paris"},
                      "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
                    },
                    "required": ["city"]})",
                R"({"temperature": 18, "unit": "celsius", "conditions": "light rain"})"),
        example(QStringLiteral("calculate"), Tr::tr("Evaluates an arithmetic expression."),
                R"({"type": "object",
                    "properties": {
                      "expression": {"type": "string", "description": "e.g. (17 * 3) + 4"}
                    },
                    "required": ["expression"]})",
                R"({"result": 55})"),
        example(
            QStringLiteral("search_web"), Tr::tr("Searches the web and returns the top results."),
            R"({"type": "object",
                    "properties": {
                      "query": {"type": "string"},
                      "max_results": {"type": "integer", "minimum": 1, "maximum": 10}
                    },
                    "required": ["query"]})",
            R"({"results": [{"title": "Mistral AI", "url": "https://mistral.ai", "snippet": "Frontier AI in your hands."}]})"),
    };
}

QString ToolSet::uniqueName(const QList<ToolSpec> &tools, const QString &name)
{
    auto taken = [&](const QString &candidate) {
        return std::any_of(tools.cbegin(), tools.cend(),
                           [&](const ToolSpec &t) { return t.definition.name == candidate; });
    };
    QString candidate = name;
    for (int n = 2; taken(candidate); ++n)
        candidate = name + QLatin1Char('_') + QString::number(n);
    return candidate;
}

} // namespace md
