#include "viewcode/RequestCode.h"

#include "viewcode/CodeLiteral.h"

#include <QJsonArray>
#include <QJsonObject>

namespace md {

namespace {

const QUrl kMistralBaseUrl(QStringLiteral("https://api.mistral.ai"));

// The order a reader expects: what to ask, then how. Keys not listed follow in their JSON order.
const char *const kFieldOrder[] = {
    "model",
    "messages",
    "temperature",
    "top_p",
    "max_tokens",
    "stop",
    "random_seed",
    "n",
    "presence_penalty",
    "frequency_penalty",
    "response_format",
    "tools",
    "tool_choice",
    "parallel_tool_calls",
    "prediction",
    "reasoning_effort",
    "prompt_mode",
    "safe_prompt",
};

QString camelCase(const QString &snake)
{
    QString out;
    bool upper = false;
    for (const QChar c : snake) {
        if (c == QLatin1Char('_')) {
            upper = true;
            continue;
        }
        out += upper ? c.toUpper() : c;
        upper = false;
    }
    return out;
}

QJsonObject camelKeys(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(camelCase(it.key()), it.value());
    return out;
}

QStringList orderedKeys(const QJsonObject &object, bool camel)
{
    QStringList keys;
    for (const char *name : kFieldOrder) {
        const QString key = camel ? camelCase(QLatin1String(name)) : QString::fromLatin1(name);
        if (object.contains(key))
            keys.append(key);
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!keys.contains(it.key()))
            keys.append(it.key());
    }
    return keys;
}

// The SDKs name `json_schema.schema` differently from the wire (a Python/pydantic clash with
// BaseModel.schema): schema_definition / schemaDefinition.
QJsonObject renameSchema(QJsonObject responseFormat, const QString &schemaKey, const QString &definitionKey)
{
    QJsonObject schema = responseFormat.value(schemaKey).toObject();
    if (schema.contains(QLatin1String("schema"))) {
        schema.insert(definitionKey, schema.value(QLatin1String("schema")));
        schema.remove(QLatin1String("schema"));
        responseFormat.insert(schemaKey, schema);
    }
    return responseFormat;
}

QString keyNote(const QString &prefix)
{
    return prefix
        + QStringLiteral("The key is read from the %1 environment variable; it is never part of this code.\n")
              .arg(QString::fromLatin1(RequestCode::kKeyVariable));
}

QString shortenedNote(const QString &prefix, int count)
{
    if (count == 0)
        return {};
    return prefix
        + QStringLiteral("%1 long data URI(s) are shortened below (marked \"shortened\"): put the full "
                         "data back before running this.\n")
              .arg(count);
}

bool isMistral(const QUrl &baseUrl)
{
    return !baseUrl.isValid() || baseUrl.isEmpty()
        || RequestCode::endpoint(baseUrl) == RequestCode::endpoint(kMistralBaseUrl);
}

QString serverUrl(const QUrl &baseUrl)
{
    QUrl url = RequestCode::endpoint(baseUrl);
    QString path = url.path();
    path.chop(int(qstrlen("/v1/chat/completions")));
    url.setPath(path);
    return url.toString();
}

// Replaces long data URIs in a JSON value, counting them.
QJsonValue shortenAll(const QJsonValue &value, int *count)
{
    if (value.isString()) {
        qsizetype removed = 0;
        const QString shortened = CodeLiteral::shortenDataUri(value.toString(), &removed);
        if (removed > 0)
            ++*count;
        return shortened;
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(shortenAll(v, count));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            out.insert(it.key(), shortenAll(it.value(), count));
        return out;
    }
    return value;
}

} // namespace

QString RequestCode::shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QUrl RequestCode::endpoint(const QUrl &baseUrl)
{
    QUrl url = baseUrl.isValid() && !baseUrl.isEmpty() ? baseUrl : kMistralBaseUrl;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String("/v1")))
        path.chop(3);
    url.setPath(path + QStringLiteral("/v1/chat/completions"));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QString RequestCode::curl(const ChatRequest &request, const QUrl &baseUrl, bool stream)
{
    int shortened = 0;
    const QJsonObject body = shortenAll(request.toJson(stream), &shortened).toObject();
    // Written by hand rather than by QJsonDocument, which sorts keys: model and messages first read better.
    CodeLiteral literal(CodeLiteral::Language::Json, false);
    QStringList fields;
    for (const QString &key : orderedKeys(body, false))
        fields.append(QStringLiteral("  ") + literal.key(key) + QStringLiteral(": ")
                      + literal.write(body.value(key), 1));
    const QString json = QStringLiteral("{\n") + fields.join(QStringLiteral(",\n")) + QStringLiteral("\n}");

    QString out = keyNote(QStringLiteral("# ")) + shortenedNote(QStringLiteral("# "), shortened);
    out += QStringLiteral("curl ") + shellQuote(endpoint(baseUrl).toString()) + QStringLiteral(" \\\n");
    if (stream)
        out += QStringLiteral("  --no-buffer \\\n");
    out += QStringLiteral("  --header 'Content-Type: application/json' \\\n");
    out += stream ? QStringLiteral("  --header 'Accept: text/event-stream' \\\n")
                  : QStringLiteral("  --header 'Accept: application/json' \\\n");
    out += QStringLiteral("  --header \"Authorization: Bearer $%1\" \\\n").arg(QString::fromLatin1(kKeyVariable));
    out += QStringLiteral("  --data ") + shellQuote(json) + QLatin1Char('\n');
    return out;
}

