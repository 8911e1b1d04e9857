#include "chat/MessageLayout.h"

#include "catalog/PriceTable.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QJsonDocument>
#include <QPainter>
#include <QPainterPath>
#include <QTextDocument>
#include <QUrl>

#include <cmath>

namespace md {

namespace {

// lupdate files the messages of this file under the context named here (no Q_OBJECT class).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::ChatView)
};

const QString &cursorGlyph()
{
    static const QString glyph = QString(QChar(0x258D)); // ▍
    return glyph;
}

QString formatMs(qint64 ms)
{
    return ms < 1000 ? Tr::tr("%1 ms").arg(ms) : Tr::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
}

QString prettyJson(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    return doc.isNull() ? text : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

} // namespace

MessageLayout::MessageLayout(const ChatEntry &entry, quint64 revision, int width, bool thinkingExpanded,
                             std::shared_ptr<const ChatTheme> theme, BranchInfo branch)
    : m_theme(std::move(theme))
    , m_revision(revision)
    , m_width(width)
    , m_thinkingExpanded(thinkingExpanded)
    , m_state(entry.state)
    , m_branch(branch)
{
    if (entry.kind == ChatEntry::Kind::ErrorCard)
        layoutErrorCard(entry);
    else
        layoutMessage(entry);
}

const QList<MessageDocument::CodeBlock> &MessageLayout::codeBlocks() const
{
    static const QList<MessageDocument::CodeBlock> none;
    return m_body ? m_body->codeBlocks() : none;
}

QRectF MessageLayout::codeCopyButtonRect(int index) const
{
    const QRectF card = codeBlocks().at(index).rect.translated(m_bodyOrigin);
    const qreal h = MessageDocument::kCodeHeaderHeight - 4;
    const qreal w = QFontMetricsF(m_theme->smallFont).horizontalAdvance(Tr::tr("Copied")) + 28;
    return QRectF(card.right() - w - 4, card.top() + 2, w, h);
}

QString MessageLayout::markdownSource(const ChatEntry &entry)
{
    const ChatMessage &m = entry.message;
    QString text = m.plainText();
    if (m.role == ChatMessage::Role::Tool) {
        const QString pretty = prettyJson(text);
        text = QStringLiteral("```") + (pretty != text ? QStringLiteral("json") : QString()) + QLatin1Char('\n')
            + pretty + QStringLiteral("\n```");
    }
    for (const ToolCall &call : m.toolCalls) {
        text += QStringLiteral("\n\n**") + Tr::tr("Tool call") + QStringLiteral("** `") + call.name
            + QStringLiteral("` · ") + Tr::tr("id %1").arg(call.id) + QStringLiteral("\n\n```json\n")
            + prettyJson(call.arguments) + QStringLiteral("\n```\n");
    }
    if (entry.state == ChatEntry::State::Streaming)
        text += (text.isEmpty() || text.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral(" ")) + cursorGlyph();
    return text;
}

QString MessageLayout::footerText(const ChatEntry &entry)
{
    if (entry.kind != ChatEntry::Kind::Message || entry.message.role != ChatMessage::Role::Assistant
        || entry.state == ChatEntry::State::Streaming)
        return {};
    QStringList parts;
    if (entry.hasUsage) {
        parts << Tr::tr("%1 prompt · %2 completion tokens")
                     .arg(QLocale().toString(entry.usage.promptTokens),
                          QLocale().toString(entry.usage.completionTokens));
        parts << (entry.costUsd ? PriceTable::formatUsd(*entry.costUsd) : Tr::tr("no price"));
    }
    if (entry.timeToFirstTokenMs >= 0)
        parts << Tr::tr("first token %1").arg(formatMs(entry.timeToFirstTokenMs));
    if (entry.tokensPerSecond > 0)
        parts << Tr::tr("%1 tok/s").arg(entry.tokensPerSecond, 0, 'f', 1);
    if (!entry.finishReason.isEmpty() && entry.finishReason != QLatin1String("stop"))
        parts << Tr::tr("finish: %1").arg(entry.finishReason);
    return parts.join(QStringLiteral("  ·  "));
}

qreal MessageLayout::layoutHeader(const ChatEntry &entry)
{
    const ChatMessage::Role role = entry.message.role;
    switch (role) {
    case ChatMessage::Role::User:
        m_roleLabel = Tr::tr("You");
        break;
    case ChatMessage::Role::Assistant:
        m_roleLabel = Tr::tr("Assistant");
        m_modelLabel = entry.model;
        break;
    case ChatMessage::Role::System:
        m_roleLabel = Tr::tr("System prompt");
        break;
    case ChatMessage::Role::Tool:
        m_roleLabel = Tr::tr("Tool result");
        m_modelLabel = entry.message.name;
        break;
    }
    switch (entry.state) {
    case ChatEntry::State::Streaming:
        m_stateLabel = Tr::tr("generating…");
        m_stateColor = m_theme->accent;
        break;
    case ChatEntry::State::Cancelled:
        m_stateLabel = Tr::tr("stopped");
        m_stateColor = m_theme->dim;
        break;
    case ChatEntry::State::Failed:
        m_stateLabel = Tr::tr("failed");
        m_stateColor = m_theme->errorTitle;
        break;
    case ChatEntry::State::Interrupted:
        m_stateLabel = Tr::tr("interrupted: the app closed while this was arriving");
        m_stateColor = m_theme->errorTitle;
        break;
    case ChatEntry::State::Done:
        if (entry.message.prefix) {
            m_stateLabel = Tr::tr("prefix");
            m_stateColor = m_theme->dim;
        }
        break;
    }
    const qreal h = QFontMetricsF(m_theme->boldFont).height() + 6;
    m_headerRect = QRectF(0, kPadTop, m_width, h);
    if (m_branch.isShown())
        layoutBranchSwitcher();
    return kPadTop + h + 2;
}

void MessageLayout::layoutBranchSwitcher()
{
    // Next to the labels, on the side away from the floating action bar: after the model and state
    // for an answer, before "You" for the user's (right-aligned) header.
    const QFontMetricsF bold(m_theme->boldFont);
    const QFontMetricsF small(m_theme->smallFont);
    qreal labels = bold.horizontalAdvance(m_roleLabel) + 8;
    if (!m_modelLabel.isEmpty())
        labels += small.horizontalAdvance(m_modelLabel) + 10;
    if (!m_stateLabel.isEmpty())
        labels += small.horizontalAdvance(m_stateLabel) + 12 + 10;
    m_branchLabel = QStringLiteral("%1/%2").arg(m_branch.index).arg(m_branch.count);
    const qreal arrowW = small.height() + 4;
    const qreal labelW = small.horizontalAdvance(QStringLiteral("%1/%1").arg(m_branch.count)) + 4;
    const qreal total = arrowW + labelW + arrowW;
    const qreal h = small.height() + 4;
    const qreal top = m_headerRect.center().y() - h / 2;
    qreal x = m_isUser ? m_width - labels - 6 - total : labels + 4;
    x = std::max<qreal>(0, x);
    m_branchPrev = QRectF(x, top, arrowW, h);
    m_branchLabelRect = QRectF(x + arrowW, top, labelW, h);
    m_branchNext = QRectF(x + arrowW + labelW, top, arrowW, h);
}

int MessageLayout::branchArrowAt(const QPointF &pos) const
{
    if (!m_branch.isShown())
        return 0;
    if (m_branchPrev.contains(pos))
        return -1;
    if (m_branchNext.contains(pos))
        return 1;
    return 0;
}

void MessageLayout::paintBranchSwitcher(QPainter *painter, int hover) const
{
    const ChatTheme &t = *m_theme;
    const QColor disabled = ChatTheme::mix(t.base, t.dim, 0.45);
    painter->setFont(t.boldFont); // the arrows are the click targets: bigger than the label
    for (int delta : {-1, 1}) {
        const QRectF rect = branchArrowRect(delta);
        const bool enabled = delta < 0 ? m_branch.hasPrevious() : m_branch.hasNext();
        if (enabled && hover == delta) {
            painter->setRenderHint(QPainter::Antialiasing, true);
            painter->setPen(Qt::NoPen);
            painter->setBrush(t.hover);
            painter->drawRoundedRect(rect, 4, 4);
            painter->setRenderHint(QPainter::Antialiasing, false);
        }
        painter->setPen(enabled ? t.text : disabled);
        painter->drawText(rect, Qt::AlignCenter, QString(QChar(delta < 0 ? 0x2039 : 0x203A))); // ‹ ›
    }
    painter->setFont(t.smallFont);
    painter->setPen(t.dim);
    painter->drawText(m_branchLabelRect, Qt::AlignCenter, m_branchLabel);
}

void MessageLayout::layoutImages(const ChatEntry &entry, qreal maxWidth)
{
    constexpr qreal thumbH = 96;
    constexpr qreal gap = 6;
    qreal x = 0;
    qreal y = 0;
    for (const ContentChunk &chunk : entry.message.chunks) {
        if (chunk.type != ContentChunk::Type::ImageUrl && chunk.type != ContentChunk::Type::DocumentUrl)
            continue;
        Thumbnail t;
        QSizeF size(thumbH * 1.4, thumbH);
        if (chunk.type == ContentChunk::Type::ImageUrl && chunk.url.startsWith(QLatin1String("data:"))) {
            const qsizetype comma = chunk.url.indexOf(QLatin1Char(','));
            const QImage image = QImage::fromData(QByteArray::fromBase64(chunk.url.mid(comma + 1).toLatin1()));
            if (!image.isNull()) {
                t.image
                    = image.scaled(QSize(int(thumbH * 2), int(thumbH)), Qt::KeepAspectRatio, Qt::SmoothTransformation);
                size = t.image.size();
            }
        }
        if (t.image.isNull()) {
            const QString name = chunk.type == ContentChunk::Type::DocumentUrl && !chunk.documentName.isEmpty()
                ? chunk.documentName
                : QUrl(chunk.url).fileName();
            t.label = (chunk.type == ContentChunk::Type::DocumentUrl ? Tr::tr("Document") : Tr::tr("Image"))
                + (name.isEmpty() ? QString() : QStringLiteral("\n") + name);
        }
        if (x > 0 && x + size.width() > maxWidth) {
            x = 0;
            y += thumbH + gap;
        }
        t.rect = QRectF(QPointF(x, y), size);
        x += size.width() + gap;
        m_thumbnails.append(t);
    }
}

void MessageLayout::layoutMessage(const ChatEntry &entry)
{
    const ChatMessage::Role role = entry.message.role;
    m_isUser = role == ChatMessage::Role::User;
    m_isSystem = role == ChatMessage::Role::System;
    qreal y = layoutHeader(entry);
    m_bodyColor = m_theme->text;

    m_body = std::make_unique<MessageDocument>(m_theme);
    if (m_isUser) {
        const qreal maxBubble = std::max(120.0, std::floor(m_width * 0.8));
        const qreal inner = maxBubble - 2 * kBubblePadX;
        layoutImages(entry, inner);
        qreal imagesW = 0;
        qreal imagesH = 0;
        for (const Thumbnail &t : std::as_const(m_thumbnails)) {
            imagesW = std::max(imagesW, t.rect.right());
            imagesH = std::max(imagesH, t.rect.bottom());
        }
        const QString text = entry.message.plainText();
        m_body->setPlainText(text);
        m_body->setTextWidth(inner);
        const qreal textW = text.isEmpty() ? 0 : std::ceil(m_body->idealWidth());
        const qreal textH = text.isEmpty() ? 0 : m_body->size().height();
        const qreal bubbleW = std::min(maxBubble, std::max(imagesW, textW) + 2 * kBubblePadX);
        const qreal gap = (imagesH > 0 && textH > 0) ? 8 : 0;
        const qreal bubbleH = imagesH + gap + textH + 2 * kBubblePadY;
        m_bubble = QRectF(m_width - bubbleW, y + 2, bubbleW, bubbleH);
        for (Thumbnail &t : m_thumbnails)
            t.rect.translate(m_bubble.left() + kBubblePadX, m_bubble.top() + kBubblePadY);
        m_bodyOrigin = QPointF(m_bubble.left() + kBubblePadX, m_bubble.top() + kBubblePadY + imagesH + gap);
        m_height = int(std::ceil(m_bubble.bottom() + kPadBottom));
        return;
    }

    if (!entry.thinking.isEmpty()) {
        const qsizetype words = entry.thinking.count(QLatin1Char(' ')) + 1;
        const bool thinkingNow = entry.state == ChatEntry::State::Streaming && entry.message.plainText().isEmpty();
        m_thinkingLabel = QString(m_thinkingExpanded ? QChar(0x25BE) : QChar(0x25B8)) + QLatin1Char(' ')
            + (thinkingNow ? Tr::tr("Thinking…") : Tr::tr("Reasoning (%n words)", nullptr, int(words)));
        const QFontMetricsF fm(m_theme->smallFont);
        m_thinkingToggle = QRectF(0, y + 2, fm.horizontalAdvance(m_thinkingLabel) + 16, fm.height() + 8);
        y = m_thinkingToggle.bottom() + 4;
        if (m_thinkingExpanded) {
            m_thinking = std::make_unique<MessageDocument>(m_theme);
            m_thinking->setPlainText(entry.thinking + (thinkingNow ? cursorGlyph() : QString()));
            m_thinking->document()->setDefaultFont(m_theme->smallFont);
            m_thinking->setTextWidth(m_width - 14);
            m_thinkingOrigin = QPointF(14, y);
            y += m_thinking->size().height() + 8;
        }
    }

    const QString source = markdownSource(entry);
    if (m_isSystem) {
        m_body->setPlainText(source);
        m_body->setTextWidth(m_width - 2 * kBubblePadX);
        m_bubble = QRectF(0, y + 2, m_width, m_body->size().height() + 2 * kBubblePadY);
        m_bodyOrigin = QPointF(kBubblePadX, m_bubble.top() + kBubblePadY);
        m_bodyColor = m_theme->dim;
        y = m_bubble.bottom();
    } else {
        m_body->setMarkdown(source);
        m_body->setTextWidth(m_width);
        m_bodyOrigin = QPointF(0, y + 2);
        y += 2 + (source.isEmpty() ? 0 : m_body->contentHeight());
    }

    m_footer = footerText(entry);
    if (!m_footer.isEmpty()) {
        const QFontMetricsF fm(m_theme->smallFont);
        m_footer = fm.elidedText(m_footer, Qt::ElideRight, m_width);
        m_footerRect = QRectF(0, y + 6, m_width, fm.height());
        y = m_footerRect.bottom();
    }
    m_height = int(std::ceil(y + kPadBottom));
}

void MessageLayout::layoutErrorCard(const ChatEntry &entry)
{
    m_isError = true;
    const qreal top = kPadTop;
    m_body = std::make_unique<MessageDocument>(m_theme);
    QString html
        = QStringLiteral("<p style='margin:0'><b>") + entry.errorTitle.toHtmlEscaped() + QStringLiteral("</b></p>");
    if (!entry.errorText.isEmpty()) {
        QString text = entry.errorText.toHtmlEscaped();
        text.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        html += QStringLiteral("<p style='margin-top:4px; margin-bottom:0'>") + text + QStringLiteral("</p>");
    }
    m_body->setHtml(html);
    m_body->setTextWidth(m_width - 2 * kCardPad);
    m_bodyOrigin = QPointF(kCardPad, top + kCardPad);
    qreal y = m_bodyOrigin.y() + m_body->size().height() + 10;
    if (entry.httpStatus > 0)
        m_statusLine = Tr::tr("HTTP %1").arg(entry.httpStatus);
    const QFontMetricsF fm(m_theme->font);
    const qreal buttonW = fm.horizontalAdvance(Tr::tr("Retry in %1 s").arg(888)) + 28;
    m_retryRect = QRectF(m_width - kCardPad - buttonW, y, buttonW, kButtonHeight);
    m_statusRect = QRectF(kCardPad, y, m_width - 2 * kCardPad - buttonW - 8, kButtonHeight);
    y = m_retryRect.bottom() + kCardPad;
    m_bubble = QRectF(0, top, m_width, y - top);
    m_bodyColor = m_theme->text;
    m_height = int(std::ceil(y + kPadBottom));
}

QString MessageLayout::countdownText(const ChatEntry &entry, const QDateTime &now)
{
    if (!entry.retryAt.isValid() || now >= entry.retryAt)
        return {};
    const qint64 seconds = (now.msecsTo(entry.retryAt) + 999) / 1000;
    return Tr::tr("Retry in %1 s").arg(seconds);
}

int MessageLayout::bodyPositionAt(const QPointF &pos, bool fuzzy) const
{
    if (!m_body)
        return -1;
    const QPointF local = pos - m_bodyOrigin;
    // A press in the padding around the text still starts a selection there.
    if (!fuzzy && !QRectF(QPointF(0, 0), m_body->size()).adjusted(-10, -8, 10, 8).contains(local))
        return -1;
    return m_body->document()->documentLayout()->hitTest(local, Qt::FuzzyHit);
}

QString MessageLayout::bodyText(int start, int end) const
{
    if (!m_body || end <= start)
        return {};
    QTextCursor cursor(m_body->document());
    cursor.setPosition(start);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    QString text = cursor.selectedText();
    text.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    text.replace(QChar::LineSeparator, QLatin1Char('\n'));
    return text;
}

QString MessageLayout::anchorAt(const QPointF &pos) const
{
    return m_body ? m_body->document()->documentLayout()->anchorAt(pos - m_bodyOrigin) : QString();
}

void MessageLayout::paint(QPainter *painter, const PaintOptions &o) const
{
    const ChatTheme &t = *m_theme;
    painter->save();
    if (!m_isError) {
        // Header: role label, model, state.
        const QFontMetricsF bold(t.boldFont);
        const QFontMetricsF small(t.smallFont);
        const qreal baseline = m_headerRect.top() + (m_headerRect.height() + bold.ascent() - bold.descent()) / 2;
        qreal x = 0;
        if (m_isUser) {
            x = m_width - bold.horizontalAdvance(m_roleLabel);
            if (!m_stateLabel.isEmpty())
                x -= small.horizontalAdvance(m_stateLabel) + 10;
        }
        painter->setFont(t.boldFont);
        painter->setPen(t.text);
        painter->drawText(QPointF(x, baseline), m_roleLabel);
        x += bold.horizontalAdvance(m_roleLabel) + 8;
        painter->setFont(t.smallFont);
        if (!m_modelLabel.isEmpty()) {
            painter->setPen(t.dim);
            painter->drawText(QPointF(x, baseline), m_modelLabel);
            x += small.horizontalAdvance(m_modelLabel) + 10;
        }
        if (!m_stateLabel.isEmpty()) {
            // A pill, so that "stopped" and "generating…" read as states, not as text of the answer.
            const QRectF pill(x, m_headerRect.center().y() - small.height() / 2 - 1,
                              small.horizontalAdvance(m_stateLabel) + 12, small.height() + 2);
            painter->setRenderHint(QPainter::Antialiasing, true);
            painter->setPen(QPen(ChatTheme::mix(t.base, m_stateColor, 0.6), 1));
            painter->setBrush(ChatTheme::mix(t.base, m_stateColor, 0.12));
            painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
            painter->setRenderHint(QPainter::Antialiasing, false);
            painter->setPen(m_stateColor);
            painter->drawText(pill, Qt::AlignCenter, m_stateLabel);
        }
        if (m_branch.isShown())
            paintBranchSwitcher(painter, o.branchHover);
    }

    if (!m_bubble.isNull()) {
        painter->setRenderHint(QPainter::Antialiasing, true);
        QColor fill = t.userBubble;
        QColor border = Qt::transparent;
        if (m_isError) {
            fill = t.errorBackground;
            border = t.errorBorder;
        } else if (m_isSystem) {
            fill = t.codeBackground;
            border = t.border;
        }
        painter->setPen(border.alpha() ? QPen(border, 1) : Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(m_bubble.adjusted(0.5, 0.5, -0.5, -0.5), 10, 10);
        painter->setRenderHint(QPainter::Antialiasing, false);
    }

    for (const Thumbnail &thumb : m_thumbnails) {
        if (!thumb.image.isNull()) {
            painter->drawImage(thumb.rect.topLeft(), thumb.image);
        } else {
            painter->setPen(QPen(t.border, 1));
            painter->setBrush(t.codeBackground);
            painter->drawRoundedRect(thumb.rect, 6, 6);
            painter->setPen(t.dim);
            painter->setFont(t.smallFont);
            painter->drawText(thumb.rect.adjusted(6, 6, -6, -6), Qt::AlignCenter | Qt::TextWordWrap, thumb.label);
        }
    }

    if (!m_thinkingToggle.isNull()) {
        painter->setFont(t.smallFont);
        painter->setPen(t.dim);
        if (o.hovered) {
            painter->setRenderHint(QPainter::Antialiasing, true);
            painter->setBrush(t.hover);
            painter->setPen(QPen(t.border, 1));
            painter->drawRoundedRect(m_thinkingToggle, 5, 5);
            painter->setRenderHint(QPainter::Antialiasing, false);
            painter->setPen(t.dim);
        }
        painter->drawText(m_thinkingToggle.adjusted(8, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, m_thinkingLabel);
        if (m_thinking) {
            const QRectF bar(4, m_thinkingOrigin.y(), 2, m_thinking->size().height());
            painter->fillRect(bar, t.border);
            painter->save();
            painter->translate(m_thinkingOrigin);
            m_thinking->paint(painter, t.dim, o.clip.translated(-m_thinkingOrigin));
            painter->restore();
        }
    }

    if (m_body) {
        painter->save();
        painter->translate(m_bodyOrigin);
        m_body->paint(painter, m_bodyColor, o.clip.translated(-m_bodyOrigin), o.selectionStart, o.selectionEnd);
        painter->restore();
    }

    if (!m_footer.isEmpty()) {
        painter->setFont(t.smallFont);
        painter->setPen(t.dim);
        painter->drawText(m_footerRect, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
    }
    if (!m_statusLine.isEmpty()) {
        painter->setFont(t.smallFont);
        painter->setPen(t.dim);
        painter->drawText(m_statusRect, Qt::AlignLeft | Qt::AlignVCenter, m_statusLine);
    }
    painter->restore();
}

int MessageLayout::estimateHeight(const ChatEntry &entry, int width, const ChatTheme &theme)
{
    // Chrome: paddings and header; then the text by line count at an average character width.
    const int header = theme.lineHeight + 8;
    int h = kPadTop + header + kPadBottom;
    if (entry.kind == ChatEntry::Kind::ErrorCard)
        return h + 2 * kCardPad + 2 * theme.lineHeight + kButtonHeight;
    const bool user = entry.message.role == ChatMessage::Role::User;
    const int textWidth = user ? int(width * 0.8) - 2 * kBubblePadX : width;
    const int charWidth = std::max(1, theme.lineHeight * 45 / 100);
    const int perLine = std::max(8, textWidth / charWidth);
    const QString &text = entry.message.chunks.isEmpty() ? entry.message.content : entry.message.chunks.first().text;
    int lines = 0;
    int blank = 0;
    int fences = 0;
    qsizetype start = 0;
    const qsizetype n = text.size();
    while (start <= n) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = n;
        const qsizetype len = end - start;
        if (len == 0)
            ++blank;
        else if (len >= 3 && text.at(start) == QLatin1Char('`') && text.at(start + 1) == QLatin1Char('`'))
            ++fences;
        else
            lines += int(1 + len / perLine);
        start = end + 1;
    }
    h += lines * theme.lineHeight + blank * theme.lineHeight / 2
        + (fences / 2)
            * (MessageDocument::kCodeHeaderHeight + 2 * MessageDocument::kCodeGap + 2 * MessageDocument::kCodePadding);
    if (user) {
        h += 2 * kBubblePadY;
        for (const ContentChunk &chunk : entry.message.chunks) {
            if (chunk.type == ContentChunk::Type::ImageUrl || chunk.type == ContentChunk::Type::DocumentUrl) {
                h += 104;
                break;
            }
        }
    } else if (entry.message.role == ChatMessage::Role::Assistant && entry.state != ChatEntry::State::Streaming) {
        h += theme.smallLineHeight + 6;
    }
    return h;
}

} // namespace md
