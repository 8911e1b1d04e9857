#include "viewcode/CodeLiteral.h"
#include "viewcode/RequestCode.h"

#include "support/FakeMistral.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

namespace {

const QString kSentinelKey = QStringLiteral("sk-SENTINEL-never-in-a-snippet-0123456789");

// Every field ChatRequest has, with text that is hard to quote: newlines, both quotes, a
// backslash, $ and backticks (shell), non-ASCII, U+2028, and schema keys that are not identifiers.
ChatRequest fullRequest()
{
    ChatRequest r;
    r.model = QStringLiteral("mistral-large-latest");
    r.messages.append(ChatMessage::system(QStringLiteral("You are terse.\nUse 'single' and \"double\" quotes, a "
                                                         "backslash \\ , $HOME, `date` and \u00e9t\u00e9 \u2028 ok.")));
    ChatMessage user;
    user.role = ChatMessage::Role::User;
    user.chunks
        = {ContentChunk::fromText(QStringLiteral("What's in this image?\n\tBe brief.")),
           ContentChunk::image(QStringLiteral("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ"
                                              "AAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
                               QStringLiteral("high")),
           ContentChunk::image(QStringLiteral("https://example.com/cat.png")),
           ContentChunk::document(QStringLiteral("https://example.com/a.pdf"), QStringLiteral("a.pdf"))};
    r.messages.append(user);
    ChatMessage call = ChatMessage::assistant(QString());
    call.toolCalls = {ToolCall {QStringLiteral("abcDEF123"), QStringLiteral("get_weather"),
                                QStringLiteral("{\"city_name\": \"Paris\"}"), 0}};
    r.messages.append(call);
    r.messages.append(ChatMessage::toolResult(QStringLiteral("abcDEF123"), QStringLiteral("get_weather"),
                                              QStringLiteral("{\"temp\": 21}")));
    ChatMessage prefix = ChatMessage::assistant(QStringLiteral("Answer: '"));
    prefix.prefix = true;
    r.messages.append(prefix);

    r.temperature = 0.7;
    r.topP = 0.9;
    r.maxTokens = 512;
    r.stop = {QStringLiteral("END"), QStringLiteral("\n\n")};
    r.randomSeed = 42;
    r.n = 2;
    r.presencePenalty = 0.5;
    r.frequencyPenalty = -0.25;
    ResponseFormat format;
    format.type = ResponseFormat::Type::JsonSchema;
    format.schemaName = QStringLiteral("answer");
    format.schemaDescription = QStringLiteral("The answer");
    format.schema = QJsonDocument::fromJson(R"({"type":"object","properties":{"snake_case_key":{"type":"string"},
        "kebab-key":{"type":"integer"}},"required":["snake_case_key"],"additionalProperties":false})")
                        .object();
    format.strict = true;
    r.responseFormat = format;
    ToolDefinition tool;
    tool.name = QStringLiteral("get_weather");
    tool.description = QStringLiteral("Weather for a city");
    tool.parameters = QJsonDocument::fromJson(
                          R"({"type":"object","properties":{"city_name":{"type":"string"}},"required":["city_name"]})")
                          .object();
    tool.strict = false;
    r.tools = {tool};
    r.toolChoice = ToolChoice::function(QStringLiteral("get_weather"));
    r.parallelToolCalls = false;
    r.prediction = QStringLiteral("Answer: 21");
    r.reasoningEffort = QStringLiteral("high");
    r.promptMode = QStringLiteral("reasoning");
    r.safePrompt = true;
    return r;
}

QJsonObject withoutStream(QJsonObject json)
{
    json.remove(QLatin1String("stream"));
    return json;
}

// Runs a program to its end, keeping the event loop turning (FakeMistral lives on it).
bool runProcess(QProcess &process, const QString &program, const QStringList &arguments, int timeoutMs = 60000)
{
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return false;
    return QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs)
        && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QJsonObject readJsonFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString sdkNodeModules()
{
    QStringList candidates;
    if (qEnvironmentVariableIsSet("MD_MISTRAL_SDK_NODE_MODULES"))
        candidates.append(qEnvironmentVariable("MD_MISTRAL_SDK_NODE_MODULES"));
    candidates += QString::fromUtf8(MD_SDK_CANDIDATES).split(QLatin1Char(':'));
    for (const QString &dir : candidates) {
        if (QFile::exists(dir + QStringLiteral("/@mistralai/mistralai/package.json")))
            return dir;
    }
    return {};
}

