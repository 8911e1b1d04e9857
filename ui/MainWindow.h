#pragma once

#include "proxypage/ProxyTotals.h"
#include "api/ChatMessage.h"
#include "catalog/PriceTable.h"

#include <QList>
#include <QMainWindow>
#include <QPointer>

class QComboBox;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTextBrowser;

namespace md {

class ChatStream;
class MistralClient;
class ModelCatalog;
class ProxyPanel;
class ProxyServer;
class SecretStore;
struct ApiError;
struct ChatResult;

// The app's window: a Chat tab (one conversation with a model picker and a streamed answer) and,
// given a proxy, a Proxy tab. The status bar shows the tokens, cost and speed of every call and the
// session totals, with the proxy's traffic counted apart.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `proxy` may be null (no Proxy tab).
    MainWindow(MistralClient *client, SecretStore *secrets, ProxyServer *proxy, QWidget *parent = nullptr);

    ProxyPanel *proxyPanel() const { return m_proxyPanel; }

    // Reads the key (environment first, then the keychain) and fetches the model list.
    void startUp();

private:
    void buildUi();
    void askForKey();
    void useKey(const QString &key, const QString &source);
    void refreshModels();
    void send();
    void stop();
    void onFinished(const ChatResult &result);
    void onFailed(const ApiError &error);
    void appendTranscript(const QString &html);
    void renderAnswer();
    void setBusy(bool busy);
    void updateSessionLabel();

    MistralClient *m_client;
    SecretStore *m_secrets;
    ModelCatalog *m_catalog;
    PriceTable m_prices = PriceTable::defaults();
    QList<ChatMessage> m_history;
    QPointer<ChatStream> m_stream;
    QString m_transcriptMarkdown;
    QString m_answer;
    double m_sessionCost = 0.0;
    qint64 m_sessionTokens = 0;
    ProxyTotals m_proxyTotals;

    QComboBox *m_modelBox = nullptr;
    QTextBrowser *m_transcript = nullptr;
    QPlainTextEdit *m_composer = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QLabel *m_callLabel = nullptr;
    QLabel *m_sessionLabel = nullptr;
    QLabel *m_proxyLabel = nullptr;
    QTabWidget *m_tabs = nullptr;
    QMenu *m_viewMenu = nullptr;
    ProxyPanel *m_proxyPanel = nullptr;
};

} // namespace md
