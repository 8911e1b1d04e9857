#include "chat/ChatView.h"

#include "chat/ConversationModel.h"
#include "chat/MessageLayout.h"
#include "common/CopyFeedback.h"

#include <QApplication>
#include <QClipboard>
#include <QPainter>
#include <QPushButton>
#include <QResizeEvent>
#include <QScopedValueRollback>
#include <QScrollBar>

#include <algorithm>

namespace md {

namespace {
constexpr int kMaxColumnWidth = 860;
constexpr int kSideMargin = 20;
constexpr int kCacheLimit = 300;
constexpr int kTopMargin = 8;
} // namespace

ChatView::ChatView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("chatView"));
    setAccessibleName(tr("Conversation"));
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setMouseTracking(true);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setBackgroundRole(QPalette::Base);
    verticalScrollBar()->setSingleStep(40);
    m_theme = std::make_shared<const ChatTheme>(ChatTheme::fromPalette(palette(), font()));

    m_actionBar = new ChatActionBar(viewport());
    m_actionBar->hide();
    connect(m_actionBar, &ChatActionBar::actionTriggered, this, [this](Action action) {
        if (m_actionBarRow >= 0)
            trigger(action, m_actionBarRow);
    });

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (m_settingScroll)
            return;
        // The user moved: follow the bottom only if they went there.
        m_followBottom = value >= verticalScrollBar()->maximum() - 2;
        captureAnchor();
        relayout();
    });

    m_countdownTimer.setInterval(1000);
    connect(&m_countdownTimer, &QTimer::timeout, this, [this] {
        updateCountdowns();
        viewport()->update();
    });
}

ChatView::~ChatView() = default;

void ChatView::setConversation(ConversationModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model) {
        connect(m_model, &QAbstractItemModel::modelReset, this, &ChatView::rebuildAll);
        connect(m_model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
        connect(m_model, &QAbstractItemModel::rowsRemoved, this,
                [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); });
        connect(m_model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &a, const QModelIndex &b) { onRowChanged(a.row(), b.row()); });
        connect(m_model, &QObject::destroyed, this, [this] {
            m_model = nullptr;
            rebuildAll();
        });
    }
    rebuildAll();
}

void ChatView::rebuildAll()
{
    m_cache.clear();
    m_thinkingChoice.clear();
    m_currentRow = -1;
    m_hoverRow = -1;
    clearSelection();
    const int n = m_model ? m_model->rowCount() : 0;
    m_rows.reset(n);
    m_layoutWidth = columnWidth();
    for (int row = 0; row < n; ++row)
        m_rows.setHeight(row, MessageLayout::estimateHeight(m_model->entry(row), m_layoutWidth, *m_theme), false);
    // A conversation opens on its newest messages.
    m_followBottom = true;
    relayout();
    viewport()->update();
}

void ChatView::onRowsInserted(int first, int last)
{
    const int count = last - first + 1;
    m_rows.insert(first, count, 0);
    for (int row = first; row <= last; ++row)
        m_rows.setHeight(row, MessageLayout::estimateHeight(m_model->entry(row), m_layoutWidth, *m_theme), false);
    if (m_currentRow >= first)
        m_currentRow += count;
    if (m_anchorRow >= first && !m_followBottom)
        m_anchorRow += count;
    relayout();
    viewport()->update();
}

void ChatView::onRowsRemoved(int first, int last)
{
    const int count = last - first + 1;
    m_rows.remove(first, count);
    if (m_currentRow > last)
        m_currentRow -= count;
    else if (m_currentRow >= first)
        m_currentRow = std::min(first, m_rows.count() - 1);
    if (m_anchorRow > last) {
        m_anchorRow -= count;
    } else if (m_anchorRow >= first) {
        m_anchorRow = std::min(first, m_rows.count() - 1);
        m_anchorOffset = 0;
    }
    if (m_selectionId && m_model->rowOfId(m_selectionId) < 0)
        clearSelection();
    m_hoverRow = -1;
    relayout();
    viewport()->update();
}

void ChatView::onRowChanged(int first, int last)
{
    // A row laid out before (in view now or recently) is laid out again at once, so that the
    // scroll range stays exact while an answer grows below the part the user reads. The others keep
    // their height as an estimate until they come into view.
    for (int row = std::max(first, 0); row <= last && row < m_rows.count(); ++row) {
        if (m_cache.contains(m_model->entry(row).id))
            layoutFor(row);
        else
            m_rows.setHeight(row, m_rows.height(row), false);
    }
    relayout();
    viewport()->update();
}

