#include "MainWindow.h"

#include "proxypage/ProxyPanel.h"

#include "api/ChatStream.h"
#include "api/MistralClient.h"
#include "catalog/ModelCatalog.h"
#include "secrets/SecretStore.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace md {

namespace {
const QString kKeyName = QStringLiteral("api-key");
const QString kTabKey = QStringLiteral("window/currentTab");

QString escapeMarkdown(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    return out;
}
} // namespace

MainWindow::MainWindow(MistralClient *client, SecretStore *secrets, ProxyServer *proxy, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_secrets(secrets)
    , m_catalog(new ModelCatalog(this))
{
    buildUi();
    if (proxy) {
        m_proxyPanel = new ProxyPanel(proxy, secrets, m_tabs);
        m_proxyPanel->setObjectName(QStringLiteral("proxyPanel"));
        m_tabs->addTab(m_proxyPanel, tr("&Proxy"));
        m_tabs->setTabToolTip(1, tr("The local endpoint other programs use (Ctrl+2)"));
        auto *showProxy = m_viewMenu->addAction(tr("&Proxy"));
        showProxy->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
        connect(showProxy, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_proxyPanel); });
        connect(m_proxyPanel, &ProxyPanel::totalsChanged, this, [this](const ProxyTotals &totals) {
            m_proxyTotals = totals;
            updateSessionLabel();
        });
        connect(m_proxyPanel, &ProxyPanel::runningChanged, this, [this](bool running, const QString &url) {
            m_proxyLabel->setText(running ? tr("Proxy on · %1").arg(url) : QString());
            m_proxyLabel->setVisible(running);
        });
        m_proxyLabel->setVisible(m_proxyPanel->isRunning());
    }
    // Back on the page the user left open last time.
    m_tabs->setCurrentIndex(qBound(0, QSettings().value(kTabKey, 0).toInt(), m_tabs->count() - 1));
    connect(m_tabs, &QTabWidget::currentChanged, this, [](int index) { QSettings().setValue(kTabKey, index); });
    connect(m_catalog, &ModelCatalog::updated, this, [this] {
        const QString current = m_modelBox->currentData().toString();
        m_modelBox->clear();
        for (const ModelInfo &m : m_catalog->models([](const ModelInfo &info) { return info.capabilities.chat; })) {
            QString label = m.id;
            if (m.isDeprecated())
                label += QStringLiteral("  (deprecated %1)").arg(m.deprecation.toString(Qt::ISODate));
            m_modelBox->addItem(label, m.id);
            m_modelBox->setItemData(m_modelBox->count() - 1,
                                    QStringLiteral("%1\nContext: %2 tokens\nCan do: %3")
                                        .arg(m.description)
                                        .arg(m.maxContextLength)
                                        .arg(m.capabilityLabels().join(QLatin1String(", "))),
                                    Qt::ToolTipRole);
        }
        const int keep = m_modelBox->findData(m_catalog->canonicalId(current));
        m_modelBox->setCurrentIndex(qMax(0, keep));
        statusBar()->showMessage(tr("%n model(s) available", nullptr, m_modelBox->count()), 4000);
    });
    connect(m_catalog, &ModelCatalog::refreshFailed, this, [this](const ApiError &error) {
        statusBar()->showMessage(tr("Could not load the model list: %1").arg(error.userMessage()));
    });
}

