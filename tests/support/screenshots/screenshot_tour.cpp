// screenshot-tour: the real main window against an in-process FakeMistral, driven through a short
// session (a chat with markdown and code, the parameter panel, a compare run over three models,
// embeddings of a few sentences, proxy traffic, the usage page), grabbing the window after each
// step into <out>/<name>.png. scripts/screenshots.sh runs it under Xvfb in the light and the dark
// palette (MISTRAL_DESK_PALETTE) and a language (MD_LANGUAGE) with a throw-away HOME, for the
// README's user guide. Nothing here talks to the real API.
#include "HistoryKeeper.h"
#include "MainWindow.h"
#include "api/MistralClient.h"
#include "catalog/ModelCatalog.h"
#include "compare/CompareColumn.h"
#include "compare/CompareView.h"
#include "conversation/Composer.h"
#include "conversation/ConversationTab.h"
#include "conversation/ConversationTabs.h"
#include "embeddings/EmbeddingsInputPanel.h"
#include "embeddings/EmbeddingsPage.h"
#include "params/ChatParameters.h"
#include "proxy/ProxyServer.h"
#include "secrets/MemorySecretStore.h"
#include "settings/TranslationInstaller.h"
#include "support/FakeMistral.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QTest>

#include <cstdio>
#include <functional>

using namespace md;

namespace {

bool waitFor(const std::function<bool()> &done, int ms = 15000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > ms)
            return false;
        QTest::qWait(20);
    }
    return true;
}

void fail(const char *what)
{
    std::fprintf(stderr, "screenshot-tour: %s\n", what);
    std::exit(1);
}

class Tour {
public:
    Tour(MainWindow &window, QString out)
        : m_window(window)
        , m_out(std::move(out))
    {
    }

    void shoot(const char *name)
    {
        QTest::qWait(400); // layouts, fades and the last repaint
        const QString path = m_out + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png");
        if (!m_window.grab().save(path))
            fail("cannot write a screenshot");
        std::printf("  %s\n", qPrintable(path));
    }

    // Triggers the menu action bound to `shortcut`, as pressing it would (without depending on
    // which window the X server thinks is active, or on the menus' language).
    void press(const QKeySequence &shortcut)
    {
        for (QAction *action : m_window.findChildren<QAction *>()) {
            if (action->shortcuts().contains(shortcut)) {
                action->trigger();
                QTest::qWait(200);
                return;
            }
        }
        fail("no action for a shortcut");
    }

private:
    MainWindow &m_window;
    QString m_out;
};

const char *kSseAnswer
    = "**Server-sent events** (SSE) keep one HTTP response open and push `data:` lines as they are "
      "ready, so the answer appears token by token.\n\nMistral ends the stream with `data: [DONE]`; the "
      "last chunk before it carries the `usage` with the prompt and completion tokens.";

