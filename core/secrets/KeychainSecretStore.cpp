#include "secrets/KeychainSecretStore.h"

#include "Logging.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>

#include <utility>

// Where QtKeychain talks to a Secret Service over D-Bus (its keychain_unix backend).
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID) && !defined(Q_OS_HAIKU)
#define MD_SECRET_SERVICE 1
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

namespace md {

namespace {

// The messages are shown in Settings and on the welcome page.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::KeychainSecretStore)
};

SecretResult unavailable()
{
    SecretResult r;
    r.status = SecretResult::Status::Unavailable;
    r.message = Tr::tr("No system keychain is available (on Linux: a Secret Service such as GNOME Keyring or "
                       "KWallet). You can use a session-only key instead; it is forgotten when the app quits.");
    return r;
}

// Turns QtKeychain's outcome into ours, with a sentence the user can act on. The backend's own
// text is only shown where it is the sole clue (Failed); it never contains the secret.
SecretResult resultFor(QKeychain::Error error, const QString &backendText, const QString &name)
{
    SecretResult r;
    switch (error) {
    case QKeychain::NoError:
        return r;
    case QKeychain::EntryNotFound:
        r.status = SecretResult::Status::NotFound;
        r.message = Tr::tr("Nothing is stored under \"%1\" in the system keychain.").arg(name);
        return r;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unavailable();
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        r.status = SecretResult::Status::Denied;
        r.message = Tr::tr("The system keychain is locked or refused access. Unlock it and try again.");
        return r;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    r.status = SecretResult::Status::Failed;
    const QString detail = backendText.isEmpty() ? Tr::tr("no details given") : backendText;
    r.message = Tr::tr("The system keychain reported an error: %1. Try again; if it keeps "
                       "happening, check the keychain, or use a session-only key instead.")
                    .arg(detail);
    return r;
}

// Hands `r` to `done`, on the event loop of `context` and only while `context` lives.
//
// QtKeychain 0.13 reports every D-Bus failure of its libsecret backend as OtherError, so a
// machine without any Secret Service would show an obscure "Could not connect" instead of the
// offer of a session-only key. After such a failure, and only then, ask the bus itself: no
// session bus at all, or nobody owning org.freedesktop.secrets even after libsecret's attempt
// to have it activated, means there is no keychain here. Locale-independent, unlike the text.
void deliver(QObject *context, SecretResult r, SecretStore::Callback done)
{
#ifdef MD_SECRET_SERVICE
    if (r.status == SecretResult::Status::Failed) {
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected()) {
            qCDebug(lcSecrets) << "no D-Bus session bus:" << bus.lastError().message();
            r = unavailable();
        } else {
            QDBusMessage ask = QDBusMessage::createMethodCall(
                QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                QStringLiteral("org.freedesktop.DBus"), QStringLiteral("NameHasOwner"));
            ask << QStringLiteral("org.freedesktop.secrets");
            auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(ask, 5000), context);
            QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                             [r = std::move(r), done = std::move(done)](QDBusPendingCallWatcher *w) {
                                 w->deleteLater();
                                 const QDBusPendingReply<bool> owned = *w;
                                 const bool noService = owned.isValid() && !owned.value();
                                 if (done)
                                     done(noService ? unavailable() : r);
                             });
            return;
        }
    }
#else
    Q_UNUSED(context);
#endif
    if (done)
        done(r);
}

// A job owned by nobody but itself: it must outlive this store if the store goes first, because
// the backend (libsecret, Security.framework, ...) holds a pointer to it until it finishes.
template<typename Job> Job *newJob(const QString &service, const QString &name)
{
    auto *job = new Job(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file, whatever the platform
    job->setKey(name);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

// In each operation the job's `finished` is connected with `this` as context: if this store is
// destroyed first the connection goes with it, so the callback never runs against a dead caller.

void KeychainSecretStore::read(const QString &name, Callback done)
{
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, name);
    connect(job, &QKeychain::Job::finished, this, [this, job, name, done = std::move(done)]() mutable {
        SecretResult r = resultFor(job->error(), job->errorString(), name);
        if (r.ok())
            r.value = job->textData();
        else if (r.status != SecretResult::Status::NotFound)
            qCWarning(lcSecrets) << "reading" << name << "of" << m_service << "failed:" << job->error()
                                 << job->errorString();
        deliver(this, std::move(r), std::move(done));
    });
    job->start();
}

void KeychainSecretStore::write(const QString &name, const QString &secret, Callback done)
{
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, name);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, job, name, done = std::move(done)]() mutable {
        SecretResult r = resultFor(job->error(), job->errorString(), name);
        if (!r.ok())
            qCWarning(lcSecrets) << "writing" << name << "of" << m_service << "failed:" << job->error()
                                 << job->errorString();
        deliver(this, std::move(r), std::move(done));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &name, Callback done)
{
    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, name);
    connect(job, &QKeychain::Job::finished, this, [this, job, name, done = std::move(done)]() mutable {
        // Idempotent: "there was nothing to delete" is exactly what the caller wanted.
        const QKeychain::Error error = job->error() == QKeychain::EntryNotFound ? QKeychain::NoError : job->error();
        SecretResult r = resultFor(error, job->errorString(), name);
        if (!r.ok())
            qCWarning(lcSecrets) << "removing" << name << "of" << m_service << "failed:" << job->error()
                                 << job->errorString();
        deliver(this, std::move(r), std::move(done));
    });
    job->start();
}

QString KeychainSecretStore::backendName() const
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("macOS Keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Windows Credential Manager");
#else
    return QStringLiteral("Secret Service");
#endif
}

bool KeychainSecretStore::isPersistent() const
{
    return true;
}

} // namespace md
