#include "MainWindow.h"

#include "HistoryKeeper.h"
#include "api/MistralClient.h"
#include "catalog/ModelCatalog.h"
#include "common/AppPalette.h"
#include "common/ElidedLabel.h"
#include "common/FirstPaint.h"
#include "common/LazyPage.h"
#include "compare/CompareView.h"
#include "conversation/Composer.h"
#include "conversation/ConversationTab.h"
#include "conversation/ConversationTabs.h"
#include "embeddings/EmbeddingsPage.h"
#include "fim/FimPage.h"
#include "history/HistorySidebar.h"
#include "params/PresetStore.h"
#include "proxy/ProxyServer.h"
#include "proxypage/ProxyPanel.h"
#include "settings/ApiKeyKeeper.h"
#include "settings/SettingsDialog.h"
#include "settings/WelcomePage.h"
#include "store/ConversationStore.h"
#include "usage/UsagePage.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include <limits>

namespace md {

namespace {
const QString kGeometryKey = QStringLiteral("window/geometry");

QString modelCachePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/models.json");
}
} // namespace

MainWindow::MainWindow(MistralClient *client, SecretStore *secrets, ProxyServer *proxy, QWidget *parent,
                       const QUrl &baseUrlOverride)
    : QMainWindow(parent)
    , m_client(client)
    , m_secrets(secrets)
    , m_keys(new ApiKeyKeeper(secrets, this))
    , m_catalog(new ModelCatalog(this))
    , m_presets(new PresetStore(this))
    , m_settings(AppSettings::load())
    , m_baseUrlOverride(baseUrlOverride)
    , m_history(new HistoryKeeper(this))
{
    // Without a database the app still works: tabs then live in QSettings as before, and the
    // status bar says why the history is missing.
    const bool historyOpen = m_history->open(ConversationStore::defaultPath());
    setWindowTitle(tr("Mistral Desk"));
    m_services = {client, m_catalog, &m_settings.prices, m_presets};
    // The client arrives configured (main.cpp applies Settings' base URL and timeout, tests their
    // fake's); from here on the Settings dialog changes them.
    applyTheme(m_settings.theme); // MISTRAL_DESK_PALETTE wins over the setting, inside applyTheme
    loadCachedModels();
    buildPages();
    buildMenus();
    buildStatusBar();
    setProxy(proxy);
    if (!historyOpen)
        statusBar()->showMessage(tr("The history is not available: %1").arg(m_history->error()));
    if (!restoreGeometry(QSettings().value(kGeometryKey).toByteArray()))
        resize(1280, 820);

    connect(m_keys, &ApiKeyKeeper::keyLoaded, this, [this](const QString &key, const QString &) {
        useKey(key);
        showMain();
    });
    connect(m_keys, &ApiKeyKeeper::keyMissing, this, &MainWindow::showWelcome);
    connect(m_keys, &ApiKeyKeeper::keySaved, this, [this](const QString &key, const QString &) {
        useKey(key);
        statusBar()->showMessage(m_keys->describeSource(), 6000);
        showMain();
    });
    connect(m_keys, &ApiKeyKeeper::saveFailed, this, [this](const QString &message, bool unavailable) {
        if (isShowingWelcome()) {
            m_welcome->setBusy(false);
            m_welcome->setKeychainAvailable(!unavailable);
            m_welcome->showError(message);
        } else {
            statusBar()->showMessage(message, 10000);
        }
    });
    connect(m_keys, &ApiKeyKeeper::keyForgotten, this, [this] {
        m_client->setApiKey(QString());
        showWelcome(QString());
    });
    connect(m_catalog, &ModelCatalog::updated, this, [this] {
        saveCachedModels();
        m_conversations->refreshPrices();
        statusBar()->showMessage(tr("%n model(s) available", nullptr, int(m_catalog->models().size())), 4000);
    });
    connect(m_catalog, &ModelCatalog::refreshFailed, this, [this](const ApiError &error) {
        statusBar()->showMessage(
            m_catalog->isEmpty()
                ? tr("Could not load the model list: %1").arg(error.userMessage())
                : tr("Could not refresh the model list (%1); using the one from %2.")
                      .arg(error.userMessage(), QLocale().toString(m_catalog->fetchedAt(), QLocale::ShortFormat)));
    });
    connect(m_client, &MistralClient::rateLimitChanged, this, &MainWindow::onRateLimit);
}

