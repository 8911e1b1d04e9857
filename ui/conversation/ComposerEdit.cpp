#include "conversation/ComposerEdit.h"

#include <QImage>
#include <QMimeData>
#include <QUrl>

namespace md {

ComposerEdit::ComposerEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
}

bool ComposerEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasImage() || source->hasUrls() || QPlainTextEdit::canInsertFromMimeData(source);
}

void ComposerEdit::insertFromMimeData(const QMimeData *source)
{
    if (source->hasUrls()) {
        bool handled = false;
        for (const QUrl &url : source->urls()) {
            if (url.isLocalFile()) {
                emit imageFileDropped(url.toLocalFile());
                handled = true;
            }
        }
        if (handled)
            return;
    }
    if (source->hasImage()) {
        emit imagePasted(qvariant_cast<QImage>(source->imageData()));
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

QSize ComposerEdit::sizeHint() const
{
    // About four lines: room to write without hiding the conversation.
    return {QPlainTextEdit::sizeHint().width(), fontMetrics().lineSpacing() * 4 + 12};
}

} // namespace md
