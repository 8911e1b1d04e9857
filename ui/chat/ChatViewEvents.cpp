// ChatView: input (mouse, keyboard, context menu) and the actions. Split from ChatView.cpp, which
// holds the model binding, layout and painting.
#include "chat/ChatView.h"

#include "chat/ConversationModel.h"
#include "chat/MessageLayout.h"
#include "common/CopyFeedback.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolTip>
#include <QUrl>

namespace md {

void ChatView::trigger(Action action, int row)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return;
    const ChatEntry &entry = m_model->entry(row);
    if (!ChatActionBar::applies(action, entry))
        return;
    switch (action) {
    case Action::Copy:
        copyMessage(row);
        break;
    case Action::Edit:
        emit editRequested(row);
        break;
    case Action::Regenerate:
        emit regenerateRequested(row);
        break;
    case Action::Continue:
        emit continueRequested(row);
        break;
    case Action::Delete:
        emit deleteRequested(row);
        break;
    case Action::Retry:
        emit retryRequested(row);
        break;
    }
}

void ChatView::copyMessage(int row)
{
    const ChatEntry &entry = m_model->entry(row);
    QString text;
    if (entry.kind == ChatEntry::Kind::ErrorCard) {
        text = entry.errorTitle + QLatin1Char('\n') + entry.errorText;
    } else {
        // The markdown as the model wrote it: what a user pastes into an editor or another chat.
        text = entry.message.plainText();
        for (const ToolCall &call : entry.message.toolCalls)
            text += QStringLiteral("\n") + call.name + QLatin1Char('(') + call.arguments + QLatin1Char(')');
    }
    QApplication::clipboard()->setText(text.trimmed());
    if (m_actionBarRow == row)
        showCopied(m_actionBar->button(Action::Copy), tr("Copied"));
    emit messageCopied(row);
}

void ChatView::copyCode(quint64 id, int index, QPushButton *button)
{
    const auto it = m_cache.constFind(id);
    if (it == m_cache.cend() || !it->layout || index >= it->layout->codeBlocks().size())
        return;
    QString code = it->layout->codeBlocks().at(index).code;
    // The streaming cursor is not code.
    if (code.endsWith(QChar(0x258D)))
        code.chop(1);
    QApplication::clipboard()->setText(code);
    if (button)
        showCopied(button, tr("Copied"));
}

QString ChatView::selectedText() const
{
    if (!m_selectionId || !m_model)
        return {};
    const auto it = m_cache.constFind(m_selectionId);
    if (it == m_cache.cend() || !it->layout)
        return {};
    return it->layout->bodyText(std::min(m_selectionAnchor, m_selectionPos),
                                std::max(m_selectionAnchor, m_selectionPos));
}

void ChatView::clearSelection()
{
    m_selectionId = 0;
    m_selectionAnchor = m_selectionPos = -1;
    m_selecting = false;
}

bool ChatView::isThinkingExpanded(int row) const
{
    return m_model && row >= 0 && row < m_model->rowCount() && thinkingExpanded(m_model->entry(row));
}

void ChatView::setThinkingExpanded(int row, bool expanded)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return;
    m_thinkingChoice.insert(m_model->entry(row).id, expanded);
    if (!m_followBottom)
        captureAnchor();
    relayout();
    viewport()->update();
}

bool ChatView::requestBranch(int row, int delta)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return false;
    const BranchInfo info = m_model->branchInfo(row);
    if (delta < 0 ? !info.hasPrevious() : !info.hasNext())
        return false;
    emit branchRequested(row, delta < 0 ? -1 : 1);
    return true;
}

QRect ChatView::branchArrowRect(int row, int delta)
{
    const QRect rect = rowRect(row);
    if (rect.isEmpty() || !m_model->branchInfo(row).isShown())
        return {};
    return layoutFor(row)->branchArrowRect(delta).translated(rect.topLeft()).toAlignedRect();
}

void ChatView::setBranchHover(int row, int delta)
{
    if (delta == 0)
        row = -1;
    if (row == m_branchHoverRow && delta == m_branchHover)
        return;
    m_branchHoverRow = row;
    m_branchHover = delta;
    viewport()->update();
}