MainWindow::~MainWindow()
{
    // The pages use the history store: they go first (QObject children die in creation order, and
    // the history keeper was made before them).
    delete m_stack;
}

void MainWindow::buildPages()
{
    m_stack = new QStackedWidget(this);
    m_welcome = new WelcomePage(m_stack);
    m_welcome->setObjectName(QStringLiteral("welcomePage"));
    m_stack->addWidget(m_welcome);

    m_pages = new QTabWidget(m_stack);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setTabPosition(QTabWidget::West);
    const auto addPage = [this](QWidget *page, const QString &name, const QString &tip) {
        m_pages->setTabToolTip(m_pages->addTab(page, name), tip);
    };

    m_chatSplitter = new QSplitter(Qt::Horizontal, m_pages);
    m_conversations = new ConversationTabs(m_services, m_chatSplitter);
    if (ConversationStore *store = m_history->store()) {
        m_conversations->setStore(store);
        m_presets->useStore(store);
        m_sidebarPage
            = new LazyPage([this, store](QWidget *parent) { return buildSidebar(store, parent); }, m_chatSplitter);
        m_sidebarPage->setMinimumWidth(200);
        m_chatSplitter->insertWidget(0, m_sidebarPage);
        m_chatSplitter->setStretchFactor(0, 0);
        m_chatSplitter->setStretchFactor(1, 1);
        m_chatSplitter->setSizes({260, 1000});
        m_sidebarPage->buildAfterFirstPaint();
    }
    addPage(m_chatSplitter, tr("Chat"), tr("Conversations, one per tab, and the history (Ctrl+1)"));
    // Pages other than Chat are built when first shown: a shorter start (bench/startup).
    m_comparePage = new LazyPage([this](QWidget *parent) { return buildCompare(parent); }, m_pages);
    addPage(m_comparePage, tr("Compare"), tr("One prompt, several models side by side (Ctrl+2)"));
    m_embeddingsPage = new LazyPage(
        [this](QWidget *parent) {
            m_embeddings = new EmbeddingsPage(m_services, parent);
            connect(m_embeddings, &EmbeddingsPage::callFinished, this,
                    [this](const QString &model, const Usage &usage, std::optional<double> cost) {
                        onPageCall(QStringLiteral("embeddings"), model, usage, cost);
                    });
            return m_embeddings;
        },
        m_pages);
    addPage(m_embeddingsPage, tr("Embeddings"), tr("Embed texts, compare them, export the vectors (Ctrl+4)"));
    m_fimPage = new LazyPage(
        [this](QWidget *parent) {
            m_fim = new FimPage(m_services, parent);
            connect(m_fim, &FimPage::callFinished, this,
                    [this](const QString &model, const Usage &usage, std::optional<double> cost) {
                        onPageCall(QStringLiteral("fim"), model, usage, cost);
                    });
            return m_fim;
        },
        m_pages);
    addPage(m_fimPage, tr("Code"), tr("Code completion between a prefix and a suffix (Ctrl+5)"));
    if (UsageLedger *ledger = m_history->ledger()) {
        m_usagePage = new LazyPage(
            [this, ledger](QWidget *parent) {
                m_usage = new UsagePage(ledger, parent);
                connect(m_history, &HistoryKeeper::recorded, m_usage, &UsagePage::refresh);
                return m_usage;
            },
            m_pages);
        addPage(m_usagePage, tr("Usage"), tr("Cost and tokens per day and per model (Ctrl+6)"));
    }
    m_stack->addWidget(m_pages);
    setCentralWidget(m_stack);
    m_conversations->restore();

    connect(m_conversations, &ConversationTabs::callFinished, this,
            [this](const ChatResult &result, std::optional<double> cost) {
                m_history->record(QStringLiteral("chat"), QStringLiteral("chat"), result.model, result.usage, cost);
                onCallFinished(result, cost);
            });
    connect(m_conversations, &ConversationTabs::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_history, &HistoryKeeper::storeFailed, this,
            [this](const QString &message) { statusBar()->showMessage(tr("History: %1").arg(message), 10000); });
    connect(m_conversations, &ConversationTabs::keyRejected, this, [this] {
        statusBar()->showMessage(tr("Mistral did not accept the API key. Open Settings (Ctrl+,) to change it."));
    });
    connect(m_welcome, &WelcomePage::keySubmitted, this, &MainWindow::checkAndSaveKey);
}

