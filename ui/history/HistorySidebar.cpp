// HistorySidebar: layout, list, search and keys. The actions (context menu, rename, pin,
// duplicate, delete/undo, export) are in HistorySidebarActions.cpp.
#include "history/HistorySidebar.h"

#include "history/HistoryItemDelegate.h"
#include "history/HistoryListModel.h"
#include "history/SearchResultDelegate.h"
#include "history/SearchResultModel.h"
#include "history/UndoBar.h"
#include "store/ConversationStore.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace md {

namespace {

enum Page { ListPage, EmptyPage, SearchPage };

void setupListView(QListView *view)
{
    view->setFrameShape(QFrame::NoFrame);
    view->setUniformItemSizes(false);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setMouseTracking(true);
    view->viewport()->setAttribute(Qt::WA_Hover, true);
}

} // namespace

HistorySidebar::HistorySidebar(ConversationStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_listModel(new HistoryListModel(store, this))
    , m_searchModel(new SearchResultModel(this))
    , m_search(new QLineEdit(this))
    , m_newButton(new QToolButton(this))
    , m_pages(new QStackedWidget(this))
    , m_list(new QListView(this))
    , m_emptyLabel(new QLabel(this))
    , m_results(new QListView(this))
    , m_resultStatus(new QLabel(this))
    , m_undoBar(new UndoBar(this))
{
    setObjectName(QStringLiteral("historySidebar"));
    setAccessibleName(tr("Conversation history"));

    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Search all conversations"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search all conversations"));
    m_search->setToolTip(tr("Search the text of every conversation (Ctrl+Shift+F)"));
    m_search->installEventFilter(this);

    m_newButton->setObjectName(QStringLiteral("historyNewButton"));
    m_newButton->setText(tr("New"));
    m_newButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_newButton->setAccessibleName(tr("New conversation"));
    m_newButton->setToolTip(tr("New conversation"));

    m_list->setObjectName(QStringLiteral("historyList"));
    m_list->setAccessibleName(tr("Conversations"));
    m_list->setModel(m_listModel);
    m_list->setItemDelegate(new HistoryItemDelegate(m_list));
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed);
    setupListView(m_list);
    m_list->installEventFilter(this);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QListView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_list->indexAt(pos);
        if (m_listModel->conversationAt(index.row()))
            showContextMenu(index, m_list->viewport()->mapToGlobal(pos));
    });

    m_emptyLabel->setObjectName(QStringLiteral("historyEmpty"));
    m_emptyLabel->setText(tr("No conversations yet.\nStart one with New."));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    m_results->setObjectName(QStringLiteral("historySearchResults"));
    m_results->setAccessibleName(tr("Search results"));
    m_results->setModel(m_searchModel);
    m_results->setItemDelegate(new SearchResultDelegate(m_results));
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    setupListView(m_results);
    m_results->installEventFilter(this);
    m_resultStatus->setObjectName(QStringLiteral("historySearchStatus"));
    m_resultStatus->setContentsMargins(10, 2, 10, 2);
    m_resultStatus->setForegroundRole(QPalette::PlaceholderText);
    m_resultStatus->setWordWrap(true);

    auto *searchPage = new QWidget(this);
    auto *searchLayout = new QVBoxLayout(searchPage);
    searchLayout->setContentsMargins(0, 0, 0, 0);
    searchLayout->setSpacing(2);
    searchLayout->addWidget(m_resultStatus);
    searchLayout->addWidget(m_results, 1);
    m_pages->addWidget(m_list);
    m_pages->addWidget(m_emptyLabel);
    m_pages->addWidget(searchPage);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(6, 6, 6, 2);
    top->setSpacing(4);
    top->addWidget(m_search, 1);
    top->addWidget(m_newButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_undoBar);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(kSearchDebounceMs);
    connect(&m_searchTimer, &QTimer::timeout, this, &HistorySidebar::searchNow);
    connect(m_search, &QLineEdit::textChanged, this, &HistorySidebar::onSearchTextChanged);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        searchNow();
        const QModelIndex current = m_results->currentIndex();
        openSearchIndex(current.isValid() ? current : m_searchModel->index(0));
    });
    connect(m_newButton, &QToolButton::clicked, this, &HistorySidebar::newConversationRequested);
    connect(m_list, &QListView::clicked, this, &HistorySidebar::openListIndex);
    connect(m_results, &QListView::clicked, this, &HistorySidebar::openSearchIndex);
    connect(m_undoBar, &UndoBar::undoRequested, this, [this](qint64 id) {
        if (m_store->restoreConversation(id))
            emit conversationRestored(id);
    });
    if (m_store)
        connect(m_store, &ConversationStore::conversationsChanged, this, &HistorySidebar::reload);

    // Relative times ("5 min ago") age; the sections move at midnight.
    m_clockTimer.setInterval(60 * 1000);
    connect(&m_clockTimer, &QTimer::timeout, this, [this] {
        if (QDate::currentDate() != m_listDay)
            reload();
        else
            m_list->viewport()->update();
    });
    m_clockTimer.start();

    reload();
}