bool ChatView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        QPointF rowPos;
        const int row = rowAtViewportPos(help->pos(), &rowPos);
        const int arrow = row >= 0 ? layoutFor(row)->branchArrowAt(rowPos) : 0;
        if (arrow != 0) {
            const BranchInfo info = m_model->branchInfo(row);
            QToolTip::showText(help->globalPos(),
                               (arrow < 0 ? tr("Previous version (Alt+Left)") : tr("Next version (Alt+Right)"))
                                   + QLatin1Char('\n') + tr("Version %1 of %2").arg(info.index).arg(info.count),
                               viewport());
            return true;
        }
    }
    if (event->type() == QEvent::Leave) {
        setBranchHover(-1, 0);
        // Moving onto the action bar leaves the viewport but not the row.
        if (!m_actionBar->isVisible() || !m_actionBar->geometry().contains(viewport()->mapFromGlobal(QCursor::pos()))) {
            m_hoverRow = -1;
            updateOverlays();
            viewport()->update();
        }
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void ChatView::mousePressEvent(QMouseEvent *event)
{
    QPointF rowPos;
    const int row = rowAtViewportPos(event->position().toPoint(), &rowPos);
    if (row < 0) {
        clearSelection();
        viewport()->update();
        return;
    }
    m_currentRow = row;
    const MessageLayout *layout = layoutFor(row);
    if (event->button() == Qt::LeftButton) {
        if (layout->thinkingToggleRect().contains(rowPos)) {
            setThinkingExpanded(row, !isThinkingExpanded(row));
            return;
        }
        if (const int arrow = layout->branchArrowAt(rowPos)) {
            requestBranch(row, arrow);
            return;
        }
        m_pressedAnchor = layout->anchorAt(rowPos);
        clearSelection();
        const int pos = layout->bodyPositionAt(rowPos, false);
        if (pos >= 0) {
            m_selectionId = m_model->entry(row).id;
            m_selectionAnchor = m_selectionPos = pos;
            m_selecting = true;
        }
    }
    updateOverlays();
    viewport()->update();
}

void ChatView::mouseMoveEvent(QMouseEvent *event)
{
    QPointF rowPos;
    const int row = rowAtViewportPos(event->position().toPoint(), &rowPos);
    if (m_selecting && (event->buttons() & Qt::LeftButton)) {
        const int selRow = m_model->rowOfId(m_selectionId);
        if (selRow >= 0) {
            const QRect rect = rowRect(selRow);
            const QPointF local = event->position() - QPointF(rect.isEmpty() ? QPointF() : QPointF(rect.topLeft()));
            const int pos = layoutFor(selRow)->bodyPositionAt(local, true);
            if (pos >= 0 && pos != m_selectionPos) {
                m_selectionPos = pos;
                viewport()->update();
            }
        }
        return;
    }
    if (row != m_hoverRow) {
        m_hoverRow = row;
        updateOverlays();
        viewport()->update();
    }
    if (row >= 0) {
        const MessageLayout *layout = layoutFor(row);
        const int arrow = layout->branchArrowAt(rowPos);
        setBranchHover(row, arrow);
        const bool link = !layout->anchorAt(rowPos).isEmpty() || layout->thinkingToggleRect().contains(rowPos)
            || (arrow < 0 ? layout->branch().hasPrevious() : arrow > 0 && layout->branch().hasNext());
        viewport()->setCursor(link ? Qt::PointingHandCursor : Qt::IBeamCursor);
    } else {
        setBranchHover(-1, 0);
    }
}

void ChatView::mouseReleaseEvent(QMouseEvent *event)
{
    const bool clicked = m_selectionAnchor == m_selectionPos;
    m_selecting = false;
    if (clicked)
        clearSelection();
    if (event->button() == Qt::LeftButton && clicked && !m_pressedAnchor.isEmpty()) {
        QPointF rowPos;
        const int row = rowAtViewportPos(event->position().toPoint(), &rowPos);
        if (row >= 0 && layoutFor(row)->anchorAt(rowPos) == m_pressedAnchor)
            QDesktopServices::openUrl(QUrl(m_pressedAnchor));
    }
    m_pressedAnchor.clear();
    if (!selectedText().isEmpty() && QApplication::clipboard()->supportsSelection())
        QApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
    updateOverlays();
    viewport()->update();
}

void ChatView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // Selects the word under the pointer.
    QPointF rowPos;
    const int row = rowAtViewportPos(event->position().toPoint(), &rowPos);
    if (row < 0)
        return;
    const MessageLayout *layout = layoutFor(row);
    const int pos = layout->bodyPositionAt(rowPos, false);
    if (pos < 0 || !layout->body())
        return;
    QTextCursor cursor(layout->body()->document());
    cursor.setPosition(pos);
    cursor.select(QTextCursor::WordUnderCursor);
    m_selectionId = m_model->entry(row).id;
    m_selectionAnchor = cursor.selectionStart();
    m_selectionPos = cursor.selectionEnd();
    viewport()->update();
}