// A stand-in `mistralai` package that writes what the snippet passed, so the test compares data,
// not text.
const char kPythonStub[] = R"PY(
import json, os

class _O:
    def __init__(self, **kw):
        self.__dict__.update(kw)

def _record(method, api_key, server_url, kwargs):
    with open(os.environ["MD_CAPTURE"], "w") as f:
        json.dump({"method": method, "api_key": api_key, "server_url": server_url, "kwargs": kwargs}, f)

class _Chat:
    def __init__(self, client):
        self._client = client
    def complete(self, **kwargs):
        _record("complete", self._client.api_key, self._client.server_url, kwargs)
        return _O(choices=[_O(message=_O(content="ok"))])
    def stream(self, **kwargs):
        _record("stream", self._client.api_key, self._client.server_url, kwargs)
        return iter([_O(data=_O(choices=[_O(delta=_O(content="ok"))]))])

class Mistral:
    def __init__(self, api_key, server_url=None):
        self.api_key = api_key
        self.server_url = server_url
        self.chat = _Chat(self)
)PY";

const char kNodeStub[] = R"JS(
import { writeFileSync } from "node:fs";
function record(method, options, request) {
  writeFileSync(process.env.MD_CAPTURE, JSON.stringify({ method, apiKey: options.apiKey,
    serverURL: options.serverURL ?? null, request }));
}
export class Mistral {
  constructor(options) {
    this.chat = {
      complete: async (request) => {
        record("complete", options, request);
        return { choices: [{ message: { content: "ok" } }] };
      },
      stream: async (request) => {
        record("stream", options, request);
        return (async function* () { yield { data: { choices: [{ delta: { content: "ok" } }] } }; })();
      },
    };
  }
}
)JS";

} // namespace

class tst_RequestCode : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void endpointFollowsBaseUrl();
    void curlRunsWithExactBody_data();
    void curlRunsWithExactBody();
    void snippetsNeverHoldTheKey();
    void sdkFieldNames();
    void pythonCompilesAndPassesTheRequest_data();
    void pythonCompilesAndPassesTheRequest();
    void typescriptRunsAndPassesTheRequest_data();
    void typescriptRunsAndPassesTheRequest();
    void typescriptWithRealSdkSendsExactBody_data();
    void typescriptWithRealSdkSendsExactBody();
    void longDataUrisAreShortened();
    void literalEscaping();

private:
    QString m_bash;
    QString m_python;
    QString m_node;
};

void tst_RequestCode::initTestCase()
{
    // If a snippet builder ever read the key from the environment, the sentinel would show up.
    qputenv("MISTRAL_API_KEY", kSentinelKey.toUtf8());
    m_bash = QStandardPaths::findExecutable(QStringLiteral("bash"));
    m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
}

