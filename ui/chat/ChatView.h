#pragma once

#include "chat/ChatActionBar.h"
#include "chat/ChatTheme.h"
#include "chat/RowGeometry.h"

#include <QAbstractScrollArea>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <memory>

class QPushButton;

namespace md {

class ConversationModel;
class MessageLayout;

// The conversation display: a virtual list that lays out only the rows it shows (newest first when
// a conversation opens), estimates the heights of the others, and caches layouts per (id, revision,
// width). A streamed answer re-lays out that one row, at the model's coalesced pace (~30/s).
// It follows the bottom while the user is there, and never moves what the user scrolled to.
//
// Keyboard (current message): Up/Down, PageUp/PageDown, Home/End, Ctrl+C copy (selection or
// message), E edit, R regenerate (retry on an error card), C continue, Delete, Enter retry,
// Menu/Shift+F10 context menu, Alt+Left / Alt+Right previous / next version (branch) of the
// message. Text of a message body can be selected with the mouse.
class ChatView : public QAbstractScrollArea {
    Q_OBJECT
public:
    using Action = ChatActionBar::Action;

    explicit ChatView(QWidget *parent = nullptr);
    ~ChatView() override;

    void setConversation(ConversationModel *model);
    ConversationModel *conversation() const { return m_model; }
    void scrollToBottom();

    int currentRow() const { return m_currentRow; }
    void setCurrentRow(int row);
    // True while new content keeps the newest text in view.
    bool isFollowingBottom() const { return m_followBottom; }
    // Rows (partly) shown now.
    QPair<int, int> visibleRows() const;
    QRect rowRect(int row) const; // in viewport coordinates; empty when not shown
    // The ‹ (delta -1) or › (+1) arrow of the row's branch switcher, in viewport coordinates; empty
    // when the row is not shown or has no siblings.
    QRect branchArrowRect(int row, int delta);
    // What the actions do, for the context menu, the toolbar, keys and tests.
    void trigger(Action action, int row);
    QString selectedText() const;
    bool isThinkingExpanded(int row) const;
    void setThinkingExpanded(int row, bool expanded);
    // Layouts built since the view was created (benchmarks, tests: proves laziness).
    int layoutsBuilt() const { return m_layoutsBuilt; }

    // Offers "Fork from here" in the context menu (when the conversation is stored).
    void setForkEnabled(bool enabled) { m_forkEnabled = enabled; }

signals:
    void forkRequested(int row); // a new conversation with the messages up to `row`
    void editRequested(int row);
    void regenerateRequested(int row);
    void continueRequested(int row);
    void deleteRequested(int row);
    void retryRequested(int row);
    void messageCopied(int row);
    // The user asked for the previous (-1) or next (+1) sibling of the message at `row` (the ‹ i/n ›
    // switcher, Alt+Left / Alt+Right, the context menu). The owner switches the branch and reloads.
    void branchRequested(int row, int delta);

protected:
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    struct Cached {
        std::shared_ptr<MessageLayout> layout;
        quint64 lastUse = 0;
    };

    void rebuildAll();
    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);
    void onRowChanged(int first, int last);
    void relayout();
    MessageLayout *layoutFor(int row);
    void pruneCache();
    int columnWidth() const;
    int columnLeft() const;
    qint64 scrollTop() const;
    void captureAnchor();
    void setScrollTop(qint64 top);
    void updateOverlays();
    void placeActionBar();
    void placeInlineButtons();
    void updateCountdowns();
    int rowAtViewportPos(const QPoint &pos, QPointF *rowPos = nullptr);
    void ensureRowVisible(int row);
    void copyMessage(int row);
    void copyCode(quint64 id, int index, QPushButton *button);
    void showContextMenu(int row, const QPoint &globalPos);
    bool thinkingExpanded(const ChatEntry &entry) const;
    void clearSelection();
    bool requestBranch(int row, int delta); // false when the message has no sibling that way
    void setBranchHover(int row, int delta);

    ConversationModel *m_model = nullptr;
    std::shared_ptr<const ChatTheme> m_theme;
    RowGeometry m_rows;
    QHash<quint64, Cached> m_cache;
    quint64 m_useCounter = 0;
    int m_layoutWidth = 0;
    int m_layoutsBuilt = 0;

    bool m_followBottom = true;
    int m_anchorRow = -1;
    qint64 m_anchorOffset = 0;
    bool m_settingScroll = false;
    bool m_inRelayout = false;

    int m_currentRow = -1;
    int m_hoverRow = -1;
    int m_branchHoverRow = -1;
    int m_branchHover = 0;                 // -1 / +1 arrow under the pointer in m_branchHoverRow
    QHash<quint64, bool> m_thinkingChoice; // the user's choice; default: open while streaming

    quint64 m_selectionId = 0;
    int m_selectionAnchor = -1;
    int m_selectionPos = -1;
    bool m_selecting = false;
    QString m_pressedAnchor;

    ChatActionBar *m_actionBar = nullptr;
    int m_actionBarRow = -1;
    QHash<QString, QPushButton *> m_inlineButtons; // "code:<id>:<index>", "retry:<id>"
    QList<QPushButton *> m_spareButtons;
    bool m_placingButtons = false;
    QTimer m_countdownTimer;
    bool m_forkEnabled = false;
};

} // namespace md
