#include "chat/MessageDocument.h"

#include "chat/CodeHighlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>

namespace md {

namespace {

bool isCodeBlock(const QTextBlock &block)
{
    return block.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
}

} // namespace

MessageDocument::MessageDocument(std::shared_ptr<const ChatTheme> theme)
    : m_theme(std::move(theme))
    , m_doc(std::make_unique<QTextDocument>())
{
    m_doc->setDocumentMargin(0);
    m_doc->setDefaultFont(m_theme->font);
    m_doc->setUndoRedoEnabled(false);
    QTextOption option = m_doc->defaultTextOption();
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_doc->setDefaultTextOption(option);
}

MessageDocument::~MessageDocument() = default;

void MessageDocument::setMarkdown(const QString &markdown)
{
    m_doc->setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    decorateMarkdown();
    if (!m_codeBlocks.isEmpty()) {
        // Attached after the import so that each block is highlighted once (rehighlight() also
        // cancels the delayed pass setDocument schedules).
        m_highlighter = new CodeHighlighter(m_doc.get());
        m_highlighter->setDark(m_theme->dark);
        m_highlighter->rehighlight();
    }
}

void MessageDocument::setPlainText(const QString &text, bool monospace)
{
    m_doc->setDefaultFont(monospace ? m_theme->monoFont : m_theme->font);
    m_doc->setPlainText(text);
    m_codeBlocks.clear();
}

void MessageDocument::setHtml(const QString &html)
{
    m_doc->setHtml(html);
    m_codeBlocks.clear();
}

// Qt's markdown reader marks code blocks (one QTextBlock per line) but draws them like paragraphs.
// Margins make room for the card's padding and header strip; the card itself is painted in paint().
void MessageDocument::decorateMarkdown()
{
    m_codeBlocks.clear();
    QTextCursor cursor(m_doc.get());
    const int padding = kCodePadding;
    for (QTextBlock block = m_doc->begin(); block.isValid(); block = block.next()) {
        if (!isCodeBlock(block)) {
            // Qt's reader leaves paragraphs without spacing; lists stay compact.
            QTextBlockFormat spacing;
            spacing.setBottomMargin(block.textList() ? 3 : 8);
            cursor.setPosition(block.position());
            cursor.mergeBlockFormat(spacing);
            // `code` spans: a tint, so they stand out from the prose around them.
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                if (fragment.isValid() && fragment.charFormat().fontFixedPitch()) {
                    QTextCharFormat f;
                    f.setBackground(m_theme->inlineCode);
                    cursor.setPosition(fragment.position());
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
                    cursor.mergeCharFormat(f);
                }
            }
            continue;
        }
        CodeBlock code;
        code.language = block.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage);
        code.firstBlock = block.blockNumber();
        QStringList lines;
        QTextBlock last = block;
        const QString fence = block.blockFormat().stringProperty(QTextFormat::BlockCodeFence);
        for (QTextBlock b = block; b.isValid() && isCodeBlock(b)
             && b.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage) == code.language
             && b.blockFormat().stringProperty(QTextFormat::BlockCodeFence) == fence;
             b = b.next()) {
            lines.append(b.text());
            last = b;
        }
        code.lastBlock = last.blockNumber();
        code.code = lines.join(QLatin1Char('\n'));
        for (QTextBlock b = block;; b = b.next()) {
            QTextBlockFormat f;
            f.setLeftMargin(padding);
            f.setRightMargin(padding);
            f.setNonBreakableLines(false); // wrap: the view has no horizontal scrolling
            f.setTopMargin(b == block ? kCodeGap + kCodeHeaderHeight + padding / 2 : 0);
            f.setBottomMargin(b == last ? padding + kCodeGap : 0);
            f.setLineHeight(100, QTextBlockFormat::ProportionalHeight);
            cursor.setPosition(b.position());
            cursor.mergeBlockFormat(f);
            QTextCharFormat mono;
            mono.setFont(m_theme->monoFont);
            cursor.setPosition(b.position());
            cursor.setPosition(b.position() + b.length() - 1, QTextCursor::KeepAnchor);
            cursor.mergeCharFormat(mono);
            if (b == last)
                break;
        }
        m_codeBlocks.append(code);
        block = last;
    }
}

void MessageDocument::setTextWidth(qreal width)
{
    m_doc->setTextWidth(width);
    placeCodeBlocks();
}

void MessageDocument::placeCodeBlocks()
{
    if (m_codeBlocks.isEmpty())
        return;
    m_doc->documentLayout(); // lays the document out if it is not yet
    for (CodeBlock &code : m_codeBlocks) {
        const QTextBlock first = m_doc->findBlockByNumber(code.firstBlock);
        const QTextBlock last = m_doc->findBlockByNumber(code.lastBlock);
        // From the text's own lines: the margins set in decorateMarkdown() leave room around them.
        const qreal textTop = first.layout()->position().y();
        const qreal textBottom = last.layout()->position().y() + last.layout()->boundingRect().height();
        const qreal top = textTop - kCodeHeaderHeight - kCodePadding / 2;
        const qreal bottom = textBottom + kCodePadding;
        code.rect = QRectF(0, top, m_doc->textWidth(), bottom - top);
    }
}

QSizeF MessageDocument::size() const
{
    return m_doc->size();
}

qreal MessageDocument::contentHeight() const
{
    // The last block's bottom margin is not part of the document's size; a code card ending the
    // document needs it.
    qreal h = m_doc->size().height();
    for (const CodeBlock &code : m_codeBlocks)
        h = std::max(h, code.rect.bottom() + 1);
    return h;
}

qreal MessageDocument::idealWidth() const
{
    return m_doc->idealWidth();
}

void MessageDocument::paint(QPainter *painter, const QColor &textColor, const QRectF &clip, int selectionStart,
                            int selectionEnd) const
{
    painter->save();
    for (const CodeBlock &code : m_codeBlocks) {
        if (!code.rect.intersects(clip))
            continue;
        QPainterPath card;
        card.addRoundedRect(code.rect, 6, 6);
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->fillPath(card, m_theme->codeBackground);
        painter->save();
        painter->setClipPath(card);
        const QRectF header(code.rect.left(), code.rect.top(), code.rect.width(), kCodeHeaderHeight);
        painter->fillRect(header, m_theme->codeHeader);
        painter->restore();
        painter->setPen(QPen(m_theme->border, 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(card);
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setFont(m_theme->smallFont);
        painter->setPen(m_theme->dim);
        const QString label
            = code.language.isEmpty() ? QCoreApplication::translate("md::ChatView", "code") : code.language;
        painter->drawText(header.adjusted(kCodePadding, 0, -kCodePadding, 0), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = m_theme->palette;
    context.palette.setColor(QPalette::Text, textColor);
    context.clip = clip;
    if (selectionStart >= 0 && selectionEnd > selectionStart) {
        QAbstractTextDocumentLayout::Selection selection;
        selection.cursor = QTextCursor(m_doc.get());
        selection.cursor.setPosition(selectionStart);
        selection.cursor.setPosition(selectionEnd, QTextCursor::KeepAnchor);
        selection.format.setBackground(m_theme->palette.color(QPalette::Highlight));
        selection.format.setForeground(m_theme->palette.color(QPalette::HighlightedText));
        context.selections.append(selection);
    }
    painter->setClipRect(clip, Qt::IntersectClip);
    m_doc->documentLayout()->draw(painter, context);
    painter->restore();
}

} // namespace md