void MainWindow::buildUi()
{
    setWindowTitle(tr("Mistral Desk"));
    resize(1000, 720);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Set API &key…"), this, &MainWindow::askForKey);
    file->addAction(tr("&Refresh models"), this, &MainWindow::refreshModels);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *showChat = m_viewMenu->addAction(tr("&Chat"));
    showChat->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    auto *central = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(central);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Model:"), central));
    m_modelBox = new QComboBox(central);
    m_modelBox->setAccessibleName(tr("Model"));
    m_modelBox->setMinimumWidth(320);
    m_modelBox->addItem(QStringLiteral("mistral-small-latest"), QStringLiteral("mistral-small-latest"));
    top->addWidget(m_modelBox);
    top->addStretch();
    layout->addLayout(top);

    auto *splitter = new QSplitter(Qt::Vertical, central);
    m_transcript = new QTextBrowser(splitter);
    m_transcript->setOpenExternalLinks(true);
    m_transcript->setAccessibleName(tr("Conversation"));
    m_composer = new QPlainTextEdit(splitter);
    m_composer->setPlaceholderText(tr("Ask something… (Ctrl+Enter sends)"));
    m_composer->setAccessibleName(tr("Message"));
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_stopButton = new QPushButton(tr("Stop"), central);
    m_sendButton = new QPushButton(tr("Send"), central);
    m_sendButton->setDefault(true);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_sendButton);
    layout->addLayout(buttons);
    m_tabs->addTab(central, tr("&Chat"));
    m_tabs->setTabToolTip(0, tr("Chat with a model (Ctrl+1)"));
    setCentralWidget(m_tabs);
    connect(showChat, &QAction::triggered, this, [this, central] {
        m_tabs->setCurrentWidget(central);
        m_composer->setFocus();
    });

    m_callLabel = new QLabel(this);
    m_sessionLabel = new QLabel(this);
    m_sessionLabel->setObjectName(QStringLiteral("sessionLabel"));
    m_sessionLabel->setToolTip(tr("Tokens and cost this session, at list prices: your chats, and other programs "
                                  "through the local proxy"));
    m_proxyLabel = new QLabel(this);
    m_proxyLabel->setObjectName(QStringLiteral("proxyStatusLabel"));
    m_proxyLabel->setToolTip(tr("The local proxy is running (View → Proxy)"));
    m_proxyLabel->setContentsMargins(12, 0, 0, 0); // apart from the session totals next to it
    m_proxyLabel->hide();
    statusBar()->addPermanentWidget(m_callLabel);
    statusBar()->addPermanentWidget(m_sessionLabel);
    statusBar()->addPermanentWidget(m_proxyLabel);

    connect(m_sendButton, &QPushButton::clicked, this, &MainWindow::send);
    connect(m_stopButton, &QPushButton::clicked, this, &MainWindow::stop);
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(sendShortcut, &QShortcut::activated, this, &MainWindow::send);
    auto *stopShortcut = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(stopShortcut, &QShortcut::activated, this, &MainWindow::stop);
    setBusy(false);
}

void MainWindow::startUp()
{
    const QString fromEnv = qEnvironmentVariable("MISTRAL_API_KEY");
    if (!fromEnv.isEmpty()) {
        useKey(fromEnv, tr("the MISTRAL_API_KEY environment variable"));
        return;
    }
    m_secrets->read(kKeyName, [this](const SecretResult &result) {
        if (result.ok()) {
            useKey(result.value, m_secrets->backendName());
            return;
        }
        QString why = result.status == SecretResult::Status::NotFound ? QString() : result.message;
        appendTranscript(QStringLiteral("### Welcome to Mistral Desk\n\nChat with Mistral's models and see what each "
                                        "call costs. To start, choose **File → Set API key…** and paste a key from "
                                        "console.mistral.ai. It is kept in your system keychain, never in a file.\n\n")
                         + (why.isEmpty() ? QString() : QStringLiteral("> %1\n\n").arg(why)));
    });
}

void MainWindow::askForKey()
{
    bool ok = false;
    const QString key
        = QInputDialog::getText(this, tr("Mistral API key"),
                                tr("Paste your API key. It is stored in %1.").arg(m_secrets->backendName()),
                                QLineEdit::Password, QString(), &ok)
              .trimmed();
    if (!ok || key.isEmpty())
        return;
    m_secrets->write(kKeyName, key, [this, key](const SecretResult &result) {
        if (!result.ok()) {
            const auto answer = QMessageBox::question(
                this, tr("Keychain unavailable"), tr("%1\n\nUse this key for this session only?").arg(result.message));
            if (answer != QMessageBox::Yes)
                return;
            useKey(key, tr("this session only"));
            return;
        }
        useKey(key, m_secrets->backendName());
    });
}

void MainWindow::useKey(const QString &key, const QString &source)
{
    m_client->setApiKey(key);
    statusBar()->showMessage(tr("Using the API key from %1").arg(source), 5000);
    refreshModels();
}

void MainWindow::refreshModels()
{
    if (!m_client->hasApiKey())
        return;
    m_catalog->refresh(m_client);
}