void tst_RequestCode::endpointFollowsBaseUrl()
{
    QCOMPARE(RequestCode::endpoint(QUrl(QStringLiteral("https://api.mistral.ai"))).toString(),
             QStringLiteral("https://api.mistral.ai/v1/chat/completions"));
    QCOMPARE(RequestCode::endpoint(QUrl(QStringLiteral("http://localhost:8080/mistral/v1/"))).toString(),
             QStringLiteral("http://localhost:8080/mistral/v1/chat/completions"));
    QCOMPARE(RequestCode::endpoint(QUrl()).toString(), QStringLiteral("https://api.mistral.ai/v1/chat/completions"));
    QCOMPARE(RequestCode::shellQuote(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
}

void tst_RequestCode::curlRunsWithExactBody_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("complete") << false;
    QTest::newRow("stream") << true;
}

void tst_RequestCode::curlRunsWithExactBody()
{
    QFETCH(bool, stream);
    if (m_bash.isEmpty())
        QSKIP("bash not found");
    const ChatRequest request = fullRequest();
    const QString snippet = RequestCode::curl(request, QUrl(QStringLiteral("http://127.0.0.1:9/base/")), stream);
    QVERIFY(snippet.contains(QStringLiteral("$MISTRAL_API_KEY")));

    // The real shell parses the snippet; a `curl` function prints the arguments it got, NUL-separated.
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("run.sh"));
    QVERIFY(writeFile(script, "curl() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }\n" + snippet.toUtf8()));
    QProcess bash;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MISTRAL_API_KEY"), QStringLiteral("from-the-environment"));
    bash.setProcessEnvironment(env);
    QVERIFY2(runProcess(bash, m_bash, {script}), bash.readAllStandardError().constData());
    QList<QByteArray> args = bash.readAllStandardOutput().split('\0');
    args.removeLast();
    QCOMPARE(args.first(), QByteArray("http://127.0.0.1:9/base/v1/chat/completions"));
    QVERIFY(args.contains("Authorization: Bearer from-the-environment"));
    QVERIFY(args.contains("Content-Type: application/json"));
    QCOMPARE(args.contains("--no-buffer"), stream);
    const qsizetype data = args.indexOf("--data");
    QVERIFY(data > 0 && data + 1 < args.size());
    QJsonParseError error {};
    const QJsonDocument body = QJsonDocument::fromJson(args.at(data + 1), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(body.object(), request.toJson(stream));
    // Pretty, not one long line.
    QVERIFY(args.at(data + 1).count('\n') > 20);
}

void tst_RequestCode::snippetsNeverHoldTheKey()
{
    const ChatRequest request = fullRequest();
    for (bool stream : {false, true}) {
        for (const QString &s : {RequestCode::curl(request, QUrl(), stream), RequestCode::python(request, stream),
                                 RequestCode::typescript(request, stream)}) {
            QVERIFY(!s.contains(kSentinelKey));
            QVERIFY(s.contains(QStringLiteral("MISTRAL_API_KEY")));
        }
    }
}

void tst_RequestCode::sdkFieldNames()
{
    const ChatRequest request = fullRequest();
    const QString py = RequestCode::python(request, false);
    for (const char *name : {"max_tokens=", "top_p=", "random_seed=", "safe_prompt=", "response_format=",
                             "presence_penalty=", "frequency_penalty=", "stop=", "reasoning_effort=", "prompt_mode=",
                             "tool_choice=", "parallel_tool_calls=", "prediction=", "\"schema_definition\":",
                             "\"tool_call_id\":", "\"tool_calls\":", "\"image_url\":", "\"document_name\":"})
        QVERIFY2(py.contains(QLatin1String(name)), name);
    QVERIFY(py.contains(QStringLiteral("client.chat.complete(")));
    QVERIFY(RequestCode::python(request, true).contains(QStringLiteral("client.chat.stream(")));

    const QString ts = RequestCode::typescript(request, false);
    for (const char *name :
         {"maxTokens:", "topP:", "randomSeed:", "safePrompt:", "responseFormat:", "jsonSchema:", "schemaDefinition:",
          "presencePenalty:", "frequencyPenalty:", "reasoningEffort:", "promptMode:", "toolChoice:",
          "parallelToolCalls:", "toolCallId:", "toolCalls:", "imageUrl:", "documentUrl:", "documentName:"})
        QVERIFY2(ts.contains(QLatin1String(name)), name);
    // Free-form JSON (schemas, tool parameters) keeps its own keys.
    QVERIFY(ts.contains(QStringLiteral("snake_case_key:")));
    QVERIFY(ts.contains(QStringLiteral("\"kebab-key\":")));
    QVERIFY(ts.contains(QStringLiteral("city_name:")));
    QVERIFY(!ts.contains(QStringLiteral("max_tokens")));
    QVERIFY(RequestCode::typescript(request, true).contains(QStringLiteral("client.chat.stream(")));
    // Mistral's own server needs no server URL; another one does.
    QVERIFY(!ts.contains(QStringLiteral("serverURL")));
    QVERIFY(RequestCode::typescript(request, false, QUrl(QStringLiteral("http://localhost:1234")))
                .contains(QStringLiteral("serverURL: \"http://localhost:1234\"")));
    QVERIFY(RequestCode::python(request, false, QUrl(QStringLiteral("http://localhost:1234")))
                .contains(QStringLiteral("server_url=\"http://localhost:1234\"")));
}

void tst_RequestCode::pythonCompilesAndPassesTheRequest_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("complete") << false;
    QTest::newRow("stream") << true;
}

