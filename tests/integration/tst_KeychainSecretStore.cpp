// KeychainSecretStore against what a user's machine really has. Two modes, both registered with ctest:
//
// - MD_REQUIRE_SECRET_SERVICE unset: no keychain at all. Before anything else the process is
//   pointed at a D-Bus session bus that does not exist, with HOME and the XDG directories in a
//   temporary sandbox and no desktop hints, so the outcome is the same on every machine. The store
//   must say Unavailable (offering a session-only key) and leave no secret in any file.
// - MD_REQUIRE_SECRET_SERVICE set (run through tests/support/with-secret-service.sh): a real,
//   private gnome-keyring. Every operation must work, and the entry must be where other
//   Secret Service clients (secret-tool) find it. Nothing is skipped: a missing service fails.
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <memory>

using md::KeychainSecretStore;
using md::SecretResult;
using md::SecretStore;

namespace {

constexpr int kTimeoutMs = 20000;

bool requireSecretService()
{
    return !qEnvironmentVariableIsEmpty("MD_REQUIRE_SECRET_SERVICE");
}

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &c : raw)
        c = static_cast<char>(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(raw.toHex());
}

QString statusName(SecretResult::Status s)
{
    switch (s) {
    case SecretResult::Status::Ok:
        return QStringLiteral("Ok");
    case SecretResult::Status::NotFound:
        return QStringLiteral("NotFound");
    case SecretResult::Status::Unavailable:
        return QStringLiteral("Unavailable");
    case SecretResult::Status::Denied:
        return QStringLiteral("Denied");
    case SecretResult::Status::Failed:
        return QStringLiteral("Failed");
    }
    return QStringLiteral("?");
}

// One operation's callback: how often it ran, with what, and whether the call had returned by then.
struct Outcome {
    int calls = 0;
    bool ranInsideCall = false;
    SecretResult result;
};

// Files under `root` (hidden ones included) whose bytes contain the secret as UTF-8, UTF-16 or base64.
QStringList filesContaining(const QString &root, const QString &secret)
{
    const QByteArray utf8 = secret.toUtf8();
    const QByteArray needles[] = {
        utf8,
        QByteArray(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2),
        utf8.toBase64(),
    };
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue; // sockets and the like
        const QByteArray content = f.readAll();
        for (const QByteArray &needle : needles) {
            if (content.contains(needle)) {
                hits << path;
                break;
            }
        }
    }
    return hits;
}

