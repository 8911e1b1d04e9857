#include "tools/ToolSpec.h"

#include "api/JsonText.h"
#include "tools/SchemaValidator.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace md {

namespace {
const QLatin1String kExtension("x-mistral-desk");
const QLatin1String kEnabled("enabled");
const QLatin1String kResponder("responder");
const QLatin1String kKind("kind");
const QLatin1String kFixedJson("fixed_json");
const QLatin1String kCommand("command");
const QLatin1String kCommandAllowed("command_allowed");
const QLatin1String kTimeoutMs("timeout_ms");

// lupdate files the messages of this file under the context named here (no Q_OBJECT class).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::ToolSpec)
};

QString kindName(ToolResponder::Kind kind)
{
    switch (kind) {
    case ToolResponder::Kind::FixedJson:
        return QStringLiteral("fixed_json");
    case ToolResponder::Kind::Command:
        return QStringLiteral("command");
    case ToolResponder::Kind::Manual:
        break;
    }
    return QStringLiteral("manual");
}
} // namespace

QJsonObject ToolResponder::toJson() const
{
    QJsonObject json {{kKind, kindName(kind)}};
    if (!fixedJson.isEmpty())
        json.insert(kFixedJson, fixedJson);
    if (!command.isEmpty())
        json.insert(kCommand, command);
    if (commandAllowed)
        json.insert(kCommandAllowed, true);
    if (timeoutMs != kDefaultTimeoutMs)
        json.insert(kTimeoutMs, timeoutMs);
    return json;
}

ToolResponder ToolResponder::fromJson(const QJsonObject &json)
{
    ToolResponder r;
    const QString kind = json.value(kKind).toString();
    r.kind = kind == QLatin1String("fixed_json") ? Kind::FixedJson
        : kind == QLatin1String("command")       ? Kind::Command
                                                 : Kind::Manual;
    r.fixedJson = json.value(kFixedJson).toString();
    r.command = json.value(kCommand).toString();
    r.commandAllowed = json.value(kCommandAllowed).toBool();
    r.timeoutMs = std::clamp(json.value(kTimeoutMs).toInt(kDefaultTimeoutMs), 100, 600000);
    return r;
}

bool ToolSpec::isValidName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return valid.match(name).hasMatch();
}

QString ToolSpec::problem() const
{
    if (definition.name.isEmpty())
        return Tr::tr("Give the function a name.");
    if (!isValidName(definition.name))
        return Tr::tr("A function name may only hold letters, digits, _ and - (at most 64).");
    // An empty schema is sent as an object schema without properties.
    if (!definition.parameters.isEmpty()) {
        if (definition.parameters.value(QLatin1String("type")).toString() != QLatin1String("object"))
            return Tr::tr("The parameters schema's top level must be \"type\": \"object\".");
        if (const QString problem = SchemaValidator::schemaProblem(definition.parameters); !problem.isEmpty())
            return problem;
    }
    switch (responder.kind) {
    case ToolResponder::Kind::FixedJson:
        if (responder.fixedJson.trimmed().isEmpty())
            return Tr::tr("Enter the fixed answer.");
        if (const QString problem = parseJsonText(responder.fixedJson); !problem.isEmpty())
            return Tr::tr("Fixed answer: %1").arg(problem);
        break;
    case ToolResponder::Kind::Command:
        if (responder.command.trimmed().isEmpty())
            return Tr::tr("Enter the command to run.");
        break;
    case ToolResponder::Kind::Manual:
        break;
    }
    return {};
}

QJsonObject ToolSpec::toJson() const
{
    QJsonObject json = definition.toJson();
    QJsonObject extension {{kResponder, responder.toJson()}};
    if (!enabled)
        extension.insert(kEnabled, false);
    json.insert(kExtension, extension);
    return json;
}

ToolSpec ToolSpec::fromJson(const QJsonObject &json)
{
    ToolSpec spec;
    // The wire form nests the function; a bare {name, description, parameters} is read too, as
    // people paste both.
    spec.definition = json.contains(QLatin1String("function"))
        ? ToolDefinition::fromJson(json)
        : ToolDefinition::fromJson({{QLatin1String("function"), json}});
    const QJsonObject extension = json.value(kExtension).toObject();
    spec.enabled = extension.value(kEnabled).toBool(true);
    spec.responder = ToolResponder::fromJson(extension.value(kResponder).toObject());
    return spec;
}

} // namespace md
