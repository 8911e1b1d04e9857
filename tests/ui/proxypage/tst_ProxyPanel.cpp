#include "MainWindow.h"
#include "proxypage/ProxyPanel.h"
#include "proxypage/ProxyRequestModel.h"
#include "proxypage/ProxyTokenKeeper.h"
#include "api/MistralClient.h"
#include "proxy/ProxyServer.h"
#include "secrets/MemorySecretStore.h"
#include "support/FakeMistral.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFrame>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace md;
using md::test::FakeMistral;

namespace {

// A keychain that is not there: every call answers Unavailable, later, like the real one.
class MissingSecretStore final : public SecretStore {
public:
    void read(const QString &, Callback done) override { answer(std::move(done)); }
    void write(const QString &, const QString &, Callback done) override { answer(std::move(done)); }
    void remove(const QString &, Callback done) override { answer(std::move(done)); }
    QString backendName() const override { return QStringLiteral("nothing"); }
    bool isPersistent() const override { return false; }

private:
    void answer(Callback done)
    {
        QTimer::singleShot(0, this, [done = std::move(done)] {
            done({SecretResult::Status::Unavailable, {}, QStringLiteral("No Secret Service is running.")});
        });
    }
};

struct Reply {
    int status = 0;
    QByteArray body;
};

} // namespace

// The Proxy page driven like a user would: real widgets, a real ProxyServer in front of FakeMistral,
// and a QNetworkAccessManager client sending requests through it.
class TestProxyPanel : public QObject {
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<FakeMistral> m_fake;
    std::unique_ptr<MistralClient> m_client;
    std::unique_ptr<ProxyServer> m_proxy;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProxyPanel> m_panel;
    QNetworkAccessManager m_http;

    template<typename T> T *child(const char *name, QWidget *in = nullptr)
    {
        auto *w = (in ? in : m_panel.get())->findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }
    QCheckBox *toggle() { return child<QCheckBox>("proxySwitch"); }
    QString token() { return child<QLineEdit>("proxyToken")->text(); }

    std::unique_ptr<ProxyPanel> makePanel(SecretStore *secrets)
    {
        auto panel = std::make_unique<ProxyPanel>(m_proxy.get(), secrets);
        panel->resize(1000, 700);
        panel->show();
        return panel;
    }

    bool waitForToken(ProxyPanel *panel)
    {
        auto *field = panel->findChild<QLineEdit *>(QStringLiteral("proxyToken"));
        return QTest::qWaitFor([field] { return !field->text().isEmpty(); }, 5000);
    }

    void turnOnAnyPort()
    {
        child<QSpinBox>("proxyPort")->setValue(0);
        toggle()->click();
    }

