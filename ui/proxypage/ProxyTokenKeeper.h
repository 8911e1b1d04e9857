#pragma once

#include <QObject>
#include <QString>

namespace md {

class SecretStore;

// The proxy's local token: read from the secret store ("proxy-token"), made on first use, and
// replaced on request. Where the store cannot keep it, the token still works for this session
// and `storageNote()` says so. The token is always one this app generated, so it can never be
// the user's Mistral key.
class ProxyTokenKeeper : public QObject {
    Q_OBJECT
public:
    static inline const QString kSecretName = QStringLiteral("proxy-token");

    explicit ProxyTokenKeeper(SecretStore *secrets, QObject *parent = nullptr);

    void load(); // asynchronous; tokenChanged() when the token is known
    void regenerate();

    bool isReady() const { return !m_token.isEmpty(); }
    QString token() const { return m_token; }
    bool isSaved() const { return m_saved; } // false: gone when the app quits
    QString storageNote() const { return m_note; }

signals:
    void tokenChanged(const QString &token);
    void storageNoteChanged(const QString &note);

private:
    void useNewToken(bool replacing);
    void setNote(bool saved, const QString &note);

    SecretStore *m_secrets;
    QString m_token;
    QString m_note;
    bool m_saved = false;
    quint64 m_generation = 0; // a read that finishes after a regenerate must not bring the old token back
};

} // namespace md
