#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace md {

class KeyField;
class NoticeLabel;

// The first-run page, shown instead of the chat while there is no key: what the app does, where
// to get a key, a key field and a button. The owner checks the key (GET /v1/models) and answers
// with setBusy() and showError().
class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    // When false: says plainly that the key cannot be stored, and the button becomes
    // "Use for this session only" (pressing it is the user's opt-in).
    void setKeychainAvailable(bool available);
    void showError(const QString &message); // empty clears it
    void setBusy(bool busy);                // while the owner checks the key

    bool isKeychainAvailable() const { return m_keychainAvailable; }
    QString errorText() const;
    KeyField *keyField() const { return m_key; }
    QPushButton *submitButton() const { return m_submit; }

signals:
    void keySubmitted(const QString &key, bool sessionOnly);

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyleCard();
    void submit();
    void refresh();

    bool m_keychainAvailable = true;
    bool m_busy = false;
    QWidget *m_card = nullptr;
    KeyField *m_key = nullptr;
    QPushButton *m_submit = nullptr;
    QLabel *m_storageNote = nullptr;
    QLabel *m_busyLabel = nullptr;
    NoticeLabel *m_keychainNotice = nullptr;
    NoticeLabel *m_error = nullptr;
};

} // namespace md
