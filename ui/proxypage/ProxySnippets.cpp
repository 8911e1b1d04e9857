#include "ProxySnippets.h"

#include <QCoreApplication>

namespace md {

namespace {

// Placeholders: {ROOT} = http://host:port, {MODEL}, {VAR} = the token variable. Raw literals are
// fine here: this file has no Q_OBJECT, so moc never reads it.
const char *const kTokenLine = R"(# Get the token from Mistral Desk: Proxy → Local token → Copy
export {VAR}='paste-the-local-token-here'
)";

const char *const kCurl = R"(
curl {ROOT}/v1/chat/completions \
  -H "Authorization: Bearer ${VAR}" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "{MODEL}",
    "messages": [{"role": "user", "content": "Hello!"}]
  }'
)";

const char *const kPythonOpenAi = R"(# pip install openai
import os
from openai import OpenAI

client = OpenAI(
    base_url="{ROOT}/v1",
    api_key=os.environ["{VAR}"],
)
reply = client.chat.completions.create(
    model="{MODEL}",
    messages=[{"role": "user", "content": "Hello!"}],
)
print(reply.choices[0].message.content)
)";

const char *const kTypeScriptOpenAi = R"(// npm install openai
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "{ROOT}/v1",
  apiKey: process.env.{VAR},
});
const reply = await client.chat.completions.create({
  model: "{MODEL}",
  messages: [{ role: "user", content: "Hello!" }],
});
console.log(reply.choices[0].message.content);
)";

const char *const kPythonMistral = R"(# pip install mistralai
import os
from mistralai import Mistral

# server_url has no /v1: the SDK adds it.
client = Mistral(
    api_key=os.environ["{VAR}"],
    server_url="{ROOT}",
)
reply = client.chat.complete(
    model="{MODEL}",
    messages=[{"role": "user", "content": "Hello!"}],
)
print(reply.choices[0].message.content)
)";

const char *const kTypeScriptMistral = R"(// npm install @mistralai/mistralai
import { Mistral } from "@mistralai/mistralai";

// serverURL has no /v1: the SDK adds it.
const client = new Mistral({
  apiKey: process.env.{VAR},
  serverURL: "{ROOT}",
});
const reply = await client.chat.complete({
  model: "{MODEL}",
  messages: [{ role: "user", content: "Hello!" }],
});
console.log(reply.choices?.[0]?.message?.content);
)";

const char *const kEnvironment = R"(
# For tools that read OpenAI's variables: the openai SDKs
# and CLI, Aider, LangChain, LiteLLM...
export OPENAI_BASE_URL="{ROOT}/v1"
export OPENAI_API_KEY="${VAR}"
# Older tools read this name instead:
export OPENAI_API_BASE="{ROOT}/v1"

# Windows PowerShell:
#   $env:OPENAI_BASE_URL = "{ROOT}/v1"
#   $env:OPENAI_API_KEY  = "<the local token>"
)";

QString fill(const char *templ, const QString &root, const QString &model)
{
    QString text = QString::fromUtf8(templ);
    text.replace(QLatin1String("{ROOT}"), root);
    text.replace(QLatin1String("{MODEL}"), model);
    text.replace(QLatin1String("{VAR}"), ProxySnippets::kTokenVariable);
    return text;
}

// The line that sets the token, as shell, or as a comment for a program in another language.
QString tokenSetup(const QString &root, const QString &model, const QString &commentPrefix)
{
    const QString shell = fill(kTokenLine, root, model);
    if (commentPrefix.isEmpty())
        return shell;
    QString out;
    const auto lines = QStringView(shell).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QStringView line : lines) {
        if (line.startsWith(QLatin1Char('#')))
            out += commentPrefix % line.mid(1) % QLatin1Char('\n');
        else
            out += commentPrefix % QLatin1String("   ") % line % QLatin1Char('\n');
    }
    return out % QLatin1Char('\n');
}

} // namespace

QList<ProxySnippets::Snippet> ProxySnippets::build(const QString &host, quint16 port, const QString &model)
{
    const QString root = QStringLiteral("http://%1:%2").arg(host).arg(port);
    return {
        {QStringLiteral("curl"), QCoreApplication::translate("md::ProxySnippets", "curl"),
         tokenSetup(root, model, {}) % fill(kCurl, root, model)},
        {QStringLiteral("python-openai"), QCoreApplication::translate("md::ProxySnippets", "Python · openai"),
         tokenSetup(root, model, QStringLiteral("#")) % fill(kPythonOpenAi, root, model)},
        {QStringLiteral("typescript-openai"), QCoreApplication::translate("md::ProxySnippets", "TypeScript · openai"),
         tokenSetup(root, model, QStringLiteral("//")) % fill(kTypeScriptOpenAi, root, model)},
        {QStringLiteral("python-mistralai"), QCoreApplication::translate("md::ProxySnippets", "Python · mistralai"),
         tokenSetup(root, model, QStringLiteral("#")) % fill(kPythonMistral, root, model)},
        {QStringLiteral("typescript-mistralai"),
         QCoreApplication::translate("md::ProxySnippets", "TypeScript · @mistralai/mistralai"),
         tokenSetup(root, model, QStringLiteral("//")) % fill(kTypeScriptMistral, root, model)},
        {QStringLiteral("environment"),
         QCoreApplication::translate("md::ProxySnippets", "Environment variables (other tools)"),
         tokenSetup(root, model, {}) % fill(kEnvironment, root, model)},
    };
}

} // namespace md
