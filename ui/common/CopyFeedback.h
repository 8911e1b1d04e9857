#pragma once

#include <QFontMetrics>
#include <QPushButton>
#include <QTimer>

namespace md {

// Briefly relabels a copy button ("Copied") so the user sees the click worked, without a dialog.
// The button keeps the width of the longer label so the row does not jump.
inline void showCopied(QPushButton *button, const QString &done)
{
    const QString normal = button->property("md_normalText").toString().isEmpty()
        ? button->text()
        : button->property("md_normalText").toString();
    button->setProperty("md_normalText", normal);
    const QFontMetrics fm = button->fontMetrics();
    button->setMinimumWidth(
        qMax(button->minimumWidth(), qMax(button->sizeHint().width(), fm.horizontalAdvance(done) + 2 * fm.height())));
    button->setText(done);
    QTimer::singleShot(1500, button, [button, normal] { button->setText(normal); });
}

} // namespace md