int ChatView::columnWidth() const
{
    return std::max(160, std::min(kMaxColumnWidth, viewport()->width() - 2 * kSideMargin));
}

int ChatView::columnLeft() const
{
    return std::max(0, (viewport()->width() - columnWidth()) / 2);
}

qint64 ChatView::scrollTop() const
{
    return verticalScrollBar()->value();
}

void ChatView::captureAnchor()
{
    if (m_rows.count() == 0) {
        m_anchorRow = -1;
        return;
    }
    const qint64 top = scrollTop();
    m_anchorRow = m_rows.rowAt(top);
    m_anchorOffset = top - m_rows.top(m_anchorRow);
}

void ChatView::setScrollTop(qint64 top)
{
    QScrollBar *bar = verticalScrollBar();
    m_settingScroll = true;
    const int viewH = viewport()->height();
    const qint64 total = m_rows.total() + kTopMargin;
    bar->setRange(0, int(std::max<qint64>(0, total - viewH)));
    bar->setPageStep(viewH);
    bar->setValue(int(std::clamp<qint64>(top, 0, bar->maximum())));
    m_settingScroll = false;
}

// Lays out the rows in view (and fixes their heights) until the visible set is stable, keeping
// either the bottom or the anchor row where the user left it.
void ChatView::relayout()
{
    if (m_inRelayout)
        return;
    m_inRelayout = true;
    const int width = columnWidth();
    if (width != m_layoutWidth) {
        m_layoutWidth = width;
        m_rows.invalidateAll();
        if (m_model) {
            for (int row = 0; row < m_rows.count(); ++row)
                m_rows.setHeight(row, MessageLayout::estimateHeight(m_model->entry(row), width, *m_theme), false);
        }
    }
    const int viewH = viewport()->height();
    for (int pass = 0; pass < 4 && m_rows.count() > 0; ++pass) {
        qint64 top = 0;
        if (m_followBottom)
            top = std::max<qint64>(0, m_rows.total() + kTopMargin - viewH);
        else if (m_anchorRow >= 0)
            top = m_rows.top(m_anchorRow) + m_anchorOffset;
        const int first = m_rows.rowAt(std::max<qint64>(0, top - kTopMargin));
        const int last = m_rows.rowAt(top + viewH);
        bool changed = false;
        for (int row = first; row <= last; ++row) {
            const int before = m_rows.height(row);
            layoutFor(row);
            changed = changed || m_rows.height(row) != before;
        }
        setScrollTop(top);
        if (!changed)
            break;
    }
    if (m_rows.count() == 0)
        setScrollTop(0);
    if (!m_followBottom)
        captureAnchor();
    pruneCache();
    m_inRelayout = false;
    updateOverlays();
}

bool ChatView::thinkingExpanded(const ChatEntry &entry) const
{
    return m_thinkingChoice.value(entry.id, entry.state == ChatEntry::State::Streaming);
}

MessageLayout *ChatView::layoutFor(int row)
{
    const ChatEntry &entry = m_model->entry(row);
    const quint64 revision = m_model->revision(row);
    const bool expanded = thinkingExpanded(entry);
    Cached &cached = m_cache[entry.id];
    cached.lastUse = ++m_useCounter;
    if (!cached.layout || !cached.layout->matches(revision, m_layoutWidth, expanded)) {
        cached.layout = std::make_shared<MessageLayout>(entry, revision, m_layoutWidth, expanded, m_theme,
                                                        m_model->branchInfo(row));
        ++m_layoutsBuilt;
    }
    m_rows.setHeight(row, cached.layout->height(), true);
    return cached.layout.get();
}

void ChatView::pruneCache()
{
    if (m_cache.size() <= kCacheLimit)
        return;
    QList<quint64> uses;
    uses.reserve(m_cache.size());
    for (auto it = m_cache.cbegin(); it != m_cache.cend(); ++it)
        uses.append(it->lastUse);
    std::nth_element(uses.begin(), uses.begin() + (uses.size() - kCacheLimit / 2), uses.end());
    const quint64 keepFrom = uses.at(uses.size() - kCacheLimit / 2);
    for (auto it = m_cache.begin(); it != m_cache.end();) {
        if (it->lastUse < keepFrom)
            it = m_cache.erase(it);
        else
            ++it;
    }
}

void ChatView::scrollToBottom()
{
    m_followBottom = true;
    relayout();
    viewport()->update();
}