void tst_RequestCode::pythonCompilesAndPassesTheRequest()
{
    QFETCH(bool, stream);
    if (m_python.isEmpty())
        QSKIP("python3 not found");
    const ChatRequest request = fullRequest();
    const QUrl base(QStringLiteral("http://localhost:1234/"));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("snippet.py"));
    QVERIFY(writeFile(file, RequestCode::python(request, stream, base).toUtf8()));
    QProcess compile;
    QVERIFY2(runProcess(compile, m_python, {QStringLiteral("-m"), QStringLiteral("py_compile"), file}),
             compile.readAllStandardError().constData());

    // Run it against a stand-in SDK that records the arguments.
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("stub/mistralai")));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("stub/mistralai/__init__.py")), kPythonStub));
    QProcess run;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONPATH"), dir.filePath(QStringLiteral("stub")));
    env.insert(QStringLiteral("MISTRAL_API_KEY"), QStringLiteral("from-the-environment"));
    env.insert(QStringLiteral("MD_CAPTURE"), dir.filePath(QStringLiteral("capture.json")));
    run.setProcessEnvironment(env);
    QVERIFY2(runProcess(run, m_python, {file}), run.readAllStandardError().constData());
    QCOMPARE(run.readAllStandardOutput().trimmed(), QByteArray("ok"));
    const QJsonObject capture = readJsonFile(dir.filePath(QStringLiteral("capture.json")));
    QCOMPARE(capture.value(QLatin1String("method")).toString(),
             stream ? QStringLiteral("stream") : QStringLiteral("complete"));
    QCOMPARE(capture.value(QLatin1String("api_key")).toString(), QStringLiteral("from-the-environment"));
    QCOMPARE(capture.value(QLatin1String("server_url")).toString(), QStringLiteral("http://localhost:1234"));
    QCOMPARE(capture.value(QLatin1String("kwargs")).toObject(), RequestCode::pythonArguments(request));
}

void tst_RequestCode::typescriptRunsAndPassesTheRequest_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("complete") << false;
    QTest::newRow("stream") << true;
}

void tst_RequestCode::typescriptRunsAndPassesTheRequest()
{
    QFETCH(bool, stream);
    if (m_node.isEmpty())
        QSKIP("node not found");
    const ChatRequest request = fullRequest();
    QTemporaryDir dir;
    // The snippet has no type annotations, so it is also a valid ES module: node can check and run it.
    const QString file = dir.filePath(QStringLiteral("snippet.mjs"));
    QVERIFY(writeFile(file, RequestCode::typescript(request, stream).toUtf8()));
    QProcess check;
    QVERIFY2(runProcess(check, m_node, {QStringLiteral("--check"), file}), check.readAllStandardError().constData());

    const QString package = dir.filePath(QStringLiteral("node_modules/@mistralai/mistralai"));
    QVERIFY(QDir().mkpath(package));
    QVERIFY(writeFile(package + QStringLiteral("/package.json"),
                      QByteArray("{\"name\":\"@mistralai/mistralai\",\"type\":\"module\",\"main\":\"index.js\"}")));
    QVERIFY(writeFile(package + QStringLiteral("/index.js"), kNodeStub));
    QProcess run;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MISTRAL_API_KEY"), QStringLiteral("from-the-environment"));
    env.insert(QStringLiteral("MD_CAPTURE"), dir.filePath(QStringLiteral("capture.json")));
    run.setProcessEnvironment(env);
    run.setWorkingDirectory(dir.path());
    QVERIFY2(runProcess(run, m_node, {file}), run.readAllStandardError().constData());
    QCOMPARE(run.readAllStandardOutput().trimmed(), QByteArray("ok"));
    const QJsonObject capture = readJsonFile(dir.filePath(QStringLiteral("capture.json")));
    QCOMPARE(capture.value(QLatin1String("method")).toString(),
             stream ? QStringLiteral("stream") : QStringLiteral("complete"));
    QCOMPARE(capture.value(QLatin1String("apiKey")).toString(), QStringLiteral("from-the-environment"));
    QVERIFY(capture.value(QLatin1String("serverURL")).isNull());
    QCOMPARE(capture.value(QLatin1String("request")).toObject(), RequestCode::typescriptArguments(request));
}

void tst_RequestCode::typescriptWithRealSdkSendsExactBody_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("complete") << false;
    QTest::newRow("stream") << true;
}

