#include "conversation/ConversationTabs.h"

#include "chat/ChatView.h"
#include "chat/ConversationModel.h"
#include "conversation/ConversationMirror.h"
#include "conversation/ConversationTab.h"
#include "store/ConversationStore.h"

#include <QInputDialog>
#include <QMenu>
#include <QTabBar>
#include <QTimer>
#include <QToolButton>

namespace md {

namespace {
constexpr int kSaveDelayMs = 1000;
}

ConversationTabs::ConversationTabs(const TabServices &services, QWidget *parent)
    : QTabWidget(parent)
    , m_services(services)
    , m_saveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("conversationTabs"));
    setAccessibleName(tr("Conversations"));
    setDocumentMode(true);
    setMovable(true);
    setTabsClosable(true);
    setUsesScrollButtons(true);
    tabBar()->setElideMode(Qt::ElideRight);
    tabBar()->setContextMenuPolicy(Qt::CustomContextMenu);

    auto *plus = new QToolButton(this);
    plus->setText(QStringLiteral("+"));
    plus->setAutoRaise(true);
    plus->setToolTip(tr("New conversation (Ctrl+T)"));
    plus->setAccessibleName(tr("New conversation"));
    setCornerWidget(plus, Qt::TopRightCorner);
    connect(plus, &QToolButton::clicked, this, [this] { newTab(); });

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(kSaveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &ConversationTabs::saveNow);
    connect(this, &QTabWidget::tabCloseRequested, this, &ConversationTabs::closeTab);
    connect(tabBar(), &QTabBar::tabMoved, this, &ConversationTabs::scheduleSave);
    connect(this, &QTabWidget::currentChanged, this, &ConversationTabs::scheduleSave);
    connect(this, &QTabWidget::currentChanged, this, [this] {
        if (ConversationTab *tab = currentTab())
            emit currentConversationChanged(tab->conversationId());
    });
    connect(tabBar(), &QTabBar::tabBarDoubleClicked, this, &ConversationTabs::renameTab);
    connect(tabBar(), &QTabBar::customContextMenuRequested, this, &ConversationTabs::showTabMenu);
}

ConversationTabs::~ConversationTabs()
{
    if (m_saveTimer->isActive())
        saveNow();
}

ConversationTab *ConversationTabs::currentTab() const
{
    return qobject_cast<ConversationTab *>(currentWidget());
}

ConversationTab *ConversationTabs::tab(int index) const
{
    return qobject_cast<ConversationTab *>(widget(index));
}

ConversationTab *ConversationTabs::newTab(const QJsonObject &state)
{
    auto *tab = new ConversationTab(m_services, this);
    if (!state.isEmpty()) {
        tab->loadJson(state);
    } else if (ConversationTab *current = currentTab()) {
        tab->setParameters(current->parameters());
        tab->setParametersVisible(current->parametersVisible());
    }
    if (m_store && !m_restoring)
        tab->useStore(m_store); // stored from its first message on: empty tabs leave no trace
    adopt(tab);
    const int index = m_restoring ? addTab(tab, tab->title()) : insertTab(currentIndex() + 1, tab, tab->title());
    updateLabel(tab);
    if (!m_restoring) {
        setCurrentIndex(index);
        tab->focusComposer();
        scheduleSave();
    }
    return tab;
}

void ConversationTabs::adopt(ConversationTab *tab)
{
    connect(tab, &ConversationTab::titleChanged, this, [this, tab] { updateLabel(tab); });
    connect(tab, &ConversationTab::busyChanged, this, [this, tab] { updateLabel(tab); });
    connect(tab, &ConversationTab::changed, this, &ConversationTabs::scheduleSave);
    connect(tab, &ConversationTab::callFinished, this, &ConversationTabs::callFinished);
    connect(tab, &ConversationTab::keyRejected, this, &ConversationTabs::keyRejected);
    connect(tab, &ConversationTab::statusMessage, this, &ConversationTabs::statusMessage);
    connect(tab, &ConversationTab::forked, this, [this](qint64 id) { openConversation(id); });
}

void ConversationTabs::updateLabel(ConversationTab *tab)
{
    const int index = indexOf(tab);
    if (index < 0)
        return;
    // A tab that is receiving an answer says so, also when it is not the one shown.
    setTabText(index, tab->isBusy() ? QStringLiteral("● ") + tab->title() : tab->title());
    setTabToolTip(index, tab->isBusy() ? tr("%1 (answering…)").arg(tab->title()) : tab->title());
}

void ConversationTabs::closeTab(int index)
{
    ConversationTab *closing = tab(index);
    if (!closing)
        return;
    closing->stop();
    closing->saveToStore(); // the conversation stays in the history
    const ChatParameters parameters = closing->parameters();
    removeTab(index);
    closing->deleteLater();
    if (count() == 0)
        newTab()->setParameters(parameters);
    scheduleSave();
}

void ConversationTabs::duplicateTab(int index)
{
    ConversationTab *source = tab(index);
    if (!source)
        return;
    if (m_store && source->conversationId()) {
        source->saveToStore();
        const qint64 copy = m_store->duplicateConversation(source->conversationId());
        if (copy != 0) {
            m_store->renameConversation(copy, tr("%1 (copy)").arg(source->title()));
            setCurrentIndex(index);
            openConversation(copy);
        }
        return;
    }
    QJsonObject state = source->toJson();
    state.insert(QStringLiteral("title"), tr("%1 (copy)").arg(source->title()));
    state.insert(QStringLiteral("title_chosen"), true);
    setCurrentIndex(index);
    newTab(state);
}

