#pragma once

#include "api/ChatResult.h"
#include "conversation/TabServices.h"
#include "conversation/TabTotals.h"
#include "proxypage/ProxyTotals.h"
#include "settings/AppSettings.h"

#include <QMainWindow>

#include <optional>

class QLabel;
class QMenu;
class QStackedWidget;
class QSplitter;
class QTabWidget;

namespace md {

class ApiKeyKeeper;
class EmbeddingsPage;
class FimPage;
class HistoryKeeper;
class HistorySidebar;
class LazyPage;
class UsagePage;
class CompareView;
class ConversationTab;
class ConversationStore;
class ConversationTabs;
class MistralClient;
class ModelCatalog;
class PresetStore;
class ProxyPanel;
class ProxyServer;
class SecretStore;
class WelcomePage;
struct RateLimitInfo;

// The app's window. Pages: the conversation tabs (Chat), Compare and, given a proxy, Proxy; the
// first-run welcome page instead of them while there is no key. Menus reach every action; the
// status bar shows the last call, the session's totals (chat and proxy apart) and the rate limit.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `proxy` may be null (no Proxy page). `client` comes configured; `baseUrlOverride` (from
    // --base-url) stays in force when Settings change the base URL.
    MainWindow(MistralClient *client, SecretStore *secrets, ProxyServer *proxy, QWidget *parent = nullptr,
               const QUrl &baseUrlOverride = {});
    ~MainWindow() override;

    // Looks for the key (environment, keychain): the chat when found, the welcome page otherwise.
    void startUp();

    // The Proxy page for `proxy` (main.cpp creates the server once the window shows).
    void setProxy(ProxyServer *proxy);
    ProxyPanel *proxyPanel() const;
    ConversationTabs *conversations() const { return m_conversations; }
    CompareView *compareView() const; // built on first use
    WelcomePage *welcomePage() const { return m_welcome; }
    ApiKeyKeeper *keys() const { return m_keys; }
    HistoryKeeper *history() const { return m_history; }
    HistorySidebar *historySidebar() const; // built just after the window shows
    UsagePage *usagePage() const { return m_usage; }
    ModelCatalog *catalog() const { return m_catalog; }
    const AppSettings &settings() const { return m_settings; }
    const TabTotals &sessionTotals() const { return m_session; }
    bool isShowingWelcome() const;

    void openSettings();
    void applySettings(const AppSettings &settings);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildPages();
    QWidget *buildCompare(QWidget *parent);
    QWidget *buildSidebar(ConversationStore *store, QWidget *parent);
    void onPageCall(const QString &source, const QString &model, const Usage &usage, std::optional<double> cost);
    void buildMenus();
    void buildStatusBar();
    void showMain();
    void showWelcome(const QString &why);
    void checkAndSaveKey(const QString &key, bool sessionOnly);
    void useKey(const QString &key);
    void loadCachedModels();
    void saveCachedModels() const;
    void onCallFinished(const ChatResult &result, std::optional<double> cost);
    void onRateLimit(const RateLimitInfo &info);
    void updateSessionLabel();
    bool onComparePage() const;

    MistralClient *m_client;
    SecretStore *m_secrets;
    ApiKeyKeeper *m_keys;
    ModelCatalog *m_catalog;
    PresetStore *m_presets;
    AppSettings m_settings;
    QUrl m_baseUrlOverride;
    HistoryKeeper *m_history;
    TabServices m_services;
    TabTotals m_session;
    ProxyTotals m_proxyTotals;

    QStackedWidget *m_stack = nullptr;
    QTabWidget *m_pages = nullptr;
    WelcomePage *m_welcome = nullptr;
    ConversationTabs *m_conversations = nullptr;
    CompareView *m_compare = nullptr;
    ProxyPanel *m_proxyPanel = nullptr;
    QMenu *m_viewMenu = nullptr;
    LazyPage *m_sidebarPage = nullptr;
    LazyPage *m_comparePage = nullptr;
    LazyPage *m_proxyPage = nullptr;
    LazyPage *m_embeddingsPage = nullptr;
    LazyPage *m_fimPage = nullptr;
    LazyPage *m_usagePage = nullptr;
    QSplitter *m_chatSplitter = nullptr;
    HistorySidebar *m_sidebar = nullptr;
    EmbeddingsPage *m_embeddings = nullptr;
    FimPage *m_fim = nullptr;
    UsagePage *m_usage = nullptr;
    QLabel *m_callLabel = nullptr;
    QLabel *m_sessionLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_proxyLabel = nullptr;
};

} // namespace md