void tst_RequestCode::typescriptWithRealSdkSendsExactBody()
{
    QFETCH(bool, stream);
    if (m_node.isEmpty())
        QSKIP("node not found");
    const QString sdk = sdkNodeModules();
    if (sdk.isEmpty())
        QSKIP("@mistralai/mistralai is not installed (run tests/compat, or set MD_MISTRAL_SDK_NODE_MODULES)");

    // The official SDK turns the snippet's camelCase fields into its wire body: that body must be
    // exactly what the app itself sends.
    test::FakeMistral fake;
    QVERIFY(fake.listen());
    const ChatRequest request = fullRequest();
    QTemporaryDir dir;
    QVERIFY(QFile::link(sdk, dir.filePath(QStringLiteral("node_modules"))));
    const QString file = dir.filePath(QStringLiteral("snippet.mjs"));
    QVERIFY(writeFile(file, RequestCode::typescript(request, stream, QUrl(fake.baseUrl())).toUtf8()));
    QProcess run;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MISTRAL_API_KEY"), fake.apiKey());
    run.setProcessEnvironment(env);
    run.setWorkingDirectory(dir.path());
    runProcess(run, m_node, {file}); // the fake may refuse the odd combination; only the body matters
    QTRY_COMPARE(fake.requests().size(), 1);
    const test::FakeRequest &sent = fake.requests().first();
    QCOMPARE(sent.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(sent.header("authorization"), QByteArray("Bearer ") + fake.apiKey().toUtf8());
    // The SDK always sends `stream` (false for complete); the app leaves it out then.
    // It also fills in its own default `"prefix": false` on assistant messages; the app leaves it out.
    QJsonObject body = withoutStream(sent.json());
    QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        QJsonObject m = messages.at(i).toObject();
        if (m.value(QLatin1String("prefix")) == QJsonValue(false))
            m.remove(QLatin1String("prefix"));
        messages.replace(i, m);
    }
    body.insert(QLatin1String("messages"), messages);
    QCOMPARE(body, withoutStream(request.toJson(stream)));
    QCOMPARE(sent.json().value(QLatin1String("stream")).toBool(), stream);
}

void tst_RequestCode::longDataUrisAreShortened()
{
    ChatRequest request;
    request.model = QStringLiteral("pixtral-large-latest");
    ChatMessage user;
    user.chunks = {ContentChunk::fromText(QStringLiteral("Describe")),
                   ContentChunk::image(QStringLiteral("data:image/jpeg;base64,") + QString(300000, QLatin1Char('A')))};
    request.messages.append(user);
    for (bool stream : {false, true}) {
        const QStringList snippets {RequestCode::curl(request, QUrl(), stream), RequestCode::python(request, stream),
                                    RequestCode::typescript(request, stream)};
        for (const QString &s : snippets) {
            QVERIFY2(s.size() < 4000, qPrintable(QString::number(s.size())));
            QVERIFY(s.contains(QStringLiteral("shortened")));
            QVERIFY(s.contains(QStringLiteral("data:image/jpeg;base64,AAAA")));
        }
        // The marker is a comment on the very line of the shortened value.
        QVERIFY(
            snippets.at(1).contains(QRegularExpression(QStringLiteral("\\.\\.\\.\",  # shortened: \\d+ characters"))));
        QVERIFY(
            snippets.at(2).contains(QRegularExpression(QStringLiteral("\\.\\.\\.\",  // shortened: \\d+ characters"))));
    }
    // A short data URI stays whole.
    QCOMPARE(CodeLiteral::shortenDataUri(QStringLiteral("data:image/png;base64,AAAA")),
             QStringLiteral("data:image/png;base64,AAAA"));
}

void tst_RequestCode::literalEscaping()
{
    CodeLiteral py(CodeLiteral::Language::Python);
    QCOMPARE(py.write(QJsonValue(QStringLiteral("a\"b\\c\nd\te\u0001")), 0),
             QStringLiteral("\"a\\\"b\\\\c\\nd\\te\\x01\""));
    QCOMPARE(py.write(QJsonValue(true), 0), QStringLiteral("True"));
    QCOMPARE(py.write(QJsonValue(QJsonValue::Null), 0), QStringLiteral("None"));
    QCOMPARE(py.write(QJsonValue(512.0), 0), QStringLiteral("512"));
    QCOMPARE(py.write(QJsonValue(0.1), 0), QStringLiteral("0.1"));
    CodeLiteral ts(CodeLiteral::Language::TypeScript);
    QCOMPARE(ts.write(QJsonValue(QStringLiteral("x\u2028y")), 0), QStringLiteral("\"x\\u2028y\""));
    QCOMPARE(ts.write(QJsonObject {{QStringLiteral("a-b"), 1}, {QStringLiteral("ok"), false}}, 0),
             QStringLiteral("{\n  \"a-b\": 1,\n  ok: false,\n}"));
    QCOMPARE(ts.write(QJsonArray {}, 0), QStringLiteral("[]"));
}

QTEST_GUILESS_MAIN(tst_RequestCode)
#include "tst_RequestCode.moc"
