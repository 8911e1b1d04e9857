#pragma once

#include "secrets/MemorySecretStore.h"

// A MemorySecretStore that can be told to answer like a machine without a keychain (Unavailable)
// or a locked one (Denied), and counts writes: MemorySecretStore itself always succeeds.
class ScriptedSecretStore : public md::SecretStore {
public:
    md::SecretResult::Status failWith = md::SecretResult::Status::Ok;
    int writes = 0;
    md::MemorySecretStore memory;

    void read(const QString &name, Callback done) override
    {
        if (!fail(done))
            memory.read(name, std::move(done));
    }
    void write(const QString &name, const QString &secret, Callback done) override
    {
        ++writes;
        if (!fail(done))
            memory.write(name, secret, std::move(done));
    }
    void remove(const QString &name, Callback done) override
    {
        if (!fail(done))
            memory.remove(name, std::move(done));
    }
    QString backendName() const override { return QStringLiteral("Scripted keychain"); }
    bool isPersistent() const override { return true; }

private:
    bool fail(Callback &done)
    {
        if (failWith == md::SecretResult::Status::Ok)
            return false;
        md::SecretResult result;
        result.status = failWith;
        result.message = failWith == md::SecretResult::Status::Denied
            ? QStringLiteral("The keychain is locked.")
            : QStringLiteral("No Secret Service is running on this desktop.");
        QMetaObject::invokeMethod(
            this, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
        return true;
    }
};
