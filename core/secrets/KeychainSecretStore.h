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
// - On Linux, "no session bus" and "nobody provides org.freedesktop.secrets" are reported as
//   Unavailable, although QtKeychain 0.13 only says OtherError there (see deliver() in the .cpp;
//   this is why the .cpp uses Qt D-Bus, which QtKeychain brings along on Linux).
// - Entries are QtKeychain's: on Linux, libsecret schema "org.qt.keychain" with attributes
//   user=<name>, server=<service>, type=plaintext, so `secret-tool lookup server <service>
//   user <name> type plaintext` finds them.
//
// There is no up-front "is a keychain available?" query: QtKeychain 0.13 has none
// (QKeychain::isAvailable() came later), so callers learn it from the first Unavailable result.
class KeychainSecretStore final : public SecretStore {
    Q_OBJECT
public:
    // `service` groups the app's entries in the keychain; tests pass their own to stay apart from
    // the user's real entries.
    explicit KeychainSecretStore(const QString &service = QStringLiteral("Mistral Desk"), QObject *parent = nullptr);
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
