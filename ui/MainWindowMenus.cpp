#include "MainWindow.h"

#include "params/ParameterPanel.h"
#include "tools/ToolsSection.h"

#include "HistoryKeeper.h"
#include "api/MistralClient.h"
#include "catalog/ModelCatalog.h"
#include "common/LazyPage.h"
#include "compare/CompareView.h"
#include "conversation/Composer.h"
#include "conversation/ConversationTab.h"
#include "conversation/ConversationTabs.h"
#include "embeddings/EmbeddingsPage.h"
#include "fim/FimPage.h"
#include "history/HistorySidebar.h"
#include "proxypage/ProxyPanel.h"
#include "usage/UsagePage.h"

#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>

namespace md {

namespace {
const QString kPageKey = QStringLiteral("window/currentPage");
}

// The menus: every action of the window, with its shortcut.
void MainWindow::buildMenus()
{
    const auto tab = [this] { return m_conversations->currentTab(); };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New conversation"), QKeySequence(Qt::CTRL | Qt::Key_T), this, [this] {
        m_pages->setCurrentWidget(m_chatSplitter);
        m_conversations->newTab();
    });
    file->addAction(tr("&Duplicate conversation"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), this,
                    [this] { m_conversations->duplicateTab(m_conversations->currentIndex()); });
    file->addAction(tr("&Rename conversation…"), QKeySequence(Qt::Key_F2), this,
                    [this] { m_conversations->renameTab(m_conversations->currentIndex()); });
    file->addAction(tr("&Close conversation"), QKeySequence(Qt::CTRL | Qt::Key_W), this,
                    [this] { m_conversations->closeTab(m_conversations->currentIndex()); });
    file->addSeparator();
    if (m_history->store()) {
        QMenu *exportMenu = file->addMenu(tr("&Export"));
        exportMenu->addAction(tr("This conversation as &Markdown…"), this, [this, tab] {
            if (tab())
                m_history->exportConversation(this, tab()->conversationId(), true);
        });
        exportMenu->addAction(tr("This conversation as &JSON…"), this, [this, tab] {
            if (tab())
                m_history->exportConversation(this, tab()->conversationId(), false);
        });
        exportMenu->addAction(tr("&All conversations as JSON…"), this, [this] { m_history->exportAll(this); });
        file->addAction(tr("&Import conversations…"), this, [this] { m_history->importFile(this); });
        file->addSeparator();
    }
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Comma), QKeySequence::Preferences});
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    QAction *send = chat->addAction(tr("&Send"), this, [this, tab] {
        if (onComparePage())
            compareView()->sendToAll();
        else if (tab())
            tab()->send();
    });
    send->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    QAction *stop = chat->addAction(tr("S&top"), this, [this, tab] {
        if (onComparePage()) {
            compareView()->stopAll();
        } else if (ConversationTab *current = tab()) {
            if (current->isBusy())
                current->stop();
            else if (current->composer()->isEditing())
                current->composer()->setEditing(false);
        }
    });
    stop->setShortcut(QKeySequence(Qt::Key_Escape));
    chat->addAction(tr("Choose &model…"), QKeySequence(Qt::CTRL | Qt::Key_K), this, [this, tab] {
        if (isShowingWelcome())
            return;
        m_pages->setCurrentWidget(m_chatSplitter);
        if (tab())
            tab()->openModelPicker();
    });
    chat->addAction(tr("Show &parameters"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this, [tab] {
        if (tab())
            tab()->setParametersVisible(!tab()->parametersVisible());
    });
    chat->addAction(tr("&Tools…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), this, [this, tab] {
        if (isShowingWelcome() || !tab())
            return;
        m_pages->setCurrentWidget(m_chatSplitter);
        tab()->setParametersVisible(true);
        tab()->parameterPanel()->toolsSection()->editTools();
    });
    chat->addAction(tr("&View code…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), this, [tab] {
        if (tab())
            tab()->showCode();
    });
    chat->addSeparator();
    chat->addAction(tr("&Refresh model list"), this, [this] {
        if (m_client->hasApiKey())
            m_catalog->refresh(m_client);
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    view->addAction(tr("&Chat"), QKeySequence(Qt::CTRL | Qt::Key_1), this, [this, tab] {
        m_pages->setCurrentWidget(m_chatSplitter);
        if (tab())
            tab()->focusComposer();
    });
    view->addAction(tr("C&ompare"), QKeySequence(Qt::CTRL | Qt::Key_2), this, [this] {
        m_pages->setCurrentWidget(m_comparePage);
        compareView()->composer()->focusEditor();
    });
    view->addAction(tr("&Embeddings"), QKeySequence(Qt::CTRL | Qt::Key_4), this,
                    [this] { m_pages->setCurrentWidget(m_embeddingsPage); });
    view->addAction(tr("Code &completion"), QKeySequence(Qt::CTRL | Qt::Key_5), this,
                    [this] { m_pages->setCurrentWidget(m_fimPage); });
    if (m_usagePage) {
        view->addAction(tr("&Usage"), QKeySequence(Qt::CTRL | Qt::Key_6), this, [this] {
            m_pages->setCurrentWidget(m_usagePage);
            m_usage->refresh();
        });
    }
    if (m_sidebarPage) {
        view->addSeparator();
        QAction *showHistory = view->addAction(tr("&History sidebar"));
        showHistory->setCheckable(true);
        showHistory->setChecked(true);
        showHistory->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
        connect(showHistory, &QAction::toggled, m_sidebarPage, &QWidget::setVisible);
        view->addAction(tr("&Search history…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), this,
                        [this, showHistory] {
                            m_pages->setCurrentWidget(m_chatSplitter);
                            showHistory->setChecked(true);
                            historySidebar()->focusSearch();
                        });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Mistral Desk"), this, [this] {
        QMessageBox::about(this, tr("About Mistral Desk"),
                           tr("<b>Mistral Desk %1</b><p>A native playground for the Mistral API, with a local "
                              "OpenAI-compatible proxy. Your key stays in the system keychain.</p>")
                               .arg(QLatin1String(MD_VERSION)));
    });

    m_pages->setCurrentIndex(qBound(0, QSettings().value(kPageKey, 0).toInt(), m_pages->count() - 1));
    connect(m_pages, &QTabWidget::currentChanged, this, [](int index) { QSettings().setValue(kPageKey, index); });
}

} // namespace md