void MainWindow::send()
{
    const QString text = m_composer->toPlainText().trimmed();
    if (text.isEmpty() || m_stream)
        return;
    if (!m_client->hasApiKey()) {
        askForKey();
        return;
    }
    ChatRequest request;
    request.model = m_modelBox->currentData().toString();
    m_history.append(ChatMessage::user(text));
    request.messages = m_history;
    m_composer->clear();
    appendTranscript(QStringLiteral("**You**\n\n%1\n\n").arg(escapeMarkdown(text)));
    m_answer.clear();

    m_stream = m_client->chat(request, true);
    auto *repaint = new QTimer(m_stream);
    repaint->setSingleShot(true);
    repaint->setInterval(33); // at most ~30 repaints a second however fast tokens arrive
    connect(repaint, &QTimer::timeout, this, &MainWindow::renderAnswer);
    connect(m_stream, &ChatStream::textDelta, this, [this, repaint](const QString &delta) {
        m_answer += delta;
        if (!repaint->isActive())
            repaint->start();
    });
    connect(m_stream, &ChatStream::retrying, this, [this](int, int delayMs, const ApiError &error) {
        statusBar()->showMessage(tr("%1 Retrying in %2 s…").arg(error.userMessage()).arg((delayMs + 999) / 1000));
    });
    connect(m_stream, &ChatStream::finished, this, &MainWindow::onFinished);
    connect(m_stream, &ChatStream::failed, this, &MainWindow::onFailed);
    setBusy(true);
}

void MainWindow::stop()
{
    if (m_stream)
        m_stream->cancel();
}

void MainWindow::renderAnswer()
{
    m_transcript->setMarkdown(m_transcriptMarkdown
                              + QStringLiteral("**%1**\n\n").arg(m_modelBox->currentData().toString()) + m_answer);
    m_transcript->moveCursor(QTextCursor::End);
}

void MainWindow::onFinished(const ChatResult &result)
{
    m_history.append(ChatMessage::assistant(result.content));
    appendTranscript(QStringLiteral("**%1**\n\n%2\n\n").arg(result.model, result.content));
    const auto cost = m_prices.cost(result.model, result.usage, m_catalog);
    m_sessionCost += cost.value_or(0.0);
    m_sessionTokens += result.usage.totalTokens;
    m_callLabel->setText(tr("%1 in + %2 out tokens · %3 · first token %4 ms · %5 tok/s")
                             .arg(result.usage.promptTokens)
                             .arg(result.usage.completionTokens)
                             .arg(cost ? PriceTable::formatUsd(*cost) : tr("no price"))
                             .arg(result.timeToFirstTokenMs)
                             .arg(result.tokensPerSecond, 0, 'f', 1));
    updateSessionLabel();
    setBusy(false);
}

void MainWindow::onFailed(const ApiError &error)
{
    // The part of the answer already shown stays; the question stays in history only if answered.
    if (!m_answer.isEmpty()) {
        m_history.append(ChatMessage::assistant(m_answer));
        appendTranscript(QStringLiteral("**%1**\n\n%2\n\n").arg(m_modelBox->currentData().toString(), m_answer));
    } else {
        m_history.removeLast();
    }
    appendTranscript(QStringLiteral("> **%1** %2\n\n")
                         .arg(error.kind == ApiError::Kind::Cancelled ? tr("Stopped.") : tr("Error:"),
                              error.kind == ApiError::Kind::Cancelled ? QString() : error.userMessage()));
    setBusy(false);
}

void MainWindow::appendTranscript(const QString &markdown)
{
    m_transcriptMarkdown += markdown;
    m_transcript->setMarkdown(m_transcriptMarkdown);
    m_transcript->moveCursor(QTextCursor::End);
}

void MainWindow::updateSessionLabel()
{
    const QLocale locale;
    QString text
        = tr("Session: chat %1 tokens %2").arg(locale.toString(m_sessionTokens), PriceTable::formatUsd(m_sessionCost));
    if (m_proxyTotals.requests > 0) {
        text += QStringLiteral(" · ")
            + tr("proxy %1 tokens %2")
                  .arg(locale.toString(m_proxyTotals.tokens()), PriceTable::formatUsd(m_proxyTotals.costUsd));
    }
    m_sessionLabel->setText(text);
}

void MainWindow::setBusy(bool busy)
{
    m_sendButton->setEnabled(!busy);
    m_stopButton->setEnabled(busy);
}

} // namespace md