const char *kCodeAnswer
    = "Here is a small helper with exponential backoff and jitter:\n\n```python\nimport random, time\n\n"
      "def with_retries(call, attempts=5, base=0.5):\n    for attempt in range(attempts):\n        try:\n"
      "            return call()\n        except TimeoutError:\n            if attempt == attempts - 1:\n"
      "                raise\n            time.sleep(base * 2 ** attempt + random.uniform(0, base))\n```\n\n"
      "It retries only on timeouts and re-raises the last error.";

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MistralDesk"));
    QApplication::setApplicationName(QStringLiteral("Mistral Desk"));
    TranslationInstaller::install(&app); // MD_LANGUAGE picks it; scripts/screenshots.sh says "en"
    const QStringList args = QApplication::arguments();
    const qsizetype outAt = args.indexOf(QStringLiteral("--out"));
    const QString out = outAt >= 0 && outAt + 1 < args.size() ? args.at(outAt + 1) : QStringLiteral(".");
    if (!QDir().mkpath(out))
        fail("cannot create the output folder");
    if (!qEnvironmentVariableIsEmpty("MISTRAL_API_KEY"))
        fail("MISTRAL_API_KEY is set: the tour uses the fake's key only");

    test::FakeMistral fake;
    if (!fake.listen())
        fail("the fake upstream cannot listen");
    MistralClient client;
    client.setBaseUrl(QUrl(fake.baseUrl()));
    MemorySecretStore secrets;
    bool stored = false;
    secrets.write(QStringLiteral("api-key"), fake.apiKey(), [&](const SecretResult &) { stored = true; });
    waitFor([&] { return stored; });

    // The proxy page as a user who left the proxy on sees it at start.
    QSettings().setValue(QStringLiteral("proxy/enabled"), true);
    QSettings().setValue(QStringLiteral("proxy/port"), 8787);
    ProxyServer proxy(&client);

    MainWindow window(&client, &secrets, nullptr, nullptr, QUrl(fake.baseUrl()));
    window.resize(1360, 860);
    window.show();
    window.startUp();
    if (!waitFor([&] { return !window.isShowingWelcome(); }))
        fail("the window did not get past the welcome page");
    window.setProxy(&proxy);
    // The model list is the fake's first request: scripts enqueued before it would answer it.
    if (!waitFor([&] { return !window.catalog()->isEmpty(); }))
        fail("the model list did not arrive");
    Tour tour(window, out);
    std::printf("screenshot-tour: writing to %s\n", qPrintable(out));

    // 1. A chat: two questions, the second answered with code.
    ConversationTab *tab = window.conversations()->currentTab();
    const auto ask = [&](const QString &question, const char *answer, int tokens) {
        test::FakeScript script;
        script.text = QString::fromUtf8(answer);
        script.tokens = tokens;
        script.tokensPerSecond = 120;
        fake.enqueue(script);
        tab->composer()->setText(question);
        tab->send();
        if (!waitFor([&] { return !tab->isBusy(); }))
            fail("a chat answer did not finish");
    };
    ask(QStringLiteral("How does streaming work in the Mistral API?"), kSseAnswer, 24);
    ask(QStringLiteral("Write a Python retry helper with exponential backoff."), kCodeAnswer, 40);
    tab->setParametersVisible(false);
    tour.shoot("chat");

    // 2. The same conversation with its parameters beside it.
    ChatParameters parameters = tab->parameters();
    parameters.temperature = 0.3;
    parameters.maxTokens = 1024;
    parameters.systemPrompt = QStringLiteral("You are a concise senior engineer.");
    tab->setParameters(parameters);
    tab->setParametersVisible(true);
    tour.shoot("parameters");

    // 3. Compare: one prompt, three models side by side.
    tour.press(QKeySequence(Qt::CTRL | Qt::Key_2));
    CompareView *compare = window.compareView();
    if (!compare)
        fail("no compare view");
    while (compare->columnCount() < 3)
        compare->addColumn(compare->column(0)->parameters());
    const QStringList models {QStringLiteral("mistral-small-latest"), QStringLiteral("mistral-medium-latest"),
                              QStringLiteral("magistral-small-latest")};
    for (int i = 0; i < 3; ++i) {
        ChatParameters p = compare->column(i)->parameters();
        p.model = models.at(i);
        compare->column(i)->setParameters(p);
    }
    compare->composer()->setText(QStringLiteral("Name three uses of text embeddings, one line each."));
    for (const char *text :
         {"1. Semantic search over documents.\n2. Clustering support tickets by topic.\n3. Finding "
          "near-duplicate questions.",
          "- **Search**: rank passages by meaning, not keywords.\n- **Recommendation**: suggest similar "
          "articles.\n- **Deduplication**: merge repeated bug reports.",
          "Retrieval for RAG, grouping feedback into themes, and spotting paraphrased spam."}) {
        test::FakeScript script;
        script.text = QString::fromUtf8(text);
        script.tokens = 16;
        script.tokensPerSecond = 90;
        fake.enqueue(script);
    }
    compare->sendToAll();
    if (!waitFor([&] { return !compare->isBusy(); }))
        fail("the compare run did not finish");
    tour.shoot("compare");

    // 4. Embeddings of a few sentences: similarity and ranking.
    tour.press(QKeySequence(Qt::CTRL | Qt::Key_4));
    auto *embeddings = window.findChild<EmbeddingsPage *>();
    if (!embeddings)
        fail("no embeddings page");
    embeddings->inputs()->setTexts(
        {QStringLiteral("The cat sleeps on the sofa."), QStringLiteral("A kitten naps on the couch."),
         QStringLiteral("Stock markets fell sharply today."), QStringLiteral("Shares dropped at the opening bell."),
         QStringLiteral("How do I bake sourdough bread?"), QStringLiteral("Tips for a crusty homemade loaf.")});
    embeddings->embed();
    if (!waitFor([&] { return embeddings->hasResults(); }))
        fail("the embeddings did not arrive");
    tour.shoot("embeddings");

    // 5. The proxy page after a few requests from another program.
    tour.press(QKeySequence(Qt::CTRL | Qt::Key_3));
    if (!waitFor([&] { return proxy.isListening(); }))
        fail("the proxy did not start");
    QNetworkAccessManager net;
    const QByteArray token = "Bearer " + proxy.config().token.toUtf8();
    int finished = 0;
    const QList<QByteArray> bodies {
        "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise this diff\"}]}",
        "{\"model\":\"codestral-latest\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Complete\"}]}",
        "{\"model\":\"mistral-large-latest\",\"max_completion_tokens\":200,\"messages\":[{\"role\":\"user\","
        "\"content\":\"Plan the refactor\"}]}",
        "{\"model\":\"mistral-small-latest\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"};
    for (const QByteArray &body : bodies) {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(proxy.port())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", token);
        QNetworkReply *reply = net.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&finished, reply] {
            ++finished;
            reply->deleteLater();
        });
        QTest::qWait(120);
    }
    QNetworkRequest embed(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/embeddings").arg(proxy.port())));
    embed.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    embed.setRawHeader("Authorization", token);
    QNetworkReply *embedReply
        = net.post(embed, QByteArray("{\"model\":\"mistral-embed\",\"input\":[\"one\",\"two\",\"three\"]}"));
    QObject::connect(embedReply, &QNetworkReply::finished, embedReply, [&finished, embedReply] {
        ++finished;
        embedReply->deleteLater();
    });
    if (!waitFor([&] { return finished == int(bodies.size()) + 1; }))
        fail("the proxy requests did not finish");
    tour.shoot("proxy");

    // 6. Usage: every call above, by day, model and source.
    tour.press(QKeySequence(Qt::CTRL | Qt::Key_6));
    tour.shoot("usage");

    window.close();
    std::printf("screenshot-tour: done\n");
    return 0;
}
