#pragma once

#include "api/ChatResult.h"
#include "conversation/TabServices.h"
#include "conversation/TabStore.h"

#include <QTabWidget>

#include <optional>

class QTimer;

namespace md {

class ConversationStore;
class ConversationTab;

// The row of conversation tabs: new, close, rename, reorder (drag), duplicate; each tab keeps its
// own model, parameters, system prompt and history, and the set comes back after a restart.
class ConversationTabs : public QTabWidget {
    Q_OBJECT
public:
    explicit ConversationTabs(const TabServices &services, QWidget *parent = nullptr);
    ~ConversationTabs() override;

    // With a store, tabs are stored conversations and the set of open tabs lives in it too; without
    // (no database could be opened), tabs are kept in QSettings as before.
    void setStore(ConversationStore *store);
    ConversationStore *store() const { return m_store; }

    ConversationTab *currentTab() const;
    ConversationTab *tab(int index) const;

    // A new empty conversation, with the current tab's model and parameters (or `state` restored).
    ConversationTab *newTab(const QJsonObject &state = {});
    // Stops its answer if one is streaming; closing the last tab leaves a fresh one.
    void closeTab(int index);
    void duplicateTab(int index);
    // Shows a stored conversation: its tab if open, else a new tab; scrolls to `messageId` if given.
    ConversationTab *openConversation(qint64 conversationId, qint64 messageId = 0);
    int indexOfConversation(qint64 conversationId) const;
    // The conversation was deleted from the history: its tab closes (and reopens on undo).
    void closeConversation(qint64 conversationId);
    // Asks for a name.
    void renameTab(int index);

    void restore();
    void saveNow();
    void refreshPrices();

signals:
    void callFinished(const md::ChatResult &result, std::optional<double> costUsd);
    void currentConversationChanged(qint64 conversationId);
    void keyRejected();
    void statusMessage(const QString &message);

private:
    void adopt(ConversationTab *tab);
    void updateLabel(ConversationTab *tab);
    void showTabMenu(const QPoint &pos);
    void scheduleSave();
    void moveSettingsTabsIntoStore();

    TabServices m_services;
    TabStore m_settingsStore;
    ConversationStore *m_store = nullptr;
    QTimer *m_saveTimer;
    bool m_restoring = false;
};

} // namespace md
