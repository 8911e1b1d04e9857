#pragma once

#include "secrets/SecretStore.h"

#include <QHash>

namespace md {

// Keeps secrets in this process only: for tests, and for the user's explicit "session-only key"
// choice when no keychain exists. Nothing is written anywhere; everything is gone when the
// store is destroyed.
//
// Like every SecretStore, callbacks run later on the event loop, never inside the call, so
// callers cannot come to depend on a synchronous answer that a real keychain never gives.
// Same semantics as KeychainSecretStore otherwise: reading a missing name is NotFound, removing
// a name that holds nothing is Ok, and callbacks still pending when the store is destroyed are
// dropped, never run.
class MemorySecretStore final : public SecretStore {
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject *parent = nullptr);
    ~MemorySecretStore() override;

    void read(const QString &name, Callback done) override;
    void write(const QString &name, const QString &secret, Callback done) override;
    void remove(const QString &name, Callback done) override;

    QString backendName() const override;
    bool isPersistent() const override;

private:
    void deliver(Callback done, SecretResult result);

    QHash<QString, QString> m_secrets;
};

} // namespace md
