#include "HistoryKeeper.h"
#include "MainWindow.h"
#include "api/ChatRequest.h"
#include "chat/ConversationModel.h"
#include "conversation/Composer.h"
#include "conversation/ConversationTab.h"
#include "conversation/ConversationTabs.h"
#include "integration/ClientFixture.h"
#include "proxy/ProxyLogEntry.h"
#include "proxy/ProxyServer.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/MemorySecretStore.h"
#include "store/ConversationStore.h"
#include "store/HistoryExport.h"
#include "viewcode/RequestCode.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

namespace {
QStringList g_logLines;

// Run through tests/support/with-secret-service.sh (ctest's tst_SecretLeak_keychain), the key goes
// to a real, private gnome-keyring; else to memory, as on a machine without a keychain.
bool realSecretService()
{
    return !qEnvironmentVariableIsEmpty("MD_REQUIRE_SECRET_SERVICE");
}

const QString kService = QStringLiteral("Mistral Desk leak test");

void captureLogs(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_logLines.append(QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message);
}
} // namespace

// After a scripted session (key set, a chat, proxy traffic of every kind, exports, view code, every
// log category at debug level), the key appears nowhere but in the secret store: not in any file of
// the app's config, data and cache folders, no export, no proxy answer, no access log line, no log.
// With a real Secret Service (tst_SecretLeak_keychain) it is stored there, other clients find it
// (secret-tool), and no file anywhere under the sandboxed home holds it in plain text, the
// keyring's own file included.
class TestSecretLeak : public QObject {
    Q_OBJECT
private:
    ClientFixture m_fixture;
    QString m_key; // a canary nobody else uses, so any sighting is a leak
    QStringList m_sightings;

    bool holdsKey(const QByteArray &bytes) const
    {
        const QByteArray utf8 = m_key.toUtf8();
        const QByteArray utf16(reinterpret_cast<const char *>(m_key.utf16()), m_key.size() * 2);
        // The key's tail too: a truncated or masked-but-not-enough copy is a leak as well.
        return bytes.contains(utf8) || bytes.contains(utf16) || bytes.contains(utf8.right(16));
    }

    void look(const QString &where, const QByteArray &bytes)
    {
        if (holdsKey(bytes))
            m_sightings.append(where);
    }

