#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;

namespace md {

// A masked key field with a "Show" toggle beside it (a real button, so Tab reaches it), shared
// by the welcome page and the Settings dialog.
class KeyField : public QWidget {
    Q_OBJECT
public:
    explicit KeyField(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    void clear();
    void setPlaceholderText(const QString &text);
    bool isRevealed() const;
    QLineEdit *lineEdit() const { return m_edit; }
    QToolButton *showButton() const { return m_show; }

signals:
    void textChanged(const QString &text);
    void returnPressed();

private:
    void setRevealed(bool revealed);

    QLineEdit *m_edit = nullptr;
    QToolButton *m_show = nullptr;
};

} // namespace md
