#include "conversation/ConversationTabs.h"

#include "conversation/ConversationTab.h"

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
    removeTab(index);
    closing->deleteLater();
    if (count() == 0) {
        auto *fresh = new ConversationTab(m_services, this);
        fresh->setParameters(closing->parameters());
        adopt(fresh);
        addTab(fresh, fresh->title());
    }
    scheduleSave();
}

void ConversationTabs::duplicateTab(int index)
{
    ConversationTab *source = tab(index);
    if (!source)
        return;
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

void ConversationTabs::restore()
{
    int current = 0;
    const QList<QJsonObject> states = m_store.load(&current);
    m_restoring = true;
    for (const QJsonObject &state : states)
        newTab(state);
    m_restoring = false;
    if (count() == 0)
        newTab();
    setCurrentIndex(current);
}

void ConversationTabs::saveNow()
{
    m_saveTimer->stop();
    QList<QJsonObject> states;
    for (int i = 0; i < count(); ++i)
        states.append(tab(i)->toJson());
    m_store.save(states, currentIndex());
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
