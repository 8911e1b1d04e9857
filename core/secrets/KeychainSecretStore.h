#pragma once

#include "secrets/SecretStore.h"

namespace md {

// Secrets in the operating system's keychain through QtKeychain: the macOS Keychain, the
// Windows Credential Manager, or a Secret Service (GNOME Keyring, KWallet) over D-Bus on Linux.
//
// Never falls back to a plaintext file: QtKeychain's insecure fallback is switched off for every
// job, so a machine without a keychain gets Status::Unavailable and the user decides what to do
// (DESIGN.md: a session-only key in a MemorySecretStore, or nothing).
//
// Semantics on top of SecretStore:
// - remove() of a name that holds nothing reports Ok: deleting is idempotent, so "forget my key"
//   never fails just because there was no key.
// - If the store is destroyed while an operation is still running in the keychain, that
//   operation completes in the background but its callback is dropped, never run.
class KeychainSecretStore final : public SecretStore {
    Q_OBJECT
public:
    // `service` groups the app's entries in the keychain; tests pass their own to stay apart from
    // the user's real entries.
    explicit KeychainSecretStore(const QString &service = QStringLiteral("Mistral Desk"),
                                 QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    void read(const QString &name, Callback done) override;
    void write(const QString &name, const QString &secret, Callback done) override;
    void remove(const QString &name, Callback done) override;

    QString backendName() const override;
    bool isPersistent() const override;

    QString service() const { return m_service; }

private:
    QString m_service;
};

} // namespace md