QPair<int, int> ChatView::visibleRows() const
{
    auto *self = const_cast<ChatView *>(this);
    if (m_rows.count() == 0)
        return {-1, -1};
    const qint64 top = scrollTop() - kTopMargin;
    return {self->m_rows.rowAt(std::max<qint64>(0, top)), self->m_rows.rowAt(top + viewport()->height() - 1)};
}

QRect ChatView::rowRect(int row) const
{
    auto *self = const_cast<ChatView *>(this);
    if (row < 0 || row >= m_rows.count())
        return {};
    const qint64 y = self->m_rows.top(row) + kTopMargin - scrollTop();
    const QRect r(columnLeft(), int(y), columnWidth(), m_rows.height(row));
    return r.intersects(viewport()->rect()) ? r : QRect();
}

void ChatView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void ChatView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (!m_followBottom && m_anchorRow < 0)
        captureAnchor();
    relayout();
}

void ChatView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        m_theme = std::make_shared<const ChatTheme>(ChatTheme::fromPalette(palette(), font()));
        m_cache.clear();
        m_layoutWidth = 0; // re-estimate everything with the new metrics
        relayout();
        viewport()->update();
    }
}

void ChatView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    painter.fillRect(event->rect(), m_theme->base);
    if (!m_model || m_rows.count() == 0) {
        painter.setPen(m_theme->dim);
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No messages yet"));
        return;
    }
    const auto [first, last] = visibleRows();
    const int left = columnLeft();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int row = first; row <= last && row >= 0; ++row) {
        // Built here only if relayout() has not seen the row yet; its height is then fixed by the
        // next relayout.
        const MessageLayout *layout = layoutFor(row);
        const qint64 top = m_rows.top(row) + kTopMargin - scrollTop();
        MessageLayout::PaintOptions options;
        options.now = now;
        options.hovered = row == m_hoverRow;
        options.current = row == m_currentRow;
        options.focused = hasFocus();
        options.branchHover = row == m_branchHoverRow ? m_branchHover : 0;
        options.clip = QRectF(event->rect()).translated(-left, -top);
        if (m_selectionId && m_selectionId == m_model->entry(row).id) {
            options.selectionStart = std::min(m_selectionAnchor, m_selectionPos);
            options.selectionEnd = std::max(m_selectionAnchor, m_selectionPos);
        }
        painter.save();
        painter.translate(left, top);
        if (options.current && options.focused) {
            // Where the keyboard is: a bar in the margin, outside the text.
            painter.fillRect(QRectF(-10, MessageLayout::kPadTop, 3, layout->height() - MessageLayout::kPadTop - 6),
                             m_theme->accent);
        }
        layout->paint(&painter, options);
        painter.restore();
    }
}

int ChatView::rowAtViewportPos(const QPoint &pos, QPointF *rowPos)
{
    if (m_rows.count() == 0)
        return -1;
    const qint64 y = scrollTop() + pos.y() - kTopMargin;
    if (y < 0 || y >= m_rows.total())
        return -1;
    const int row = m_rows.rowAt(y);
    if (rowPos)
        *rowPos = QPointF(pos.x() - columnLeft(), double(y - m_rows.top(row)));
    return row;
}

void ChatView::setCurrentRow(int row)
{
    if (row < -1 || row >= m_rows.count())
        return;
    m_currentRow = row;
    if (row >= 0)
        ensureRowVisible(row);
    updateOverlays();
    viewport()->update();
}

void ChatView::ensureRowVisible(int row)
{
    layoutFor(row);
    const qint64 top = m_rows.top(row) + kTopMargin;
    const qint64 bottom = top + m_rows.height(row);
    const qint64 viewTop = scrollTop();
    const int viewH = viewport()->height();
    qint64 target = viewTop;
    if (top < viewTop || m_rows.height(row) > viewH)
        target = top - kTopMargin;
    else if (bottom > viewTop + viewH)
        target = bottom - viewH;
    if (target == viewTop)
        return;
    setScrollTop(target);
    m_followBottom = verticalScrollBar()->value() >= verticalScrollBar()->maximum() - 2;
    captureAnchor();
    relayout();
}

void ChatView::updateOverlays()
{
    placeActionBar();
    placeInlineButtons();
}