QWidget *MainWindow::buildSidebar(ConversationStore *store, QWidget *parent)
{
    m_sidebar = new HistorySidebar(store, parent);
    m_sidebar->setObjectName(QStringLiteral("historySidebar"));
    connect(m_sidebar, &HistorySidebar::openRequested, this,
            [this](qint64 conversation, qint64 message) { m_conversations->openConversation(conversation, message); });
    connect(m_sidebar, &HistorySidebar::newConversationRequested, this, [this] { m_conversations->newTab(); });
    connect(m_sidebar, &HistorySidebar::conversationDeleted, m_conversations, &ConversationTabs::closeConversation);
    // New messages reorder the list (newest first); a burst of them reloads it once.
    auto *reload = new QTimer(m_sidebar);
    reload->setSingleShot(true);
    reload->setInterval(500);
    connect(reload, &QTimer::timeout, m_sidebar, &HistorySidebar::reload);
    connect(store, &ConversationStore::conversationUpdated, reload, qOverload<>(&QTimer::start));
    connect(m_conversations, &ConversationTabs::currentConversationChanged, m_sidebar,
            &HistorySidebar::setCurrentConversation);
    if (ConversationTab *tab = m_conversations->currentTab())
        m_sidebar->setCurrentConversation(tab->conversationId());
    return m_sidebar;
}

HistorySidebar *MainWindow::historySidebar() const
{
    return m_sidebarPage ? qobject_cast<HistorySidebar *>(m_sidebarPage->page()) : nullptr;
}

QWidget *MainWindow::buildCompare(QWidget *parent)
{
    m_compare = new CompareView(m_services, parent);
    connect(m_compare, &CompareView::callFinished, this, [this](const ChatResult &result, std::optional<double> cost) {
        m_history->record(QStringLiteral("compare"), QStringLiteral("chat"), result.model, result.usage, cost);
        onCallFinished(result, cost);
    });
    connect(m_compare, &CompareView::keyRejected, m_conversations, &ConversationTabs::keyRejected);
    return m_compare;
}

CompareView *MainWindow::compareView() const
{
    m_comparePage->page();
    return m_compare;
}

void MainWindow::setProxy(ProxyServer *proxy)
{
    if (!proxy || m_proxyPage)
        return;
    m_proxyPage = new LazyPage(
        [this, proxy](QWidget *parent) {
            m_proxyPanel = new ProxyPanel(proxy, m_secrets, parent);
            m_proxyPanel->setObjectName(QStringLiteral("proxyPanel"));
            connect(m_proxyPanel, &ProxyPanel::totalsChanged, this, [this](const ProxyTotals &totals) {
                m_proxyTotals = totals;
                updateSessionLabel();
            });
            connect(m_proxyPanel, &ProxyPanel::runningChanged, this, [this](bool running, const QString &url) {
                m_proxyLabel->setText(running ? tr("Proxy on · %1").arg(url) : QString());
                m_proxyLabel->setVisible(running);
            });
            m_proxyLabel->setVisible(m_proxyPanel->isRunning());
            return m_proxyPanel;
        },
        m_pages);
    m_pages->insertTab(2, m_proxyPage, tr("Proxy"));
    m_pages->setTabToolTip(2, tr("The local endpoint other programs use (Ctrl+3)"));
    connect(proxy, &ProxyServer::requestFinished, this,
            [this](const ProxyLogEntry &entry) { m_history->recordProxy(entry, m_settings.prices, m_catalog); });
    QAction *showProxy = new QAction(tr("&Proxy"), this);
    showProxy->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    connect(showProxy, &QAction::triggered, this, [this] { m_pages->setCurrentWidget(m_proxyPage); });
    m_viewMenu->insertAction(m_viewMenu->actions().value(2), showProxy);
    // Built right after the window shows, not on first visit: the page starts the proxy when it was
    // on at the last quit.
    if (isVisible())
        QTimer::singleShot(0, m_proxyPage, [this] { m_proxyPage->page(); });
    else
        afterFirstPaint(this, [this] { m_proxyPage->page(); });
}