    Reply chat(const QString &bearer)
    {
        QNetworkRequest request(QUrl(m_panel->endpointUrl() + QStringLiteral("/chat/completions")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + bearer.toLatin1());
        QNetworkReply *reply = m_http.post(
            request,
            QByteArrayLiteral(R"({"model":"mistral-small-latest","messages":[{"role":"user","content":"hi"}]})"));
        Reply out;
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            reply->abort();
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        reply->deleteLater();
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ProxyPanel"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init()
    {
        QSettings().clear();
        m_fake = std::make_unique<FakeMistral>();
        QVERIFY(m_fake->listen());
        m_client = std::make_unique<MistralClient>();
        m_client->setBaseUrl(QUrl(m_fake->baseUrl()));
        m_client->setApiKey(m_fake->apiKey());
        m_proxy = std::make_unique<ProxyServer>(m_client.get());
        m_secrets = std::make_unique<MemorySecretStore>();
        m_panel = makePanel(m_secrets.get());
        QVERIFY(waitForToken(m_panel.get()));
    }

    void cleanup()
    {
        m_panel.reset();
        m_proxy.reset();
        m_secrets.reset();
        m_client.reset();
        m_fake.reset();
    }

    void startsOffOnLoopbackWithDefaults()
    {
        QVERIFY(!toggle()->isChecked());
        QVERIFY(!m_proxy->isListening());
        QCOMPARE(child<QSpinBox>("proxyPort")->value(), 8787);
        QCOMPARE(child<QComboBox>("proxyAddress")->currentData().toString(), QStringLiteral("127.0.0.1"));
        QVERIFY(!child<QFrame>("proxyLanWarning")->isVisible());
        QVERIFY(token().startsWith(QLatin1String("mdp_")));
        QCOMPARE(child<QLineEdit>("proxyToken")->echoMode(), QLineEdit::Password);
        QVERIFY(child<QLineEdit>("proxyToken")->isReadOnly());
    }

    void tokenIsKeptInTheSecretStore()
    {
        QString stored;
        m_secrets->read(ProxyTokenKeeper::kSecretName, [&stored](const SecretResult &r) { stored = r.value; });
        QTRY_COMPARE(stored, token());

        // A second panel (the next launch) uses the same token.
        m_panel.reset();
        m_panel = makePanel(m_secrets.get());
        QVERIFY(waitForToken(m_panel.get()));
        QCOMPARE(token(), stored);
    }

    void missingKeychainKeepsTokenForTheSession()
    {
        MissingSecretStore missing;
        m_panel.reset();
        m_panel = makePanel(&missing);
        QVERIFY(waitForToken(m_panel.get()));
        QVERIFY(token().startsWith(QLatin1String("mdp_")));
        QTRY_VERIFY(child<QLabel>("proxyTokenNote")->text().contains(QLatin1String("until Mistral Desk quits")));
        turnOnAnyPort();
        QVERIFY(m_proxy->isListening());
        QCOMPARE(chat(token()).status, 200);
        m_panel.reset(); // before `missing` goes
    }

    void showRevealsTheToken()
    {
        auto *show = child<QPushButton>("proxyShowToken");
        show->click();
        QCOMPARE(child<QLineEdit>("proxyToken")->echoMode(), QLineEdit::Normal);
        show->click();
        QCOMPARE(child<QLineEdit>("proxyToken")->echoMode(), QLineEdit::Password);
    }

    void toggleStartsAndStops()
    {
        QSignalSpy running(m_panel.get(), &ProxyPanel::runningChanged);
        turnOnAnyPort();
        QVERIFY(toggle()->isChecked());
        QVERIFY(m_proxy->isListening());
        const quint16 port = m_proxy->port();
        QVERIFY(port != 0);
        const QString url = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
        QCOMPARE(m_panel->endpointUrl(), url);
        QVERIFY2(child<QLabel>("proxyStatus")->text().contains(url), qPrintable(child<QLabel>("proxyStatus")->text()));
        QVERIFY(!running.isEmpty());
        QCOMPARE(running.constLast().at(0).toBool(), true);
        QCOMPARE(m_proxy->config().address, QHostAddress(QHostAddress::LocalHost));
        QVERIFY(!child<QSpinBox>("proxyPort")->isEnabled()); // no changing under running clients
        QVERIFY(!child<QComboBox>("proxyAddress")->isEnabled());

        toggle()->click();
        QVERIFY(!toggle()->isChecked());
        QVERIFY(!m_proxy->isListening());
        QVERIFY(!child<QLabel>("proxyStatus")->text().contains(url));
        QCOMPARE(running.constLast().at(0).toBool(), false);
        QVERIFY(child<QSpinBox>("proxyPort")->isEnabled());
    }

    void requestsShowInTableAndCounters()
    {
        QSignalSpy totals(m_panel.get(), &ProxyPanel::totalsChanged);
        turnOnAnyPort();
        const Reply ok = chat(token());
        QCOMPARE(ok.status, 200);
        QVERIFY(!ok.body.contains(m_fake->apiKey().toUtf8()));
        const Reply refused = chat(QStringLiteral("wrong-token"));
        QCOMPARE(refused.status, 401);

        auto *table = child<QTableView>("proxyRequests");
        QAbstractItemModel *model = table->model();
        QTRY_COMPARE(model->rowCount(), 2);
        // Newest first: the refused request is on top.
        QCOMPARE(model->index(0, ProxyRequestModel::Status).data().toString(), QStringLiteral("401"));
        QCOMPARE(model->index(1, ProxyRequestModel::Status).data().toString(), QStringLiteral("200"));
        QCOMPARE(model->index(1, ProxyRequestModel::Path).data().toString(), QStringLiteral("/v1/chat/completions"));
        QCOMPARE(model->index(1, ProxyRequestModel::Method).data().toString(), QStringLiteral("POST"));
        QCOMPARE(model->index(1, ProxyRequestModel::Model).data().toString(), QStringLiteral("mistral-small-latest"));
        QVERIFY(model->index(1, ProxyRequestModel::TokensIn).data().toString().toInt() > 0);
        QVERIFY(model->index(1, ProxyRequestModel::TokensOut).data().toString().toInt() > 0);
        QVERIFY(model->index(1, ProxyRequestModel::Cost).data().toString().startsWith(QLatin1Char('$')));

        QCOMPARE(child<QLabel>("proxyCountRequests")->text(), QStringLiteral("2"));
        QCOMPARE(child<QLabel>("proxyCountErrors")->text(), QStringLiteral("1"));
        QCOMPARE(child<QLabel>("proxyCountActive")->text(), QStringLiteral("0"));
        QVERIFY(child<QLabel>("proxyCountTokensIn")->text() != QStringLiteral("0"));
        QVERIFY(child<QLabel>("proxyCountTokensOut")->text() != QStringLiteral("0"));
        QCOMPARE(m_panel->totals().requests, 2);
        QVERIFY(m_panel->totals().tokens() > 0);
        QCOMPARE(totals.size(), 2);
    }

    void tableKeepsTheLastThousand()
    {
        ProxyRequestModel model;
        for (int i = 0; i < ProxyRequestModel::kMaxRows + 5; ++i) {
            ProxyLogEntry e;
            e.path = QStringLiteral("/v1/n/%1").arg(i);
            e.status = 200;
            model.addEntry(e);
        }
        QCOMPARE(model.rowCount(), ProxyRequestModel::kMaxRows);
        QCOMPARE(model.index(0, ProxyRequestModel::Path).data().toString(),
                 QStringLiteral("/v1/n/%1").arg(ProxyRequestModel::kMaxRows + 4));
        QCOMPARE(model.index(ProxyRequestModel::kMaxRows - 1, ProxyRequestModel::Path).data().toString(),
                 QStringLiteral("/v1/n/5"));
    }

    void regenerateRefusesTheOldToken()
    {
        turnOnAnyPort();
        const quint16 port = m_proxy->port();
        const QString oldToken = token();
        QCOMPARE(chat(oldToken).status, 200);

        child<QPushButton>("proxyRegenerate")->click();
        const QString newToken = token();
        QVERIFY(newToken != oldToken);
        QVERIFY(newToken.startsWith(QLatin1String("mdp_")));
        QVERIFY(m_proxy->isListening());
        QCOMPARE(m_proxy->port(), port); // clients keep their address
        QVERIFY(toggle()->isChecked());
        QVERIFY(child<QLabel>("proxyTokenNote")->text().contains(QLatin1String("old token")));

        QCOMPARE(chat(oldToken).status, 401);
        QCOMPARE(chat(newToken).status, 200);

        QString stored;
        m_secrets->read(ProxyTokenKeeper::kSecretName, [&stored](const SecretResult &r) { stored = r.value; });
        QTRY_COMPARE(stored, newToken);
    }

    void copyPutsTheTokenOnTheClipboard()
    {
        child<QPushButton>("proxyCopyToken")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), token());
    }