void ChatView::placeActionBar()
{
    int row = m_hoverRow;
    if (row < 0 && (hasFocus() || m_actionBar->isAncestorOf(QApplication::focusWidget())))
        row = m_currentRow;
    if (!m_model || row < 0 || row >= m_rows.count() || m_selecting) {
        m_actionBar->hide();
        m_actionBarRow = -1;
        return;
    }
    const QRect rect = rowRect(row);
    const ChatEntry &entry = m_model->entry(row);
    if (rect.isEmpty() || !m_actionBar->configure(entry)) {
        m_actionBar->hide();
        m_actionBarRow = -1;
        return;
    }
    const MessageLayout *layout = layoutFor(row);
    const QSize size = m_actionBar->sizeHint();
    QRectF header = layout->headerRect();
    if (entry.kind == ChatEntry::Kind::ErrorCard)
        header = QRectF(0, MessageLayout::kPadTop + 6, rect.width() - 6, size.height());
    const int x = layout->actionsOnLeft() ? rect.left() : rect.left() + int(header.right()) - size.width();
    const int y = rect.top() + int(header.center().y()) - size.height() / 2;
    m_actionBar->setGeometry(QRect(QPoint(x, y), size));
    m_actionBarRow = row;
    m_actionBar->show();
    m_actionBar->raise();
}

void ChatView::placeInlineButtons()
{
    // Showing or hiding a button can move focus and lay the view out again, which lands here: the
    // outer call finishes the job (ASan caught the inner one changing the hash being walked).
    if (m_placingButtons)
        return;
    const QScopedValueRollback<bool> placing(m_placingButtons, true);
    QHash<QString, QPushButton *> kept;
    bool countdown = false;
    if (m_model && m_rows.count() > 0) {
        const auto [first, last] = visibleRows();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int row = first; row <= last && row >= 0; ++row) {
            const ChatEntry &entry = m_model->entry(row);
            const MessageLayout *layout = layoutFor(row);
            const QPoint origin = rowRect(row).topLeft();
            auto take = [&](const QString &key) {
                QPushButton *button = m_inlineButtons.take(key);
                if (!button)
                    button = m_spareButtons.isEmpty() ? nullptr : m_spareButtons.takeLast();
                if (!button) {
                    button = new QPushButton(viewport());
                    button->setCursor(Qt::PointingHandCursor);
                    connect(button, &QPushButton::clicked, this, [this, button] {
                        const QStringList parts = button->property("md_key").toString().split(QLatin1Char(':'));
                        const int target = m_model ? m_model->rowOfId(parts.value(1).toULongLong()) : -1;
                        if (target < 0)
                            return;
                        if (parts.first() == QLatin1String("code"))
                            copyCode(parts.value(1).toULongLong(), parts.value(2).toInt(), button);
                        else
                            trigger(Action::Retry, target);
                    });
                }
                if (button->property("md_key").toString() != key) {
                    button->setProperty("md_key", key);
                    button->setProperty("md_normalText", QVariant());
                }
                kept.insert(key, button);
                return button;
            };
            if (entry.kind == ChatEntry::Kind::ErrorCard) {
                QPushButton *retry = take(QStringLiteral("retry:") + QString::number(entry.id));
                const QString wait = MessageLayout::countdownText(entry, now);
                countdown = countdown || !wait.isEmpty();
                retry->setText(wait.isEmpty() ? tr("Retry") : wait);
                retry->setEnabled(wait.isEmpty());
                retry->setAccessibleName(tr("Retry"));
                retry->setFlat(false);
                retry->setStyleSheet(QString());
                retry->setGeometry(layout->retryButtonRect().translated(origin).toRect());
                retry->show();
                continue;
            }
            for (int i = 0; i < layout->codeBlocks().size(); ++i) {
                QPushButton *copy = take(QStringLiteral("code:%1:%2").arg(entry.id).arg(i));
                if (copy->property("md_normalText").isNull())
                    copy->setText(tr("Copy"));
                copy->setAccessibleName(tr("Copy code"));
                copy->setToolTip(tr("Copy this code block"));
                copy->setFlat(true);
                copy->setFont(m_theme->smallFont);
                copy->setStyleSheet(
                    QStringLiteral("QPushButton { padding: 1px 8px; border: none; border-radius: 4px; }"
                                   "QPushButton:hover, QPushButton:focus { background: palette(midlight); }"));
                copy->setEnabled(true);
                copy->setGeometry(layout->codeCopyButtonRect(i).translated(origin).toRect());
                copy->show();
            }
        }
    }
    const QHash<QString, QPushButton *> unused = std::exchange(m_inlineButtons, kept);
    for (QPushButton *button : unused) {
        button->hide();
        button->setProperty("md_key", QVariant());
        m_spareButtons.append(button);
    }
    if (countdown && !m_countdownTimer.isActive())
        m_countdownTimer.start();
    else if (!countdown)
        m_countdownTimer.stop();
}

void ChatView::updateCountdowns()
{
    placeInlineButtons();
}

} // namespace md