// Must run before QCoreApplication exists: Qt and libsecret read these once. Returns the sandbox
// that now serves as HOME and every XDG directory.
std::unique_ptr<QTemporaryDir> isolateFromAnyKeychain()
{
    auto sandbox = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/md-keychain-test-XXXXXX"));
    if (!sandbox->isValid())
        return nullptr;
    const QString root = sandbox->path();
    const auto dir = [&](const char *var, const QString &sub) {
        const QString path = root + u'/' + sub;
        QDir().mkpath(path);
        qputenv(var, QFile::encodeName(path));
    };
    dir("HOME", QStringLiteral("home"));
    dir("XDG_CONFIG_HOME", QStringLiteral("home/.config"));
    dir("XDG_DATA_HOME", QStringLiteral("home/.local/share"));
    dir("XDG_CACHE_HOME", QStringLiteral("home/.cache"));
    dir("XDG_STATE_HOME", QStringLiteral("home/.local/state"));
    dir("XDG_RUNTIME_DIR", QStringLiteral("runtime"));
    QFile::setPermissions(root + QStringLiteral("/runtime"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    // A bus address that cannot exist (inside the fresh sandbox), and nothing that could lead to
    // another bus (X11 autolaunch), another keyring daemon, or QtKeychain's KWallet path.
    const QString noBus = QStringLiteral("unix:path=") + root + QStringLiteral("/no-such-bus");
    qputenv("DBUS_SESSION_BUS_ADDRESS", QFile::encodeName(noBus));
    for (const char *var : {"DBUS_STARTER_ADDRESS", "DBUS_STARTER_BUS_TYPE", "DISPLAY", "WAYLAND_DISPLAY",
                            "GNOME_KEYRING_CONTROL", "GNOME_DESKTOP_SESSION_ID", "XDG_CURRENT_DESKTOP",
                            "XDG_SESSION_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "KDE_SESSION_VERSION"})
        qunsetenv(var);
    return sandbox;
}

} // namespace

class tst_KeychainSecretStore : public QObject {
    Q_OBJECT
public:
    explicit tst_KeychainSecretStore(QString sandbox)
        : m_sandbox(std::move(sandbox))
    {
    }

private:
    // Starts one store operation and returns where its outcome will land.
    std::shared_ptr<Outcome> start(const std::function<void(SecretStore::Callback)> &operation)
    {
        auto out = std::make_shared<Outcome>();
        auto returned = std::make_shared<bool>(false);
        operation([out, returned](const SecretResult &r) {
            ++out->calls;
            out->ranInsideCall = !*returned;
            out->result = r;
        });
        *returned = true;
        return out;
    }

    // Waits for the outcome and checks the SecretStore contract: later, and exactly once.
    // Sets m_failed on a broken contract, which cleanup() reports.
    SecretResult await(const std::shared_ptr<Outcome> &out)
    {
        QDeadlineTimer deadline(kTimeoutMs);
        while (out->calls == 0 && !deadline.hasExpired())
            QTest::qWait(10);
        QTest::qWait(20); // a second delivery would arrive now
        if (out->calls != 1 || out->ranInsideCall) {
            m_failed = QStringLiteral("callback ran %1 time(s)%2")
                           .arg(out->calls)
                           .arg(out->ranInsideCall ? QStringLiteral(", inside the call") : QString());
            return {};
        }
        return out->result;
    }

    SecretResult call(const std::function<void(SecretStore::Callback)> &operation) { return await(start(operation)); }

    QString secretToolLookup(const QString &service, const QString &name, int *exitCode)
    {
        QProcess p;
        p.start(QStringLiteral("secret-tool"),
                {QStringLiteral("lookup"), QStringLiteral("server"), service, QStringLiteral("user"), name,
                 QStringLiteral("type"), QStringLiteral("plaintext")});
        if (!p.waitForFinished(kTimeoutMs)) {
            *exitCode = -1;
            return {};
        }
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    const QString m_sandbox;
    const QString m_service = QStringLiteral("Mistral Desk test ") + randomHex(4);
    QStringList m_written; // names to clean up in the real keyring even when a test fails midway
    QString m_failed;

private slots:
    void initTestCase()
    {
        qInfo("mode: %s", requireSecretService() ? "real Secret Service required" : "no session bus");
        if (!requireSecretService()) {
            QVERIFY(!m_sandbox.isEmpty());
            QVERIFY2(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).startsWith(m_sandbox),
                     "XDG_CONFIG_HOME should point into the sandbox");
        }
    }

    void init() { m_failed.clear(); }
    void cleanup() { QVERIFY2(m_failed.isEmpty(), qPrintable(m_failed)); }

    void cleanupTestCase()
    {
        if (!requireSecretService())
            return;
        KeychainSecretStore store(m_service);
        for (const QString &name : std::as_const(m_written))
            call([&](auto cb) { store.remove(name, cb); });
    }

    void describesItself()
    {
        KeychainSecretStore store(m_service);
        QVERIFY(store.isPersistent());
        QCOMPARE(store.service(), m_service);
#if defined(Q_OS_MACOS)
        QCOMPARE(store.backendName(), QStringLiteral("macOS Keychain"));
#elif defined(Q_OS_WIN)
        QCOMPARE(store.backendName(), QStringLiteral("Windows Credential Manager"));
#else
        QCOMPARE(store.backendName(), QStringLiteral("Secret Service"));
#endif
        QCOMPARE(KeychainSecretStore().service(), QStringLiteral("Mistral Desk"));
    }

    void callbackIsNotRunInsideTheCall()
    {
        KeychainSecretStore store(m_service);
        const QString name = QStringLiteral("mistral-desk-test-absent-") + randomHex(8);
        const auto out = start([&](auto cb) { store.read(name, cb); });
        QCOMPARE(out->calls, 0);
        const SecretResult r = await(out);
        QVERIFY(!r.ok());
        QVERIFY(!r.message.isEmpty());
    }

    void callbackIsDroppedWhenStoreIsDestroyed()
    {
        auto dropped = std::make_shared<int>(0);
        auto *doomed = new KeychainSecretStore(m_service);
        doomed->read(QStringLiteral("mistral-desk-test-absent-") + randomHex(8),
                     [dropped](const SecretResult &) { ++*dropped; });
        delete doomed;
        // QtKeychain runs jobs one after another, so once a later job has answered, the orphaned
        // one has finished too.
        KeychainSecretStore sentinel(m_service);
        call([&](auto cb) { sentinel.read(QStringLiteral("mistral-desk-test-absent-") + randomHex(8), cb); });
        QTest::qWait(200);
        QCOMPARE(*dropped, 0);
    }

    // --- no keychain: deterministic failure path ---

    void withoutKeychainEveryOperationIsUnavailable()
    {
        if (requireSecretService())
            QSKIP("a Secret Service is present in this mode");
#if defined(Q_OS_MACOS) || defined(Q_OS_WIN)
        QSKIP("the OS keychain here is not reached over D-Bus, so it cannot be taken away");
#endif
        KeychainSecretStore store(m_service);
        const QString name = QStringLiteral("mistral-desk-test-") + randomHex(8);
        const QString secret = QStringLiteral("sk-") + randomHex(16);

        const SecretResult w = call([&](auto cb) { store.write(name, secret, cb); });
        const SecretResult r = call([&](auto cb) { store.read(name, cb); });
        const SecretResult d = call([&](auto cb) { store.remove(name, cb); });
        for (const SecretResult &res : {w, r, d}) {
            QCOMPARE(statusName(res.status), QStringLiteral("Unavailable"));
            QVERIFY(!res.ok());
            QVERIFY(res.value.isEmpty());
            QVERIFY(!res.message.isEmpty());
            QVERIFY2(res.message.contains(QStringLiteral("session-only")), qPrintable(res.message));
            QVERIFY(!res.message.contains(secret));
        }
    }

    void withoutKeychainNothingReachesADisk()
    {
        if (requireSecretService())
            QSKIP("the real-keyring variant is in roundTripThroughTheSecretService");
#if defined(Q_OS_MACOS) || defined(Q_OS_WIN)
        QSKIP("the OS keychain here is not reached over D-Bus, so it cannot be taken away");
#endif
        const QString secret = QStringLiteral("sk-") + randomHex(16);

        // The scan must be able to see a secret at all, or the clean result below means nothing.
        const QString planted = m_sandbox + QStringLiteral("/home/.config/planted/probe.ini");
        QVERIFY(QDir().mkpath(QFileInfo(planted).path()));
        {
            QFile f(planted);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.write(QByteArray("key=").append(secret.toUtf8().toBase64()).append('\n')) > 0);
        }
        QCOMPARE(filesContaining(m_sandbox, secret), QStringList {planted});
        QVERIFY(QDir(QFileInfo(planted).path()).removeRecursively());

        KeychainSecretStore store(m_service);
        const QString name = QStringLiteral("mistral-desk-test-") + randomHex(8);
        QCOMPARE(statusName(call([&](auto cb) { store.write(name, secret, cb); }).status),
                 QStringLiteral("Unavailable"));
        QCOMPARE(statusName(call([&](auto cb) { store.write(name, secret + secret, cb); }).status),
                 QStringLiteral("Unavailable"));
        const QStringList leaks = filesContaining(m_sandbox, secret);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QStringLiteral(", "))));
    }

    // --- a real Secret Service ---

    void roundTripThroughTheSecretService()
    {
        if (!requireSecretService())
            QSKIP("set MD_REQUIRE_SECRET_SERVICE=1 and run through tests/support/with-secret-service.sh");
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty(),
                 "secret-tool not found: install libsecret-tools (scripts/install-deps.sh)");

        KeychainSecretStore store(m_service);
        const QString name = QStringLiteral("mistral-desk-test-") + randomHex(8);
        m_written << name;
        const QString first = QStringLiteral("sk-") + randomHex(16);
        const QString second = QStringLiteral("sk-é-ключ-鍵-🔑-") + randomHex(16);

        SecretResult res = call([&](auto cb) { store.write(name, first, cb); });
        QVERIFY2(res.ok(), qPrintable(statusName(res.status) + u' ' + res.message));
        res = call([&](auto cb) { store.read(name, cb); });
        QCOMPARE(statusName(res.status), QStringLiteral("Ok"));
        QCOMPARE(res.value, first);

        res = call([&](auto cb) { store.write(name, second, cb); });
        QVERIFY2(res.ok(), qPrintable(res.message));
        res = call([&](auto cb) { store.read(name, cb); });
        QCOMPARE(statusName(res.status), QStringLiteral("Ok"));
        QCOMPARE(res.value, second);

        // Where any other Secret Service client finds it: QtKeychain's libsecret schema stores the
        // name as "user", the service as "server", and text as type "plaintext".
        int exitCode = -1;
        QCOMPARE(secretToolLookup(m_service, name, &exitCode), second);
        QCOMPARE(exitCode, 0);

        // In the keyring, which is encrypted on disk; never as a file in plain text.
        const QString sandbox = qEnvironmentVariable("MD_SECRET_SERVICE_SANDBOX");
        if (!sandbox.isEmpty()) {
            const QStringList leaks = filesContaining(sandbox, second);
            QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QStringLiteral(", "))));
        }

        res = call([&](auto cb) { store.remove(name, cb); });
        QCOMPARE(statusName(res.status), QStringLiteral("Ok"));
        res = call([&](auto cb) { store.read(name, cb); });
        QCOMPARE(statusName(res.status), QStringLiteral("NotFound"));
        QVERIFY(res.value.isEmpty());
        QVERIFY(!res.message.isEmpty());
        QCOMPARE(secretToolLookup(m_service, name, &exitCode), QString());
        QVERIFY(exitCode != 0);

        // Removing what is not there is still Ok (idempotent delete).
        res = call([&](auto cb) { store.remove(name, cb); });
        QCOMPARE(statusName(res.status), QStringLiteral("Ok"));
        m_written.removeAll(name);
    }

    void operationsIssuedTogetherRunInOrder()
    {
        if (!requireSecretService())
            QSKIP("needs a Secret Service");
        KeychainSecretStore store(m_service);
        const QString name = QStringLiteral("mistral-desk-test-") + randomHex(8);
        m_written << name;
        // No waiting in between: the way a settings page saves and then re-reads.
        const auto w1 = start([&](auto cb) { store.write(name, QStringLiteral("one"), cb); });
        const auto w2 = start([&](auto cb) { store.write(name, QStringLiteral("two"), cb); });
        const auto r = start([&](auto cb) { store.read(name, cb); });
        const auto d = start([&](auto cb) { store.remove(name, cb); });
        const auto gone = start([&](auto cb) { store.read(name, cb); });
        QVERIFY(await(w1).ok());
        QVERIFY(await(w2).ok());
        QCOMPARE(await(r).value, QStringLiteral("two"));
        QVERIFY(await(d).ok());
        QCOMPARE(statusName(await(gone).status), QStringLiteral("NotFound"));
        m_written.removeAll(name);
    }

    void servicesKeepTheirEntriesApart()
    {
        if (!requireSecretService())
            QSKIP("needs a Secret Service");
        KeychainSecretStore mine(m_service);
        KeychainSecretStore other(m_service + QStringLiteral(" other"));
        const QString name = QStringLiteral("mistral-desk-test-") + randomHex(8);
        m_written << name;
        QVERIFY(call([&](auto cb) { mine.write(name, QStringLiteral("mine"), cb); }).ok());
        QCOMPARE(statusName(call([&](auto cb) { other.read(name, cb); }).status), QStringLiteral("NotFound"));
        QCOMPARE(statusName(call([&](auto cb) { other.remove(name, cb); }).status), QStringLiteral("Ok"));
        QCOMPARE(call([&](auto cb) { mine.read(name, cb); }).value, QStringLiteral("mine"));
        QVERIFY(call([&](auto cb) { mine.remove(name, cb); }).ok());
        m_written.removeAll(name);
    }
};

int main(int argc, char **argv)
{
    std::unique_ptr<QTemporaryDir> sandbox;
    if (!requireSecretService()) {
        sandbox = isolateFromAnyKeychain();
        if (!sandbox) {
            std::fprintf(stderr, "cannot create a temporary directory\n");
            return 1;
        }
    }
    QCoreApplication app(argc, argv);
    tst_KeychainSecretStore test(sandbox ? sandbox->path() : QString());
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_KeychainSecretStore.moc"
