#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace md {

// The outcome of one secret-store operation.
struct SecretResult {
    enum class Status {
        Ok,
        NotFound,    // nothing stored under that name
        Unavailable, // no keychain / Secret Service on this machine
        Denied,      // the keychain is locked or the user refused access
        Failed,      // anything else; see message
    };
    Status status = Status::Ok;
    QString value;   // the secret, for a successful read
    QString message; // a sentence a user can act on, when status != Ok

    bool ok() const { return status == Status::Ok; }
};

// Where API keys and local tokens live. Asynchronous because OS keychains may prompt the user.
// Implementations never write a secret anywhere else (no settings file, no log).
class SecretStore : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const SecretResult &)>;

    explicit SecretStore(QObject *parent = nullptr)
        : QObject(parent)
    {
    }
    ~SecretStore() override = default;

    // Each callback runs exactly once, later, on the caller's thread's event loop (never inside the call).
    virtual void read(const QString &name, Callback done) = 0;
    virtual void write(const QString &name, const QString &secret, Callback done) = 0;
    virtual void remove(const QString &name, Callback done) = 0;

    // A short human name of the backend ("Secret Service", "macOS Keychain", "memory (this session only)").
    virtual QString backendName() const = 0;
    // False when secrets do not outlive the process (the user must be told).
    virtual bool isPersistent() const = 0;
};

} // namespace md
