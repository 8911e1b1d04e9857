#include "settings/NoticeLabel.h"

#include <QApplication>
#include <QEvent>

namespace md {

NoticeLabel::NoticeLabel(Kind kind, QWidget *parent)
    : QLabel(parent)
    , m_kind(kind)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (kind != Kind::Hint)
        hide(); // errors and notices appear when there is something to say

    restyle();
}

void NoticeLabel::showText(const QString &text)
{
    setText(text);
    setVisible(!text.isEmpty());
}

void NoticeLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) && !m_restyling)
        restyle();
}

void NoticeLabel::restyle()
{
    m_restyling = true;
    // The application's palette, not ours: our own is tinted by the style sheet set below.
    const bool dark = QApplication::palette().color(QPalette::Window).lightness() < 128;
    QString css;
    if (m_kind == Kind::Error) {
        css = dark ? QStringLiteral("color: #ff8a80;") : QStringLiteral("color: #b3261e;");
    } else if (m_kind == Kind::Hint) {
        css = dark ? QStringLiteral("color: #a8a8b0;") : QStringLiteral("color: #5f6368;");
    } else {
        css = dark ? QStringLiteral("color: #e8e8ea; background: #3a3424; border: 1px solid #6b5a2a; "
                                    "border-radius: 4px; padding: 6px;")
                   : QStringLiteral("color: #3d3000; background: #fff6d6; border: 1px solid #e6cf7a; "
                                    "border-radius: 4px; padding: 6px;");
    }
    setStyleSheet(css);
    m_restyling = false;
}

} // namespace md
