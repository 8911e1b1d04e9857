#include "api/ToolCall.h"

#include "api/JsonFields.h"

#include <QJsonDocument>

namespace md {

QJsonObject ToolCall::toJson() const
{
    return {{QLatin1String("id"), id},
            {QLatin1String("type"), QLatin1String("function")},
            {QLatin1String("function"),
             QJsonObject {{QLatin1String("name"), name}, {QLatin1String("arguments"), arguments}}},
            {QLatin1String("index"), index}};
}

ToolCall ToolCall::fromJson(const QJsonObject &json)
{
    ToolCall call;
    call.id = json.value(QLatin1String("id")).toString();
    call.index = json.value(QLatin1String("index")).toInt();
    const QJsonObject function = json.value(QLatin1String("function")).toObject();
    call.name = function.value(QLatin1String("name")).toString();
    const QJsonValue args = function.value(QLatin1String("arguments"));
    // The wire form is a JSON string; some servers send an object. Keep JSON text either way.
    call.arguments = args.isObject() ? QString::fromUtf8(QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact))
                                     : args.toString();
    return call;
}

bool ToolCall::isValidMistralId(const QString &id)
{
    if (id.size() != 9)
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool alnum = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
        if (!alnum)
            return false;
    }
    return true;
}

QJsonObject ToolDefinition::toJson() const
{
    QJsonObject function {{QLatin1String("name"), name}};
    json::putNonEmpty(function, QLatin1String("description"), description);
    function.insert(QLatin1String("parameters"),
                    parameters.isEmpty() ? QJsonObject {{QLatin1String("type"), QLatin1String("object")},
                                                        {QLatin1String("properties"), QJsonObject {}}}
                                         : parameters);
    json::putOptional(function, QLatin1String("strict"), strict);
    return {{QLatin1String("type"), QLatin1String("function")}, {QLatin1String("function"), function}};
}

ToolDefinition ToolDefinition::fromJson(const QJsonObject &json)
{
    const QJsonObject function = json.value(QLatin1String("function")).toObject();
    ToolDefinition def;
    def.name = function.value(QLatin1String("name")).toString();
    def.description = function.value(QLatin1String("description")).toString();
    def.parameters = function.value(QLatin1String("parameters")).toObject();
    if (function.contains(QLatin1String("strict")))
        def.strict = function.value(QLatin1String("strict")).toBool();
    return def;
}

QJsonValue ToolChoice::toJson() const
{
    switch (mode) {
    case Mode::Auto:
        return QLatin1String("auto");
    case Mode::None:
        return QLatin1String("none");
    case Mode::Any:
        return QLatin1String("any");
    case Mode::Required:
        return QLatin1String("required");
    case Mode::Function:
        break;
    }
    return QJsonObject {{QLatin1String("type"), QLatin1String("function")},
                        {QLatin1String("function"), QJsonObject {{QLatin1String("name"), functionName}}}};
}

ToolChoice ToolChoice::fromJson(const QJsonValue &json)
{
    if (json.isObject())
        return function(
            json.toObject().value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString());
    const QString mode = json.toString();
    ToolChoice c;
    c.mode = mode == QLatin1String("none")  ? Mode::None
        : mode == QLatin1String("any")      ? Mode::Any
        : mode == QLatin1String("required") ? Mode::Required
                                            : Mode::Auto;
    return c;
}

} // namespace md