void ConversationTabs::renameTab(int index)
{
    ConversationTab *target = tab(index);
    if (!target)
        return;
    bool ok = false;
    const QString name
        = QInputDialog::getText(this, tr("Rename conversation"), tr("Name:"), QLineEdit::Normal, target->title(), &ok);
    if (ok && !name.trimmed().isEmpty())
        target->setTitle(name, true);
}

void ConversationTabs::showTabMenu(const QPoint &pos)
{
    const int index = tabBar()->tabAt(pos);
    if (index < 0)
        return;
    QMenu menu(this);
    menu.addAction(tr("Rename…"), this, [this, index] { renameTab(index); });
    menu.addAction(tr("Duplicate"), this, [this, index] { duplicateTab(index); });
    menu.addSeparator();
    menu.addAction(tr("Close"), this, [this, index] { closeTab(index); });
    menu.exec(tabBar()->mapToGlobal(pos));
}

void ConversationTabs::setStore(ConversationStore *store)
{
    m_store = store;
}

void ConversationTabs::restore()
{
    int current = 0;
    if (m_store) {
        moveSettingsTabsIntoStore();
        const QList<qint64> ids = m_store->openTabs(&current);
        m_restoring = true;
        for (const qint64 id : ids) {
            if (!m_store->conversation(id))
                continue; // deleted meanwhile
            ConversationTab *tab = newTab();
            tab->attachStore(m_store, id);
        }
        m_restoring = false;
    } else {
        const QList<QJsonObject> states = m_settingsStore.load(&current);
        m_restoring = true;
        for (const QJsonObject &state : states)
            newTab(state);
        m_restoring = false;
    }
    if (count() == 0)
        newTab();
    setCurrentIndex(qBound(0, current, count() - 1));
}

void ConversationTabs::moveSettingsTabsIntoStore()
{
    // Tabs kept in QSettings by earlier versions become stored conversations, once.
    int current = 0;
    const QList<QJsonObject> states = m_settingsStore.load(&current);
    if (states.isEmpty())
        return;
    QList<qint64> ids = m_store->openTabs();
    for (const QJsonObject &state : states) {
        ConversationTab tab(m_services);
        tab.loadJson(state);
        const qint64 id = m_store->createConversation(tab.title(), tab.uiState());
        if (id == 0)
            return; // keep them in QSettings; the next start tries again
        tab.attachStore(m_store, id, true);
        ids.append(id);
    }
    m_store->setOpenTabs(ids, current);
    m_settingsStore.save({}, 0);
}

ConversationTab *ConversationTabs::openConversation(qint64 conversationId, qint64 messageId)
{
    if (!m_store)
        return nullptr;
    int index = indexOfConversation(conversationId);
    if (index < 0) {
        auto *tab = new ConversationTab(m_services, this);
        tab->attachStore(m_store, conversationId);
        adopt(tab);
        index = insertTab(currentIndex() + 1, tab, tab->title());
        updateLabel(tab);
        scheduleSave();
    }
    setCurrentIndex(index);
    ConversationTab *shown = tab(index);
    if (messageId != 0) {
        if (m_store->message(messageId) && shown->mirror()) {
            // A hit on another branch: show that branch.
            bool onPath = false;
            for (int row = 0; row < shown->conversation()->rowCount(); ++row)
                onPath = onPath || shown->mirror()->storeId(row) == messageId;
            if (!onPath && m_store->selectBranch(messageId))
                shown->mirror()->load();
        }
        for (int row = 0; row < shown->conversation()->rowCount(); ++row) {
            if (shown->mirror()->storeId(row) == messageId)
                shown->chatView()->setCurrentRow(row);
        }
    }
    return shown;
}

void ConversationTabs::closeConversation(qint64 conversationId)
{
    const int index = indexOfConversation(conversationId);
    if (index >= 0)
        closeTab(index);
}

int ConversationTabs::indexOfConversation(qint64 conversationId) const
{
    for (int i = 0; i < count(); ++i) {
        if (tab(i)->conversationId() == conversationId)
            return i;
    }
    return -1;
}

void ConversationTabs::saveNow()
{
    m_saveTimer->stop();
    if (m_store) {
        QList<qint64> ids;
        for (int i = 0; i < count(); ++i) {
            tab(i)->saveToStore();
            if (tab(i)->conversationId())
                ids.append(tab(i)->conversationId());
        }
        m_store->setOpenTabs(ids, currentIndex());
        return;
    }
    QList<QJsonObject> states;
    for (int i = 0; i < count(); ++i)
        states.append(tab(i)->toJson());
    m_settingsStore.save(states, currentIndex());
}

void ConversationTabs::refreshPrices()
{
    for (int i = 0; i < count(); ++i)
        tab(i)->refreshPrices();
}

void ConversationTabs::scheduleSave()
{
    if (!m_restoring)
        m_saveTimer->start();
}

} // namespace md
