#pragma once

#include <QDate>
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QStackedWidget;
class QToolButton;

namespace md {

class ConversationStore;
class HistoryListModel;
class SearchResultModel;
class UndoBar;

// The conversation history beside the chat: conversations by date (Pinned, Today, Yesterday,
// Previous 7 days, Previous 30 days, then by month) with title, model and relative time; pin,
// rename (F2, in place), duplicate, export, delete with an undo bar; and full-text search across
// all conversations, debounced as the user types, with the matches highlighted in each snippet.
//
// Keys: in the list Enter opens, F2 renames, Delete deletes, Menu opens the context menu; in the
// search field Down goes to the results, Enter opens the first (or selected) one, Escape clears.
class HistorySidebar : public QWidget {
    Q_OBJECT
public:
    enum class ExportFormat { Markdown, Json };
    static constexpr int kSearchDebounceMs = 150;

    HistorySidebar(ConversationStore *store, QWidget *parent = nullptr);
    ~HistorySidebar() override;

    void reload();                          // also on store->conversationsChanged()
    void focusSearch();                     // Ctrl+F / Ctrl+Shift+F
    void setCurrentConversation(qint64 id); // highlight the open one
    qint64 currentConversation() const { return m_currentId; }

    // The actions of the context menu, for the keyboard, the lead's menus and tests.
    void renameConversation(qint64 id); // starts editing the title in place
    void togglePinned(qint64 id);
    void duplicateConversation(qint64 id);                   // and opens the copy
    void deleteConversation(qint64 id);                      // soft delete + the undo bar
    void undoDelete();                                       // restores the last deleted one, if the bar still shows
    void exportConversation(qint64 id, ExportFormat format); // asks for a file
    bool exportConversationTo(qint64 id, ExportFormat format, const QString &path, QString *error = nullptr);

    // Runs the pending search now instead of after the debounce (tests, Enter in the field).
    void searchNow();
    qint64 lastSearchDurationMs() const { return m_lastSearchMs; }

    HistoryListModel *listModel() const { return m_listModel; }
    SearchResultModel *searchModel() const { return m_searchModel; }

signals:
    void openRequested(qint64 conversationId, qint64 messageId); // messageId 0 = just open; else scroll to it
    void newConversationRequested();
    void conversationDeleted(qint64 conversationId);  // soft-deleted: close its tab
    void conversationRestored(qint64 conversationId); // the undo

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onSearchTextChanged(const QString &text);
    void showList();
    void openListIndex(const QModelIndex &index);
    void openSearchIndex(const QModelIndex &index);
    void showContextMenu(const QModelIndex &index, const QPoint &globalPos);
    void selectCurrentInList();
    void updateEmptyState();
    qint64 selectedListConversation() const;

    ConversationStore *m_store;
    HistoryListModel *m_listModel;
    SearchResultModel *m_searchModel;
    QLineEdit *m_search;
    QToolButton *m_newButton;
    QStackedWidget *m_pages;
    QListView *m_list;
    QLabel *m_emptyLabel;
    QListView *m_results;
    QLabel *m_resultStatus;
    UndoBar *m_undoBar;
    QTimer m_searchTimer;
    QTimer m_clockTimer; // relative times and date sections age
    QDate m_listDay;
    qint64 m_currentId = 0;
    qint64 m_lastSearchMs = -1;
};

} // namespace md