QJsonObject RequestCode::pythonArguments(const ChatRequest &request)
{
    QJsonObject body = request.toJson(false);
    if (body.contains(QLatin1String("response_format")))
        body.insert(QLatin1String("response_format"),
                    renameSchema(body.value(QLatin1String("response_format")).toObject(), QStringLiteral("json_schema"),
                                 QStringLiteral("schema_definition")));
    return body;
}

QJsonObject RequestCode::typescriptArguments(const ChatRequest &request)
{
    QJsonObject body = camelKeys(request.toJson(false));
    QJsonArray messages;
    for (const QJsonValue &m : body.value(QLatin1String("messages")).toArray()) {
        QJsonObject message = camelKeys(m.toObject());
        if (message.value(QLatin1String("content")).isArray()) {
            QJsonArray chunks;
            for (const QJsonValue &chunk : message.value(QLatin1String("content")).toArray())
                chunks.append(camelKeys(chunk.toObject()));
            message.insert(QLatin1String("content"), chunks);
        }
        messages.append(message);
    }
    body.insert(QLatin1String("messages"), messages);
    if (body.contains(QLatin1String("responseFormat")))
        body.insert(QLatin1String("responseFormat"),
                    renameSchema(camelKeys(body.value(QLatin1String("responseFormat")).toObject()),
                                 QStringLiteral("jsonSchema"), QStringLiteral("schemaDefinition")));
    return body;
}

QString RequestCode::python(const ChatRequest &request, bool stream)
{
    return python(request, stream, kMistralBaseUrl);
}

QString RequestCode::python(const ChatRequest &request, bool stream, const QUrl &baseUrl)
{
    CodeLiteral literal(CodeLiteral::Language::Python);
    const QJsonObject arguments = pythonArguments(request);
    QString call;
    for (const QString &key : orderedKeys(arguments, false))
        call += QStringLiteral("    ") + key + QLatin1Char('=') + literal.write(arguments.value(key), 1)
            + QStringLiteral(",\n");

    QString out = keyNote(QStringLiteral("# ")) + shortenedNote(QStringLiteral("# "), literal.shortenedCount());
    out += QStringLiteral("# pip install mistralai\nimport os\n\nfrom mistralai import Mistral\n\n");
    out += QStringLiteral("client = Mistral(\n    api_key=os.environ[\"%1\"],\n")
               .arg(QString::fromLatin1(kKeyVariable));
    if (!isMistral(baseUrl))
        out += QStringLiteral("    server_url=") + literal.quote(serverUrl(baseUrl)) + QStringLiteral(",\n");
    out += QStringLiteral(")\n\n");
    if (stream) {
        out += QStringLiteral("stream = client.chat.stream(\n") + call + QStringLiteral(")\n");
        out += QStringLiteral("for event in stream:\n"
                              "    delta = event.data.choices[0].delta.content\n"
                              "    if isinstance(delta, str):\n"
                              "        print(delta, end=\"\", flush=True)\n"
                              "print()\n");
    } else {
        out += QStringLiteral("response = client.chat.complete(\n") + call + QStringLiteral(")\n");
        out += QStringLiteral("print(response.choices[0].message.content)\n");
    }
    return out;
}

QString RequestCode::typescript(const ChatRequest &request, bool stream)
{
    return typescript(request, stream, kMistralBaseUrl);
}

QString RequestCode::typescript(const ChatRequest &request, bool stream, const QUrl &baseUrl)
{
    CodeLiteral literal(CodeLiteral::Language::TypeScript);
    const QJsonObject arguments = typescriptArguments(request);
    QString call = QStringLiteral("{\n");
    for (const QString &key : orderedKeys(arguments, true))
        call += QStringLiteral("  ") + literal.key(key) + QStringLiteral(": ") + literal.write(arguments.value(key), 1)
            + QStringLiteral(",\n");
    call += QLatin1Char('}');

    QString out = keyNote(QStringLiteral("// ")) + shortenedNote(QStringLiteral("// "), literal.shortenedCount());
    out += QStringLiteral("// npm install @mistralai/mistralai\nimport { Mistral } from \"@mistralai/mistralai\";\n\n");
    out += QStringLiteral("const client = new Mistral({\n  apiKey: process.env[\"%1\"] ?? \"\",\n")
               .arg(QString::fromLatin1(kKeyVariable));
    if (!isMistral(baseUrl))
        out += QStringLiteral("  serverURL: ") + literal.quote(serverUrl(baseUrl)) + QStringLiteral(",\n");
    out += QStringLiteral("});\n\n");
    if (stream) {
        out += QStringLiteral("const stream = await client.chat.stream(") + call + QStringLiteral(");\n\n");
        out += QStringLiteral("for await (const event of stream) {\n"
                              "  const delta = event.data.choices[0]?.delta.content;\n"
                              "  if (typeof delta === \"string\") {\n"
                              "    process.stdout.write(delta);\n"
                              "  }\n"
                              "}\n"
                              "process.stdout.write(\"\\n\");\n");
    } else {
        out += QStringLiteral("const response = await client.chat.complete(") + call + QStringLiteral(");\n\n");
        out += QStringLiteral("console.log(response.choices[0]?.message?.content);\n");
    }
    return out;
}

} // namespace md
