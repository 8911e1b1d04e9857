#pragma once

#include <QFrame>
#include <QTimer>

class QLabel;
class QPushButton;

namespace md {

// "Deleted “x” · Undo" at the bottom of the sidebar for a few seconds after a delete. A second
// delete replaces the first (which then stays deleted). Escape or the close button dismisses it.
class UndoBar : public QFrame {
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 8000;

    explicit UndoBar(QWidget *parent = nullptr);

    void showFor(qint64 conversationId, const QString &title, int timeoutMs = kDefaultTimeoutMs);
    void dismiss();
    qint64 pendingConversation() const { return m_id; }
    QString text() const;
    QPushButton *undoButton() const { return m_undo; }

signals:
    void undoRequested(qint64 conversationId);

private:
    QLabel *m_label;
    QPushButton *m_undo;
    QPushButton *m_close;
    QTimer m_timer;
    qint64 m_id = 0;
};

} // namespace md
