#pragma once

#include <QPlainTextEdit>

namespace md {

// The composer's text field: plain text in, images (dropped files or pasted pixels) handed on
// instead of being inserted as text.
class ComposerEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit ComposerEdit(QWidget *parent = nullptr);

signals:
    void imageFileDropped(const QString &path);
    void imagePasted(const QImage &image);

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
    QSize sizeHint() const override;
};

} // namespace md
