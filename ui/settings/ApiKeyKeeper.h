#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace md {

class SecretStore;
struct SecretResult;

// The Mistral API key, from one of three places, in this order:
// - the MISTRAL_API_KEY environment variable: wins, read-only (for CI, containers, scripts);
// - the keychain, through a SecretStore, under the name "api-key";
// - this process's memory, when the user chose "this session only" (no keychain, or by choice).
// The key is never written anywhere else: not to QSettings, not to a log (DESIGN.md, secrets).
//
// Every signal is emitted later, on the event loop, never inside the call that caused it, like the
// SecretStore callbacks it relays: connect first, then call.
class ApiKeyKeeper : public QObject {
    Q_OBJECT
public:
    static constexpr const char *kSecretName = "api-key";
    static constexpr const char *kEnvironmentVariable = "MISTRAL_API_KEY";

    explicit ApiKeyKeeper(SecretStore *store, QObject *parent = nullptr);

    // Looks for the key (environment, then keychain); emits keyLoaded or keyMissing, once.
    void load();
    // Keeps `key` (trimmed) in the keychain, or in memory only when `sessionOnly`; emits keySaved
    // or saveFailed. Fails while MISTRAL_API_KEY is set: that key would still win.
    void save(const QString &key, bool sessionOnly);
    // Removes the key from the keychain and from memory (a key from the environment stays); emits
    // keyForgotten, or saveFailed when the keychain refused.
    void forget();

    QString key() const { return m_key; }
    QString source() const { return m_source; } // "environment", "keychain", "session"; empty: none
    bool keychainAvailable() const { return m_keychainAvailable; }
    // "…a1b2": enough to recognise a key, never enough to use it. Empty for an empty key.
    static QString maskedKey(const QString &key);
    // A sentence for the user: where the current key comes from.
    QString describeSource() const;

signals:
    void keyLoaded(const QString &key, const QString &source);
    void keyMissing(const QString &why); // empty when simply never set; the keychain's message otherwise
    void keySaved(const QString &key, const QString &source);
    void saveFailed(const QString &message, bool keychainUnavailable);
    void keyForgotten();

private:
    void noteKeychainResult(const SecretResult &result);
    void later(std::function<void()> emitIt);

    QPointer<SecretStore> m_store;
    QString m_key;
    QString m_source;
    bool m_keychainAvailable = true;
};

} // namespace md