void ChatView::keyPressEvent(QKeyEvent *event)
{
    if (!m_model || m_model->rowCount() == 0) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    const int rows = m_model->rowCount();
    const int row = m_currentRow >= 0 ? m_currentRow : rows - 1;
    if (event->matches(QKeySequence::Copy)) {
        const QString selection = selectedText();
        if (!selection.isEmpty())
            QApplication::clipboard()->setText(selection);
        else
            trigger(Action::Copy, row);
        return;
    }
    if (event->matches(QKeySequence::SelectAll) && m_currentRow >= 0) {
        const MessageLayout *layout = layoutFor(m_currentRow);
        if (layout->body()) {
            m_selectionId = m_model->entry(m_currentRow).id;
            m_selectionAnchor = 0;
            m_selectionPos = layout->body()->document()->characterCount() - 1;
            viewport()->update();
        }
        return;
    }
    if (event->modifiers() == Qt::AltModifier && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right)) {
        if (requestBranch(row, event->key() == Qt::Key_Left ? -1 : 1))
            return;
    }
    switch (event->key()) {
    case Qt::Key_Up:
        setCurrentRow(std::max(0, m_currentRow < 0 ? rows - 1 : m_currentRow - 1));
        return;
    case Qt::Key_Down:
        setCurrentRow(std::min(rows - 1, m_currentRow + 1));
        return;
    case Qt::Key_Home:
        setCurrentRow(0);
        return;
    case Qt::Key_End:
        m_currentRow = rows - 1;
        scrollToBottom();
        return;
    case Qt::Key_E:
        trigger(Action::Edit, row);
        return;
    case Qt::Key_R:
        trigger(m_model->entry(row).kind == ChatEntry::Kind::ErrorCard ? Action::Retry : Action::Regenerate, row);
        return;
    case Qt::Key_C:
        if (event->modifiers() == Qt::NoModifier) {
            trigger(Action::Continue, row);
            return;
        }
        break;
    case Qt::Key_Delete:
        trigger(Action::Delete, row);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        trigger(Action::Retry, row);
        return;
    case Qt::Key_Menu:
        showContextMenu(row, viewport()->mapToGlobal(rowRect(row).topLeft() + QPoint(24, 24)));
        return;
    case Qt::Key_F10:
        if (event->modifiers() & Qt::ShiftModifier) {
            showContextMenu(row, viewport()->mapToGlobal(rowRect(row).topLeft() + QPoint(24, 24)));
            return;
        }
        break;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void ChatView::contextMenuEvent(QContextMenuEvent *event)
{
    int row = -1;
    if (event->reason() == QContextMenuEvent::Mouse)
        row = rowAtViewportPos(viewport()->mapFromGlobal(event->globalPos()));
    else
        row = m_currentRow >= 0 ? m_currentRow : (m_model ? m_model->rowCount() - 1 : -1);
    if (row >= 0)
        showContextMenu(row, event->globalPos());
}

void ChatView::showContextMenu(int row, const QPoint &globalPos)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return;
    m_currentRow = row;
    const ChatEntry &entry = m_model->entry(row);
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("chatContextMenu"));
    const QString selection = selectedText();
    if (!selection.isEmpty()) {
        QAction *copySelection = menu.addAction(tr("Copy selection"));
        connect(copySelection, &QAction::triggered, this,
                [selection] { QApplication::clipboard()->setText(selection); });
    }
    for (Action action : {Action::Copy, Action::Edit, Action::Regenerate, Action::Continue, Action::Retry}) {
        if (!ChatActionBar::applies(action, entry))
            continue;
        QAction *a = menu.addAction(action == Action::Copy ? tr("Copy message") : ChatActionBar::actionName(action));
        connect(a, &QAction::triggered, this, [this, action, row] { trigger(action, row); });
    }
    const BranchInfo branch = m_model->branchInfo(row);
    if (branch.isShown()) {
        menu.addSeparator();
        QAction *previous = menu.addAction(tr("Previous version"));
        previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
        previous->setEnabled(branch.hasPrevious());
        connect(previous, &QAction::triggered, this, [this, row] { requestBranch(row, -1); });
        QAction *next = menu.addAction(tr("Next version"));
        next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
        next->setEnabled(branch.hasNext());
        connect(next, &QAction::triggered, this, [this, row] { requestBranch(row, 1); });
        menu.addSeparator();
    }
    if (m_forkEnabled && entry.kind == ChatEntry::Kind::Message) {
        QAction *fork = menu.addAction(tr("Fork from here"));
        fork->setToolTip(tr("A new conversation with the messages up to this one"));
        connect(fork, &QAction::triggered, this, [this, row] { emit forkRequested(row); });
    }
    if (!entry.thinking.isEmpty()) {
        const bool open = isThinkingExpanded(row);
        QAction *a = menu.addAction(open ? tr("Hide reasoning") : tr("Show reasoning"));
        connect(a, &QAction::triggered, this, [this, row, open] { setThinkingExpanded(row, !open); });
    }
    if (ChatActionBar::applies(Action::Delete, entry)) {
        menu.addSeparator();
        QAction *a = menu.addAction(ChatActionBar::actionName(Action::Delete));
        connect(a, &QAction::triggered, this, [this, row] { trigger(Action::Delete, row); });
    }
    menu.exec(globalPos);
}

void ChatView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    if (m_currentRow < 0 && m_model && m_model->rowCount() > 0)
        m_currentRow = visibleRows().second;
    updateOverlays();
    viewport()->update();
}

void ChatView::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    updateOverlays();
    viewport()->update();
}

} // namespace md