    void snippetsNameThePortNeverTheKey()
    {
        turnOnAnyPort();
        const QString port = QString::number(m_proxy->port());
        auto *picker = child<QComboBox>("proxySnippetPicker");
        auto *text = child<QPlainTextEdit>("proxySnippetText");
        QCOMPARE(picker->count(), 6);
        QStringList titles;
        for (int i = 0; i < picker->count(); ++i) {
            picker->setCurrentIndex(i);
            titles << picker->currentText();
            const QString snippet = text->toPlainText();
            QVERIFY2(snippet.contains(QStringLiteral("127.0.0.1:") + port), qPrintable(snippet));
            QVERIFY2(snippet.contains(QLatin1String("MISTRAL_DESK_TOKEN")), qPrintable(snippet));
            QVERIFY(!snippet.contains(m_fake->apiKey()));
            QVERIFY(!snippet.contains(token())); // the token is named, never written out
        }
        const QString all = titles.join(QLatin1Char('|'));
        QVERIFY(all.contains(QLatin1String("curl")));
        QVERIFY(all.contains(QStringLiteral("Python · openai")));
        QVERIFY(all.contains(QStringLiteral("TypeScript · @mistralai/mistralai")));
        picker->setCurrentIndex(picker->count() - 1);
        QVERIFY(text->toPlainText().contains(QLatin1String("OPENAI_BASE_URL=\"http://127.0.0.1:") + port
                                             + QLatin1String("/v1\"")));
        child<QPushButton>("proxyCopySnippet")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), text->toPlainText());
    }

    void portInUseShowsErrorAndStaysOff()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        child<QSpinBox>("proxyPort")->setValue(squatter.serverPort());
        toggle()->click();
        QVERIFY(!toggle()->isChecked());
        QVERIFY(!m_proxy->isListening());
        auto *error = child<QLabel>("proxyError");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QString::number(squatter.serverPort())), qPrintable(error->text()));
        QVERIFY(!QSettings().value(QStringLiteral("proxy/enabled")).toBool());

        // Another port works, and the error goes away.
        squatter.close();
        toggle()->click();
        QVERIFY(m_proxy->isListening());
        QVERIFY(!error->isVisible());
    }

    void lanChoiceWarnsAndBindsAllInterfaces()
    {
        auto *address = child<QComboBox>("proxyAddress");
        address->setCurrentIndex(1);
        QVERIFY(child<QFrame>("proxyLanWarning")->isVisible());
        turnOnAnyPort();
        QVERIFY(m_proxy->isListening());
        QCOMPARE(m_proxy->config().address, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(chat(token()).status, 200); // this computer still reaches it at 127.0.0.1
        toggle()->click();
        address->setCurrentIndex(0);
        QVERIFY(!child<QFrame>("proxyLanWarning")->isVisible());
    }

    void settingsComeBackAndStartTheProxy()
    {
        child<QComboBox>("proxyAddress")->setCurrentIndex(0);
        turnOnAnyPort();
        QVERIFY(m_proxy->isListening());
        {
            const QSettings settings;
            QCOMPARE(settings.value(QStringLiteral("proxy/enabled")).toBool(), true);
            QCOMPARE(settings.value(QStringLiteral("proxy/port")).toInt(), 0);
            QCOMPARE(settings.value(QStringLiteral("proxy/allNetworkInterfaces")).toBool(), false);
            const QStringList keys = settings.allKeys();
            for (const QString &key : keys)
                QVERIFY(!settings.value(key).toString().contains(token())); // the token is not a setting
        }
        m_panel.reset();
        m_proxy->stop();
        QVERIFY(!m_proxy->isListening());

        // Next launch: the proxy comes back on by itself once the token is read.
        m_panel = makePanel(m_secrets.get());
        QTRY_VERIFY(m_proxy->isListening());
        QVERIFY(toggle()->isChecked());
        QCOMPARE(child<QSpinBox>("proxyPort")->value(), 0);
        QCOMPARE(chat(token()).status, 200);
    }

    void restoresAFixedPortAndAllInterfaces()
    {
        QTcpServer probe; // a port that is free now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        {
            QSettings settings;
            settings.setValue(QStringLiteral("proxy/enabled"), true);
            settings.setValue(QStringLiteral("proxy/port"), port);
            settings.setValue(QStringLiteral("proxy/allNetworkInterfaces"), true);
        }
        m_panel.reset();
        m_panel = makePanel(m_secrets.get());
        QTRY_VERIFY(m_proxy->isListening());
        QCOMPARE(m_proxy->port(), port);
        QCOMPARE(m_proxy->config().address, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(child<QSpinBox>("proxyPort")->value(), int(port));
        QVERIFY(child<QFrame>("proxyLanWarning")->isVisible());
        QVERIFY(QSettings().value(QStringLiteral("proxy/enabled")).toBool());
    }

    void windowCountsProxyTrafficInSessionTotals()
    {
        m_panel.reset();
        MainWindow window(m_client.get(), m_secrets.get(), m_proxy.get());
        window.show();
        ProxyPanel *panel = window.proxyPanel();
        QVERIFY(panel);
        QVERIFY(waitForToken(panel));
        panel->findChild<QSpinBox *>(QStringLiteral("proxyPort"))->setValue(0);
        panel->findChild<QCheckBox *>(QStringLiteral("proxySwitch"))->click();
        QVERIFY(panel->isRunning());
        auto *proxyLabel = window.findChild<QLabel *>(QStringLiteral("proxyStatusLabel"));
        QVERIFY(proxyLabel->isVisible());
        QVERIFY(proxyLabel->text().contains(panel->endpointUrl()));

        QNetworkRequest request(QUrl(panel->endpointUrl() + QStringLiteral("/chat/completions")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization",
                             "Bearer "
                                 + panel->findChild<QLineEdit *>(QStringLiteral("proxyToken"))->text().toLatin1());
        QNetworkReply *reply = m_http.post(
            request,
            QByteArrayLiteral(R"({"model":"mistral-small-latest","messages":[{"role":"user","content":"hi"}]})"));
        QTRY_VERIFY(reply->isFinished());
        reply->deleteLater();

        auto *session = window.findChild<QLabel *>(QStringLiteral("sessionLabel"));
        QTRY_VERIFY2(session->text().contains(QLatin1String("proxy")), qPrintable(session->text()));
        QVERIFY(session->text().contains(QLatin1String("chat 0 tokens")));
        QVERIFY(session->text().contains(QString::number(panel->totals().tokens())));
    }
};

QTEST_MAIN(TestProxyPanel)
#include "tst_ProxyPanel.moc"