ProxyPanel *MainWindow::proxyPanel() const
{
    return m_proxyPage ? qobject_cast<ProxyPanel *>(m_proxyPage->page()) : nullptr;
}

void MainWindow::onPageCall(const QString &source, const QString &model, const Usage &usage, std::optional<double> cost)
{
    m_history->record(source, source, model, usage, cost);
    m_session.add(usage.promptTokens, usage.completionTokens, cost);
    updateSessionLabel();
}

void MainWindow::buildStatusBar()
{
    m_callLabel = new ElidedLabel(this);
    m_callLabel->setObjectName(QStringLiteral("callLabel"));
    m_callLabel->setToolTip(tr("The last answer: tokens in and out, cost at list prices, time to first token, speed"));
    m_sessionLabel = new ElidedLabel(this);
    m_sessionLabel->setObjectName(QStringLiteral("sessionLabel"));
    m_sessionLabel->setToolTip(tr("Tokens and cost this session, at list prices: your chats, and other programs "
                                  "through the local proxy"));
    m_rateLabel = new ElidedLabel(this);
    m_rateLabel->setObjectName(QStringLiteral("rateLabel"));
    m_rateLabel->setToolTip(tr("What the server's rate-limit headers said on the last call"));
    m_rateLabel->hide();
    m_proxyLabel = new ElidedLabel(this);
    m_proxyLabel->setObjectName(QStringLiteral("proxyStatusLabel"));
    m_proxyLabel->setToolTip(tr("The local proxy is running (View → Proxy)"));
    m_proxyLabel->hide();
    for (QLabel *label : {m_callLabel, m_sessionLabel, m_rateLabel, m_proxyLabel}) {
        label->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(label);
    }
    updateSessionLabel();
}

void MainWindow::startUp()
{
    m_keys->load();
}

bool MainWindow::isShowingWelcome() const
{
    return m_stack->currentWidget() == m_welcome;
}

bool MainWindow::onComparePage() const
{
    return m_pages->currentWidget() == m_comparePage;
}

void MainWindow::showMain()
{
    m_welcome->setBusy(false);
    m_welcome->showError(QString());
    m_stack->setCurrentWidget(m_pages);
    if (ConversationTab *tab = m_conversations->currentTab())
        tab->focusComposer();
}

void MainWindow::showWelcome(const QString &why)
{
    m_welcome->setKeychainAvailable(m_keys->keychainAvailable());
    m_welcome->showError(why);
    m_stack->setCurrentWidget(m_welcome);
}

void MainWindow::checkAndSaveKey(const QString &key, bool sessionOnly)
{
    // The key is tried with GET /v1/models before it is kept: a typo is caught here, in words,
    // rather than as an error on the first message.
    m_welcome->setBusy(true);
    m_welcome->showError(QString());
    m_client->setApiKey(key);
    ApiCall *call = m_client->listModels();
    connect(call, &ApiCall::finished, this, [this, key, sessionOnly](const QByteArray &body) {
        m_catalog->loadResponse(body);
        m_keys->save(key, sessionOnly);
    });
    connect(call, &ApiCall::failed, this, [this, key, sessionOnly](const ApiError &error) {
        if (error.httpStatus == 401 || error.httpStatus == 403) {
            m_client->setApiKey(QString());
            m_welcome->setBusy(false);
            m_welcome->showError(tr("Mistral did not accept this key. Check that you copied all of it, and that it "
                                    "is active at console.mistral.ai → API keys."));
            return;
        }
        // Could not check (offline, server trouble): keep it; the first call will tell.
        statusBar()->showMessage(
            tr("Could not check the key (%1). It is kept; the first message will tell.").arg(error.userMessage()),
            10000);
        m_keys->save(key, sessionOnly);
    });
}

