#pragma once

#include "conversation/ImageAttachment.h"

#include <QList>
#include <QWidget>

#include <optional>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;

namespace md {

class ComposerEdit;

// Where the user writes the next message: text, image attachments (file picker, drag and drop,
// paste), the estimated size and cost of what will be sent, Send and Stop. An "editing" banner
// shows when an earlier message was taken back to be changed.
class Composer : public QWidget {
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    const QList<ImageAttachment> &attachments() const { return m_attachments; }
    void setAttachments(const QList<ImageAttachment> &attachments);
    bool isEmpty() const;
    // The user message the composer holds: plain text, or text and image chunks.
    ChatMessage message() const;
    void clear();

    void setBusy(bool busy);
    // Tokens the next request would carry (estimate) and its input cost; nullopt cost = no price.
    void setEstimate(qint64 tokens, std::optional<double> inputCostUsd);
    // Images can be attached only for vision models; the button says why when it is off.
    void setVisionAllowed(bool allowed);
    void setEditing(bool editing);
    bool isEditing() const { return m_editing; }
    void focusEditor();
    bool addImageFile(const QString &path);
    void addImage(const QImage &image, const QString &name);
    ComposerEdit *editor() const { return m_edit; }

signals:
    void sendRequested();
    void stopRequested();
    void contentChanged();
    void editCancelled();
    void problem(const QString &message);

private:
    void pickImages();
    void rebuildStrip();
    void updateButtons();

    ComposerEdit *m_edit;
    QWidget *m_banner;
    QWidget *m_strip;
    QHBoxLayout *m_stripLayout;
    QToolButton *m_attachButton;
    QLabel *m_estimateLabel;
    QPushButton *m_sendButton;
    QPushButton *m_stopButton;
    QList<ImageAttachment> m_attachments;
    bool m_busy = false;
    bool m_visionAllowed = true;
    bool m_editing = false;
};

} // namespace md