HistorySidebar::~HistorySidebar()
{
    // An open title editor commits while the children are destroyed; the store's change signal
    // must not reach this half-destroyed sidebar then.
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_searchTimer.stop();
    m_clockTimer.stop();
}

void HistorySidebar::reload()
{
    const QModelIndex top = m_list->indexAt(QPoint(4, 4));
    const qint64 topId = m_listModel->conversationAt(top.row());
    m_listModel->reload();
    m_listDay = QDate::currentDate();
    selectCurrentInList();
    if (topId && m_currentId == 0) {
        const int row = m_listModel->rowOfConversation(topId);
        if (row >= 0)
            m_list->scrollTo(m_listModel->index(row), QAbstractItemView::PositionAtTop);
    }
    updateEmptyState();
    // Open results may name a renamed or deleted conversation.
    if (m_pages->currentIndex() == SearchPage)
        searchNow();
}

void HistorySidebar::updateEmptyState()
{
    if (m_pages->currentIndex() == SearchPage)
        return;
    m_pages->setCurrentIndex(m_listModel->conversationCount() == 0 ? EmptyPage : ListPage);
}

void HistorySidebar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void HistorySidebar::setCurrentConversation(qint64 id)
{
    m_currentId = id;
    selectCurrentInList();
}

void HistorySidebar::selectCurrentInList()
{
    const int row = m_listModel->rowOfConversation(m_currentId);
    if (row < 0) {
        m_list->clearSelection();
        return;
    }
    const QModelIndex index = m_listModel->index(row);
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
}

qint64 HistorySidebar::selectedListConversation() const
{
    return m_listModel->conversationAt(m_list->currentIndex().row());
}

void HistorySidebar::onSearchTextChanged(const QString &text)
{
    if (text.trimmed().isEmpty()) {
        m_searchTimer.stop();
        showList();
        return;
    }
    m_searchTimer.start();
}

void HistorySidebar::showList()
{
    m_searchModel->setHits({});
    m_pages->setCurrentIndex(ListPage);
    updateEmptyState();
}

void HistorySidebar::searchNow()
{
    m_searchTimer.stop();
    const QString text = m_search->text().trimmed();
    if (text.isEmpty()) {
        showList();
        return;
    }
    QElapsedTimer clock;
    clock.start();
    QList<SearchHit> hits = m_store->search(text, 50);
    m_lastSearchMs = clock.elapsed();
    const int count = int(hits.size());
    m_searchModel->setHits(std::move(hits));
    if (count == 0)
        m_resultStatus->setText(tr("Nothing found for “%1”").arg(text));
    else if (count >= 50)
        m_resultStatus->setText(tr("The 50 best matches for “%1”").arg(text));
    else
        m_resultStatus->setText(count == 1 ? tr("1 match") : tr("%1 matches").arg(count));
    m_results->setAccessibleDescription(m_resultStatus->text());
    if (count > 0)
        m_results->setCurrentIndex(m_searchModel->index(0));
    m_pages->setCurrentIndex(SearchPage);
}

void HistorySidebar::openListIndex(const QModelIndex &index)
{
    const qint64 id = m_listModel->conversationAt(index.row());
    if (id == 0)
        return;
    m_currentId = id;
    emit openRequested(id, 0);
}

void HistorySidebar::openSearchIndex(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    emit openRequested(index.data(SearchResultModel::ConversationIdRole).toLongLong(),
                       index.data(SearchResultModel::MessageIdRole).toLongLong());
}

bool HistorySidebar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_search) {
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
        if (key->key() == Qt::Key_Down) {
            QListView *target = m_pages->currentIndex() == SearchPage ? m_results : m_list;
            target->setFocus(Qt::TabFocusReason);
            if (!target->currentIndex().isValid() && target->model()->rowCount() > 0) {
                int row = 0;
                while (target == m_list && row < m_listModel->rowCount() && !m_listModel->conversationAt(row))
                    ++row;
                target->setCurrentIndex(target->model()->index(row, 0));
            }
            return true;
        }
        return QWidget::eventFilter(watched, event);
    }
    if (watched == m_results) {
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            openSearchIndex(m_results->currentIndex());
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            m_search->clear();
            m_search->setFocus(Qt::OtherFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Up && m_results->currentIndex().row() <= 0) {
            m_search->setFocus(Qt::OtherFocusReason);
            return true;
        }
        return QWidget::eventFilter(watched, event);
    }
    if (watched == m_list) { // while renaming, keys go to the editor, not here
        const qint64 id = selectedListConversation();
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            openListIndex(m_list->currentIndex());
            return true;
        case Qt::Key_Delete:
            if (id)
                deleteConversation(id);
            return true;
        case Qt::Key_F2:
            if (id)
                renameConversation(id);
            return true;
        case Qt::Key_Menu:
            showContextMenu(m_list->currentIndex(),
                            m_list->viewport()->mapToGlobal(m_list->visualRect(m_list->currentIndex()).center()));
            return true;
        default:
            if (key->matches(QKeySequence::Undo) && m_undoBar->isVisible()) {
                undoDelete();
                return true;
            }
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace md
