#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>

namespace md {

// Colours, fonts and spacing of the chat view, derived from the widget's palette so that the same
// code reads well on light and dark palettes: every tint is the text colour mixed into the base.
struct ChatTheme {
    bool dark = false;
    QPalette palette;
    QFont font;
    QFont boldFont;
    QFont smallFont;
    QFont monoFont;
    QColor base;
    QColor text;
    QColor dim;        // secondary text: model name, stats, thinking
    QColor border;     // hairlines
    QColor userBubble; // background of the user's messages
    QColor codeBackground;
    QColor codeHeader; // strip above a code block with its language and Copy button
    QColor inlineCode; // background of `code` spans
    QColor errorBackground;
    QColor errorBorder;
    QColor errorTitle;
    QColor accent; // current-row marker, streaming cursor
    QColor hover;  // hovered row

    int lineHeight = 18;
    int smallLineHeight = 15;

    static ChatTheme fromPalette(const QPalette &palette, const QFont &font);
    static QColor mix(const QColor &a, const QColor &b, double amountOfB);
};

} // namespace md