void MainWindow::useKey(const QString &key)
{
    m_client->setApiKey(key);
    if (!key.isEmpty())
        m_catalog->refresh(m_client);
}

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_settings, m_keys, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::settingsApplied, this, &MainWindow::applySettings);
    dialog->open();
}

void MainWindow::applySettings(const AppSettings &settings)
{
    const bool urlChanged = settings.baseUrl != m_settings.baseUrl;
    m_settings = settings;
    if (urlChanged && m_baseUrlOverride.isEmpty())
        m_client->setBaseUrl(settings.baseUrl);
    m_client->setTimeoutMs(settings.timeoutSeconds * 1000);
    applyTheme(settings.theme); // MISTRAL_DESK_PALETTE still wins, inside applyTheme
    m_conversations->refreshPrices();
    if (m_compare)
        m_compare->refreshPrices();
    if (urlChanged && m_client->hasApiKey())
        m_catalog->refresh(m_client);
}

void MainWindow::loadCachedModels()
{
    QFile file(modelCachePath());
    if (file.open(QIODevice::ReadOnly))
        m_catalog->loadJson(QJsonDocument::fromJson(file.readAll()).object());
}

void MainWindow::saveCachedModels() const
{
    QDir().mkpath(QFileInfo(modelCachePath()).absolutePath());
    QSaveFile file(modelCachePath());
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(m_catalog->toJson()).toJson(QJsonDocument::Compact));
        file.commit();
    }
}

void MainWindow::onCallFinished(const ChatResult &result, std::optional<double> cost)
{
    m_session.add(result.usage.promptTokens, result.usage.completionTokens, cost);
    const QLocale locale;
    m_callLabel->setText(tr("%1: %2 in · %3 out · %4 · first token %5 ms · %6 tok/s")
                             .arg(result.model, locale.toString(result.usage.promptTokens),
                                  locale.toString(result.usage.completionTokens),
                                  cost ? PriceTable::formatUsd(*cost) : tr("no price"))
                             .arg(result.timeToFirstTokenMs)
                             .arg(result.tokensPerSecond, 0, 'f', 1));
    updateSessionLabel();
}

void MainWindow::onRateLimit(const RateLimitInfo &info)
{
    QStringList parts;
    if (info.requestsRemaining >= 0)
        parts << tr("%Ln request(s)", nullptr,
                    int(qMin(info.requestsRemaining, qint64(std::numeric_limits<int>::max()))));
    if (info.tokensRemaining >= 0)
        parts << tr("%1 tokens").arg(QLocale().toString(info.tokensRemaining));
    m_rateLabel->setVisible(!parts.isEmpty());
    m_rateLabel->setText(tr("Left this minute: %1").arg(parts.join(QStringLiteral(", "))));
}

void MainWindow::updateSessionLabel()
{
    const QLocale locale;
    QString text = tr("Session: chat %1 tokens %2")
                       .arg(locale.toString(m_session.promptTokens + m_session.completionTokens),
                            PriceTable::formatUsd(m_session.costUsd));
    if (m_proxyTotals.requests > 0) {
        text += QStringLiteral(" · ")
            + tr("proxy %1 tokens %2")
                  .arg(locale.toString(m_proxyTotals.tokens()), PriceTable::formatUsd(m_proxyTotals.costUsd));
    }
    m_sessionLabel->setText(text);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_conversations->saveNow();
    QSettings().setValue(kGeometryKey, saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace md