    QNetworkReply *proxyCall(QNetworkAccessManager &net, quint16 port, const QByteArray &method, const QString &path,
                             const QByteArray &body, const QByteArray &token)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        return net.sendCustomRequest(request, method, body);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_SecretLeak"));
        qunsetenv("MISTRAL_API_KEY");
        m_key = QStringLiteral("leakcanary%1%2")
                    .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'))
                    .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
        QVERIFY(m_fixture.start());
        m_fixture.fake->setApiKey(m_key);
        m_fixture.client->setApiKey(m_key);
        QSettings().clear();
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(ConversationStore::defaultPath() + QLatin1String(suffix));
        QLoggingCategory::setFilterRules(QStringLiteral("mistraldesk.*=true"));
        qInstallMessageHandler(captureLogs);
    }

    void cleanupTestCase() { qInstallMessageHandler(nullptr); }

    void theKeyIsFoundNowhereButInTheSecretStore()
    {
        QTemporaryDir exports;
        std::unique_ptr<SecretStore> secretStore;
        if (realSecretService())
            secretStore = std::make_unique<KeychainSecretStore>(kService);
        else
            secretStore = std::make_unique<MemorySecretStore>();
        SecretStore &secrets = *secretStore;
        std::optional<SecretResult> written;
        secrets.write(QStringLiteral("api-key"), m_key, [&](const SecretResult &result) { written = result; });
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 20000);
        QVERIFY2(written->ok(), qPrintable(written->message));
        {
            ProxyServer proxy(m_fixture.client.get());
            ProxyConfig config;
            config.port = 0;
            config.token = QStringLiteral("local-token-for-the-leak-test");
            proxy.setConfig(config);
            QString error;
            QVERIFY2(proxy.start(&error), qPrintable(error));
            QByteArray accessLog;
            connect(&proxy, &ProxyServer::requestFinished, this,
                    [&](const ProxyLogEntry &entry) { accessLog += entry.toJsonLine(); });

            MainWindow window(m_fixture.client.get(), &secrets, nullptr);
            window.show();
            window.startUp();
            window.setProxy(&proxy);
            QVERIFY(QTest::qWaitFor([&] { return !window.isShowingWelcome(); }, 5000));

            // A chat in the window.
            ConversationTab *tab = window.conversations()->currentTab();
            tab->composer()->setText(QStringLiteral("Hello"));
            tab->send();
            QTRY_VERIFY_WITH_TIMEOUT(tab->conversation()->rowCount() == 2 && !tab->isBusy(), 10000);

            // View code for what the tab would send next.
            const ChatRequest request = tab->currentRequest();
            const QUrl base = m_fixture.client->baseUrl();
            for (bool stream : {false, true}) {
                look(QStringLiteral("view code: curl"), RequestCode::curl(request, base, stream).toUtf8());
                look(QStringLiteral("view code: python"), RequestCode::python(request, stream, base).toUtf8());
                look(QStringLiteral("view code: typescript"), RequestCode::typescript(request, stream, base).toUtf8());
            }

            // Proxy traffic: answers, streams, errors of every kind the client can provoke.
            const quint16 port = proxy.port();
            const QByteArray token = config.token.toUtf8();
            const QByteArray chat = QByteArray(
                "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            const QByteArray stream = QByteArray("{\"model\":\"mistral-small-latest\",\"stream\":true,\"messages\":[{"
                                                 "\"role\":\"user\",\"content\":\"hi\"}]}");
            QNetworkAccessManager net;
            const QList<QNetworkReply *> replies {
                proxyCall(net, port, "POST", QStringLiteral("/v1/chat/completions"), chat, token),
                proxyCall(net, port, "POST", QStringLiteral("/v1/chat/completions"), stream, token),
                proxyCall(net, port, "GET", QStringLiteral("/v1/models"), {}, token),
                proxyCall(net, port, "POST", QStringLiteral("/v1/embeddings"),
                          QByteArray("{\"model\":\"mistral-embed\",\"input\":[\"a\"]}"), token),
                proxyCall(net, port, "POST", QStringLiteral("/v1/chat/completions"), chat, {}), // no token
                proxyCall(net, port, "POST", QStringLiteral("/v1/chat/completions"), chat,
                          m_key.toUtf8()), // the key as token
                proxyCall(net, port, "POST", QStringLiteral("/v1/chat/completions"), "{not json", token),
                proxyCall(net, port, "GET", QStringLiteral("/v1/nope"), {}, token),
                proxyCall(net, port, "GET", QStringLiteral("/metrics"), {}, token),
                proxyCall(net, port, "GET", QStringLiteral("/health"), {}, {}),
            };
            // An upstream that rejects the key: its error must not echo it either.
            test::FakeScript unauthorized;
            unauthorized.kind = test::FakeScript::Kind::Error;
            unauthorized.errorShape = test::FakeScript::ErrorShape::UnauthorizedMessage;
            m_fixture.fake->enqueue(unauthorized);
            QNetworkReply *rejected = proxyCall(net, port, "POST", QStringLiteral("/v1/chat/completions"), chat, token);
            QList<QNetworkReply *> answered = replies;
            answered.append(rejected);
            QTRY_VERIFY_WITH_TIMEOUT(
                std::all_of(answered.cbegin(), answered.cend(), [](QNetworkReply *r) { return r->isFinished(); }),
                10000);
            for (QNetworkReply *reply : std::as_const(answered)) {
                QByteArray seen = reply->readAll();
                for (const auto &header : reply->rawHeaderPairs())
                    seen += header.first + ": " + header.second + "\n";
                look(QStringLiteral("proxy answer to %1").arg(reply->url().path()), seen);
            }
            // The key offered as the local token is refused like any wrong token.
            QCOMPARE(replies.at(5)->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
            qDeleteAll(answered);
            // Every /v1 request; /health and /metrics are not logged.
            QTRY_COMPARE(accessLog.count('\n'), 9);
            look(QStringLiteral("access log"), accessLog);

            // Exports of everything.
            ConversationStore *store = window.history()->store();
            QVERIFY(store);
            tab->saveToStore();
            const QByteArray all = QJsonDocument(HistoryExport::exportAll(*store)).toJson();
            QVERIFY(all.contains("Hello"));
            look(QStringLiteral("JSON export"), all);
            look(QStringLiteral("Markdown export"), HistoryExport::toMarkdown(*store, tab->conversationId()).toUtf8());
        } // the window closes: settings and the database are written out

        // Every file the app may have written.
        QStringList roots;
        for (auto location :
             {QStandardPaths::AppConfigLocation, QStandardPaths::AppDataLocation, QStandardPaths::CacheLocation,
              QStandardPaths::GenericConfigLocation, QStandardPaths::AppLocalDataLocation})
            roots << QStandardPaths::writableLocation(location);
        if (realSecretService())
            roots << QDir::homePath(); // the sandbox's: the keyring file and everything else written there
        int files = 0;
        for (const QString &root : std::as_const(roots)) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (file.open(QIODevice::ReadOnly)) {
                    look(file.fileName(), file.readAll());
                    ++files;
                }
            }
        }
        QVERIFY(files >= 2); // at least the settings and the database were looked at
        if (realSecretService()) {
            // The encrypted keyring holding the key was among the files read, and did not show it.
            const QString keyrings = QDir::homePath() + QStringLiteral("/.local/share/keyrings");
            QVERIFY2(!QDir(keyrings).entryList(QDir::Files).isEmpty(),
                     qPrintable(keyrings + QStringLiteral(" is empty")));
        }
        QSettings().sync();

        QVERIFY(g_logLines.size() > 5); // debug logging was on and said things
        look(QStringLiteral("log"), g_logLines.join(QLatin1Char('\n')).toUtf8());

        // The one place it must be.
        QString stored;
        bool read = false;
        secrets.read(QStringLiteral("api-key"), [&](const SecretResult &result) {
            stored = result.value;
            read = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 20000);
        QCOMPARE(stored, m_key);
        if (realSecretService()) {
            // In the Secret Service itself, where any other client of it finds the entry.
            QProcess lookup;
            lookup.start(QStringLiteral("secret-tool"),
                         {QStringLiteral("lookup"), QStringLiteral("server"), kService, QStringLiteral("user"),
                          QStringLiteral("api-key"), QStringLiteral("type"), QStringLiteral("plaintext")});
            QVERIFY2(lookup.waitForFinished(20000), "secret-tool did not answer");
            QCOMPARE(QString::fromUtf8(lookup.readAllStandardOutput()).trimmed(), m_key);
        }

        // The search itself works: the key did go to Mistral (the fake), in the Authorization header.
        QByteArray upstream;
        for (const test::FakeRequest &request : m_fixture.fake->requests()) {
            for (const auto &header : request.headers)
                upstream += header.first + ": " + header.second + "\n";
        }
        QVERIFY(holdsKey(upstream));

        m_sightings.removeDuplicates();
        QVERIFY2(m_sightings.isEmpty(),
                 qPrintable(QStringLiteral("the key was found in: ") + m_sightings.join(QStringLiteral("; "))));
    }
};

QTEST_MAIN(TestSecretLeak)
#include "tst_SecretLeak.moc"
