#pragma once

#include "api/ChatMessage.h"
#include "catalog/PriceTable.h"

#include <QList>
#include <QMainWindow>
#include <QPointer>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace md {

class ChatStream;
class MistralClient;
class ModelCatalog;
class SecretStore;
struct ApiError;
struct ChatResult;

// The app's window: one conversation with a model picker, a streamed answer, and the tokens, cost
// and speed of every call in the status bar.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(MistralClient *client, SecretStore *secrets, QWidget *parent = nullptr);

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

    QComboBox *m_modelBox = nullptr;
    QTextBrowser *m_transcript = nullptr;
    QPlainTextEdit *m_composer = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QLabel *m_callLabel = nullptr;
    QLabel *m_sessionLabel = nullptr;
};

} // namespace md
