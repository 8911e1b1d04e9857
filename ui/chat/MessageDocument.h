#pragma once

#include "chat/ChatTheme.h"

#include <QList>
#include <QRectF>
#include <QString>

#include <memory>

class QPainter;
class QTextDocument;

namespace md {

class CodeHighlighter;

// One laid-out text of a message: markdown (with fenced code blocks highlighted and drawn as
// tinted cards with a header strip for the language and a Copy button), plain or monospace text.
class MessageDocument {
public:
    static constexpr int kCodeHeaderHeight = 26;
    static constexpr int kCodePadding = 10;
    static constexpr int kCodeGap = 10; // between a code card and the text around it

    struct CodeBlock {
        QString language; // as written after the fence ("python", "" when none)
        QString code;     // the block's text, lines joined with '\n'
        QRectF rect;      // the card, in document coordinates (valid after setTextWidth)
        int firstBlock = 0;
        int lastBlock = 0;
    };

    explicit MessageDocument(std::shared_ptr<const ChatTheme> theme);
    ~MessageDocument();
    MessageDocument(const MessageDocument &) = delete;
    MessageDocument &operator=(const MessageDocument &) = delete;

    void setMarkdown(const QString &markdown);
    void setPlainText(const QString &text, bool monospace = false);
    void setHtml(const QString &html);
    void setTextWidth(qreal width);

    QSizeF size() const;
    qreal contentHeight() const; // size().height() plus what code cards need below the text
    qreal idealWidth() const;
    const QList<CodeBlock> &codeBlocks() const { return m_codeBlocks; }
    QTextDocument *document() const { return m_doc.get(); }

    // Draws at the painter's origin. `selectionStart` < `selectionEnd` paints a selection.
    void paint(QPainter *painter, const QColor &textColor, const QRectF &clip, int selectionStart = -1,
               int selectionEnd = -1) const;

private:
    void decorateMarkdown();
    void placeCodeBlocks();

    std::shared_ptr<const ChatTheme> m_theme;
    std::unique_ptr<QTextDocument> m_doc;
    CodeHighlighter *m_highlighter = nullptr; // owned by m_doc
    QList<CodeBlock> m_codeBlocks;
};

} // namespace md
