#pragma once

#include "chat/BranchInfo.h"
#include "chat/MessageDocument.h"
#include "store/ChatEntry.h"

#include <QDateTime>
#include <QImage>
#include <QList>
#include <QRectF>

#include <memory>

class QPainter;

namespace md {

// One conversation row laid out for one width: header (role, model, state), images, collapsible
// thinking, the body document, the stats footer, or an error card. Built only for rows that are
// shown, and cached by the view under the row's (id, revision, width).
class MessageLayout {
public:
    static constexpr int kPadTop = 10;
    static constexpr int kPadBottom = 12;
    static constexpr int kBubblePadX = 14;
    static constexpr int kBubblePadY = 9;
    static constexpr int kCardPad = 14;
    static constexpr int kButtonHeight = 28;

    struct PaintOptions {
        QRectF clip; // in row coordinates
        QDateTime now;
        bool hovered = false;
        bool current = false;
        bool focused = false;
        int selectionStart = -1; // in the body document
        int selectionEnd = -1;
        int branchHover = 0; // -1 / +1: the pointer is over the previous / next branch arrow
    };

    MessageLayout(const ChatEntry &entry, quint64 revision, int width, bool thinkingExpanded,
                  std::shared_ptr<const ChatTheme> theme, BranchInfo branch = {});

    bool matches(quint64 revision, int width, bool thinkingExpanded) const
    {
        return m_revision == revision && m_width == width && m_thinkingExpanded == thinkingExpanded;
    }
    int height() const { return m_height; }

    // Geometry, in row coordinates (0,0 = top left of the row's column).
    QRectF headerRect() const { return m_headerRect; }
    bool actionsOnLeft() const { return m_isUser; } // the user's label is on the right
    QRectF thinkingToggleRect() const { return m_thinkingToggle; }
    QRectF retryButtonRect() const { return m_retryRect; }
    // The ‹ i/n › switcher in the header: the arrow for delta -1 / +1 (empty when not shown), and
    // which arrow is under `pos` (0 = none; a disabled arrow at either end still counts, so a click
    // there does nothing rather than select text).
    BranchInfo branch() const { return m_branch; }
    QRectF branchArrowRect(int delta) const { return delta < 0 ? m_branchPrev : m_branchNext; }
    int branchArrowAt(const QPointF &pos) const;
    QRectF codeCopyButtonRect(int index) const;
    const QList<MessageDocument::CodeBlock> &codeBlocks() const;
    QPointF bodyOrigin() const { return m_bodyOrigin; }
    const MessageDocument *body() const { return m_body.get(); }
    // Cursor position in the body under `pos`, -1 when `pos` is not over the body.
    int bodyPositionAt(const QPointF &pos, bool fuzzy) const;
    QString bodyText(int start, int end) const;
    QString anchorAt(const QPointF &pos) const;

    void paint(QPainter *painter, const PaintOptions &options) const;

    // A cheap guess of height() from the text length alone, for rows not laid out yet.
    static int estimateHeight(const ChatEntry &entry, int width, const ChatTheme &theme);
    // "Retry in 12 s" while `now` is before retryAt, empty after.
    static QString countdownText(const ChatEntry &entry, const QDateTime &now);
    static QString markdownSource(const ChatEntry &entry);
    static QString footerText(const ChatEntry &entry);

private:
    void layoutMessage(const ChatEntry &entry);
    void layoutErrorCard(const ChatEntry &entry);
    void layoutImages(const ChatEntry &entry, qreal maxWidth);
    qreal layoutHeader(const ChatEntry &entry);
    void layoutBranchSwitcher();
    void paintBranchSwitcher(QPainter *painter, int hover) const;

    struct Thumbnail {
        QImage image;
        QRectF rect;
        QString label; // shown instead when the image is not inline data
    };

    std::shared_ptr<const ChatTheme> m_theme;
    quint64 m_revision = 0;
    int m_width = 0;
    bool m_thinkingExpanded = false;
    bool m_isUser = false;
    bool m_isError = false;
    bool m_isSystem = false;
    ChatEntry::State m_state = ChatEntry::State::Done;
    int m_height = 0;

    QString m_roleLabel;
    QString m_modelLabel;
    QString m_stateLabel;
    QColor m_stateColor;
    QRectF m_headerRect;
    BranchInfo m_branch;
    QString m_branchLabel; // "2/3"
    QRectF m_branchPrev, m_branchLabelRect, m_branchNext;
    QRectF m_bubble; // user bubble, system box, error card
    QList<Thumbnail> m_thumbnails;
    QRectF m_thinkingToggle;
    QString m_thinkingLabel;
    std::unique_ptr<MessageDocument> m_thinking;
    QPointF m_thinkingOrigin;
    std::unique_ptr<MessageDocument> m_body;
    QPointF m_bodyOrigin;
    QColor m_bodyColor;
    QString m_footer;
    QRectF m_footerRect;
    QRectF m_retryRect;
    QString m_statusLine; // error card: "HTTP 429"
    QRectF m_statusRect;
};

} // namespace md
