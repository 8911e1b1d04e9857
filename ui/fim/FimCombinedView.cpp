#include "fim/FimCombinedView.h"

#include <QEvent>
#include <QFontDatabase>
#include <QTextBlock>

namespace md {

FimCombinedView::FimCombinedView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new CodeHighlighter(document()))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setAccessibleName(tr("Completion between prefix and suffix"));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_flushTimer.setInterval(33);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &FimCombinedView::flush);
    applyTheme();
}

void FimCombinedView::setLanguage(CodeHighlighter::Language language)
{
    m_highlighter->setDefaultLanguage(language);
    m_highlighter->rehighlight();
}

void FimCombinedView::reset(const QString &prefix, const QString &suffix)
{
    m_flushTimer.stop();
    m_prefix = prefix;
    m_suffix = suffix;
    m_shownMiddle.clear();
    m_pending.clear();
    setPlainText(prefix + suffix);
    updateHighlight();
}

void FimCombinedView::appendMiddle(const QString &text)
{
    m_pending += text;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

QString FimCombinedView::middle() const
{
    return m_shownMiddle + m_pending;
}

void FimCombinedView::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    QTextCursor cursor(document());
    cursor.setPosition(middleStart() + int(m_shownMiddle.size()));
    cursor.insertText(m_pending);
    m_shownMiddle += m_pending;
    m_pending.clear();
    updateHighlight();
    // Follow the end of the middle, where the next token lands.
    QTextCursor end(document());
    end.setPosition(middleStart() + int(m_shownMiddle.size()));
    setTextCursor(end);
    ensureCursorVisible();
}

void FimCombinedView::updateHighlight()
{
    QList<QTextEdit::ExtraSelection> selections;
    QColor tint = palette().color(QPalette::Highlight);
    tint.setAlphaF(palette().color(QPalette::Base).lightnessF() < 0.5f ? 0.35f : 0.22f);
    QTextEdit::ExtraSelection middle;
    middle.cursor = QTextCursor(document());
    middle.cursor.setPosition(middleStart());
    if (!m_shownMiddle.isEmpty()) {
        middle.cursor.setPosition(middleStart() + int(m_shownMiddle.size()), QTextCursor::KeepAnchor);
        middle.format.setBackground(tint);
        selections.append(middle);
    }
    setExtraSelections(selections);
}

void FimCombinedView::applyTheme()
{
    m_highlighter->setDark(palette().color(QPalette::Base).lightnessF() < 0.5f);
    m_highlighter->rehighlight();
    updateHighlight();
}

void FimCombinedView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

} // namespace md
