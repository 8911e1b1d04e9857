#include "secrets/MemorySecretStore.h"

#include <QMetaObject>

#include <utility>

namespace md {

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{
}

MemorySecretStore::~MemorySecretStore() = default;

void MemorySecretStore::read(const QString &name, Callback done)
{
    SecretResult result;
    const auto it = m_secrets.constFind(name);
    if (it == m_secrets.constEnd()) {
        result.status = SecretResult::Status::NotFound;
        result.message = QStringLiteral("No secret named \"%1\" is stored for this session.").arg(name);
    } else {
        result.value = *it;
    }
    deliver(std::move(done), std::move(result));
}

void MemorySecretStore::write(const QString &name, const QString &secret, Callback done)
{
    m_secrets.insert(name, secret);
    deliver(std::move(done), SecretResult {});
}

void MemorySecretStore::remove(const QString &name, Callback done)
{
    // Idempotent, like KeychainSecretStore: removing nothing is not an error.
    m_secrets.remove(name);
    deliver(std::move(done), SecretResult {});
}

QString MemorySecretStore::backendName() const
{
    return tr("memory (this session only)");
}

bool MemorySecretStore::isPersistent() const
{
    return false;
}

void MemorySecretStore::deliver(Callback done, SecretResult result)
{
    if (!done)
        return;
    // Queued with `this` as context: runs on the next event-loop turn, and not at all if the
    // store is destroyed first (the caller owns the store, so it has stopped caring).
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)]() { done(result); }, Qt::QueuedConnection);
}

} // namespace md
