#include "settings/ApiKeyKeeper.h"

#include "secrets/SecretStore.h"

#include <QMetaObject>

namespace md {

ApiKeyKeeper::ApiKeyKeeper(SecretStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_keychainAvailable(store != nullptr)
{
}

void ApiKeyKeeper::later(std::function<void()> emitIt)
{
    QMetaObject::invokeMethod(this, std::move(emitIt), Qt::QueuedConnection);
}

void ApiKeyKeeper::noteKeychainResult(const SecretResult &result)
{
    if (result.status == SecretResult::Status::Unavailable || result.status == SecretResult::Status::Denied)
        m_keychainAvailable = false;
    else if (result.ok() || result.status == SecretResult::Status::NotFound)
        m_keychainAvailable = true;
}

QString ApiKeyKeeper::maskedKey(const QString &key)
{
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty())
        return {};
    // Short keys show less, so that the hint never gives away most of a (bogus) short key.
    const qsizetype shown = trimmed.size() >= 16 ? 4 : (trimmed.size() >= 8 ? 2 : 0);
    return QStringLiteral("\u2026") + trimmed.right(shown);
}

QString ApiKeyKeeper::describeSource() const
{
    const QString tail = maskedKey(m_key);
    if (m_source == QLatin1String("environment"))
        return tr("From the %1 environment variable (ends in %2). It takes precedence over a stored key.")
            .arg(QString::fromLatin1(kEnvironmentVariable), tail);
    if (m_source == QLatin1String("keychain")) {
        const QString backend = m_store ? m_store->backendName() : tr("keychain");
        return tr("Stored in the system keychain (%1), ends in %2.").arg(backend, tail);
    }
    if (m_source == QLatin1String("session"))
        return tr("Kept for this session only (ends in %1): it is gone when Mistral Desk quits.").arg(tail);
    return tr("No key is set.");
}

void ApiKeyKeeper::load()
{
    const QString fromEnvironment = qEnvironmentVariable(kEnvironmentVariable).trimmed();
    if (!fromEnvironment.isEmpty()) {
        m_key = fromEnvironment;
        m_source = QStringLiteral("environment");
        later([this, key = m_key] { emit keyLoaded(key, QStringLiteral("environment")); });
        return;
    }
    if (!m_store) {
        later([this] { emit keyMissing(tr("No keychain is available on this system.")); });
        return;
    }
    m_store->read(QString::fromLatin1(kSecretName),
                  [this, guard = QPointer<ApiKeyKeeper>(this)](const SecretResult &r) {
                      if (!guard)
                          return;
                      noteKeychainResult(r);
                      if (r.ok() && !r.value.trimmed().isEmpty()) {
                          // A key saved for this session meanwhile is newer than the keychain's.
                          if (m_source != QLatin1String("session")) {
                              m_key = r.value.trimmed();
                              m_source = QStringLiteral("keychain");
                          }
                          emit keyLoaded(m_key, m_source);
                      } else if (r.ok() || r.status == SecretResult::Status::NotFound) {
                          emit keyMissing(QString());
                      } else {
                          emit keyMissing(r.message);
                      }
                  });
}

void ApiKeyKeeper::save(const QString &key, bool sessionOnly)
{
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty()) {
        later([this] { emit saveFailed(tr("The key is empty."), false); });
        return;
    }
    if (m_source == QLatin1String("environment")) {
        later([this] {
            emit saveFailed(tr("The %1 environment variable is set and takes precedence. Unset it to use "
                               "a key entered here.")
                                .arg(QString::fromLatin1(kEnvironmentVariable)),
                            false);
        });
        return;
    }
    if (sessionOnly || !m_store) {
        if (!sessionOnly) {
            later([this] { emit saveFailed(tr("No keychain is available on this system."), true); });
            return;
        }
        m_key = trimmed;
        m_source = QStringLiteral("session");
        later([this, trimmed] { emit keySaved(trimmed, QStringLiteral("session")); });
        return;
    }
    m_store->write(QString::fromLatin1(kSecretName), trimmed,
                   [this, trimmed, guard = QPointer<ApiKeyKeeper>(this)](const SecretResult &r) {
                       if (!guard)
                           return;
                       noteKeychainResult(r);
                       if (r.ok()) {
                           m_key = trimmed;
                           m_source = QStringLiteral("keychain");
                           emit keySaved(trimmed, m_source);
                           return;
                       }
                       const bool unavailable = !m_keychainAvailable;
                       emit saveFailed(r.message.isEmpty() ? tr("The keychain did not store the key.") : r.message,
                                       unavailable);
                   });
}

void ApiKeyKeeper::forget()
{
    if (m_source != QLatin1String("environment")) {
        m_key.clear();
        m_source.clear();
    }
    if (!m_store || !m_keychainAvailable) {
        later([this] { emit keyForgotten(); });
        return;
    }
    m_store->remove(QString::fromLatin1(kSecretName),
                    [this, guard = QPointer<ApiKeyKeeper>(this)](const SecretResult &r) {
                        if (!guard)
                            return;
                        noteKeychainResult(r);
                        if (r.ok() || r.status == SecretResult::Status::NotFound)
                            emit keyForgotten();
                        else
                            emit saveFailed(r.message, !m_keychainAvailable);
                    });
}

} // namespace md
