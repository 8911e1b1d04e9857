#include "secrets/MemorySecretStore.h"

#include <QTest>

#include <memory>

using md::MemorySecretStore;
using md::SecretResult;
using md::SecretStore;

namespace {

// What one callback saw: how often it ran, with what, and whether the call had returned by then.
struct Outcome {
    int calls = 0;
    bool ranInsideCall = false;
    SecretResult result;
};

// A callback recording into `out`. `returned` is set by the test right after the store call
// returns, so a callback that runs inside the call sees it still false.
SecretStore::Callback recorder(const std::shared_ptr<Outcome> &out, const std::shared_ptr<bool> &returned)
{
    return [out, returned](const SecretResult &r) {
        ++out->calls;
        out->ranInsideCall = !*returned;
        out->result = r;
    };
}

} // namespace

class tst_MemorySecretStore : public QObject {
    Q_OBJECT

private:
    // Runs one store operation, waits for its callback and checks the SecretStore contract:
    // called later (not inside the call), and exactly once.
    SecretResult call(const std::function<void(SecretStore::Callback)> &operation)
    {
        auto out = std::make_shared<Outcome>();
        auto returned = std::make_shared<bool>(false);
        operation(recorder(out, returned));
        *returned = true;
        [&] { QTRY_COMPARE_WITH_TIMEOUT(out->calls, 1, 5000); }();
        // Let any stray second delivery arrive before counting again.
        QCoreApplication::processEvents();
        QTest::qWait(20);
        m_ok = m_ok && out->calls == 1 && !out->ranInsideCall;
        return out->result;
    }
    bool m_ok = true;

private slots:
    void init() { m_ok = true; }
    void cleanup() { QVERIFY2(m_ok, "a callback ran inside the call, never, or more than once"); }

    void describesItself()
    {
        MemorySecretStore store;
        QVERIFY(!store.isPersistent());
        QCOMPARE(store.backendName(), QStringLiteral("memory (this session only)"));
    }

    void writeThenRead()
    {
        MemorySecretStore store;
        const SecretResult w
            = call([&](auto cb) { store.write(QStringLiteral("api-key"), QStringLiteral("sk-123"), cb); });
        QCOMPARE(w.status, SecretResult::Status::Ok);
        QVERIFY(w.ok());
        const SecretResult r = call([&](auto cb) { store.read(QStringLiteral("api-key"), cb); });
        QCOMPARE(r.status, SecretResult::Status::Ok);
        QCOMPARE(r.value, QStringLiteral("sk-123"));
        QVERIFY(r.message.isEmpty());
    }

    void overwriteReplaces()
    {
        MemorySecretStore store;
        call([&](auto cb) { store.write(QStringLiteral("k"), QStringLiteral("first"), cb); });
        QCOMPARE(call([&](auto cb) { store.write(QStringLiteral("k"), QStringLiteral("second"), cb); }).status,
                 SecretResult::Status::Ok);
        QCOMPARE(call([&](auto cb) { store.read(QStringLiteral("k"), cb); }).value, QStringLiteral("second"));
    }

    void namesAreIndependent()
    {
        MemorySecretStore store;
        call([&](auto cb) { store.write(QStringLiteral("a"), QStringLiteral("1"), cb); });
        call([&](auto cb) { store.write(QStringLiteral("b"), QStringLiteral("2"), cb); });
        call([&](auto cb) { store.remove(QStringLiteral("a"), cb); });
        QCOMPARE(call([&](auto cb) { store.read(QStringLiteral("a"), cb); }).status, SecretResult::Status::NotFound);
        QCOMPARE(call([&](auto cb) { store.read(QStringLiteral("b"), cb); }).value, QStringLiteral("2"));
    }

    void removeThenReadIsNotFound()
    {
        MemorySecretStore store;
        call([&](auto cb) { store.write(QStringLiteral("k"), QStringLiteral("v"), cb); });
        QCOMPARE(call([&](auto cb) { store.remove(QStringLiteral("k"), cb); }).status, SecretResult::Status::Ok);
        const SecretResult r = call([&](auto cb) { store.read(QStringLiteral("k"), cb); });
        QCOMPARE(r.status, SecretResult::Status::NotFound);
        QVERIFY(!r.ok());
        QVERIFY(r.value.isEmpty());
        QVERIFY(!r.message.isEmpty());
    }

    void readMissingIsNotFound()
    {
        MemorySecretStore store;
        const SecretResult r = call([&](auto cb) { store.read(QStringLiteral("never-written"), cb); });
        QCOMPARE(r.status, SecretResult::Status::NotFound);
        QVERIFY(!r.message.isEmpty());
    }

    void removeMissingIsOk()
    {
        MemorySecretStore store;
        QCOMPARE(call([&](auto cb) { store.remove(QStringLiteral("never-written"), cb); }).status,
                 SecretResult::Status::Ok);
    }

    void callbackIsNotRunInsideTheCall()
    {
        MemorySecretStore store;
        bool returned = false;
        bool calledBeforeReturn = false;
        int calls = 0;
        store.write(QStringLiteral("k"), QStringLiteral("v"), [&](const SecretResult &) {
            ++calls;
            calledBeforeReturn = !returned;
        });
        returned = true;
        QCOMPARE(calls, 0);
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 5000);
        QVERIFY(!calledBeforeReturn);

        returned = false;
        store.read(QStringLiteral("k"), [&](const SecretResult &) {
            ++calls;
            calledBeforeReturn = !returned;
        });
        returned = true;
        QCOMPARE(calls, 1);
        QTRY_COMPARE_WITH_TIMEOUT(calls, 2, 5000);
        QVERIFY(!calledBeforeReturn);
    }

    void manyCallsEachAnswerOnceInOrder()
    {
        MemorySecretStore store;
        QList<int> order;
        for (int i = 0; i < 20; ++i)
            store.write(QString::number(i), QString::number(i * i), [&order, i](const SecretResult &r) {
                QVERIFY(r.ok());
                order.append(i);
            });
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 20, 5000);
        QTest::qWait(20);
        QCOMPARE(order.size(), 20);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(order.at(i), i);
        QCOMPARE(call([&](auto cb) { store.read(QStringLiteral("7"), cb); }).value, QStringLiteral("49"));
    }

    void nonAsciiSecretRoundTrips()
    {
        MemorySecretStore store;
        const QString secret = QStringLiteral("clé-ключ-鍵-🔑-\u00e9\u0301-%1").arg(QStringLiteral("sk"));
        const QString name = QStringLiteral("schlüssel 🔐");
        QVERIFY(call([&](auto cb) { store.write(name, secret, cb); }).ok());
        const SecretResult r = call([&](auto cb) { store.read(name, cb); });
        QCOMPARE(r.status, SecretResult::Status::Ok);
        QCOMPARE(r.value, secret);
        QCOMPARE(r.value.toUtf8(), secret.toUtf8());
    }

    void emptySecretIsStillASecret()
    {
        MemorySecretStore store;
        call([&](auto cb) { store.write(QStringLiteral("k"), QString(), cb); });
        const SecretResult r = call([&](auto cb) { store.read(QStringLiteral("k"), cb); });
        QCOMPARE(r.status, SecretResult::Status::Ok);
        QVERIFY(r.value.isEmpty());
    }

    void emptyCallbackIsAllowed()
    {
        MemorySecretStore store;
        store.write(QStringLiteral("k"), QStringLiteral("v"), {});
        store.remove(QStringLiteral("other"), nullptr);
        QTest::qWait(20);
        QCOMPARE(call([&](auto cb) { store.read(QStringLiteral("k"), cb); }).value, QStringLiteral("v"));
    }

    void storesDoNotShareSecrets()
    {
        MemorySecretStore one;
        MemorySecretStore two;
        call([&](auto cb) { one.write(QStringLiteral("k"), QStringLiteral("v"), cb); });
        QCOMPARE(call([&](auto cb) { two.read(QStringLiteral("k"), cb); }).status, SecretResult::Status::NotFound);
    }

    void callbackIsDroppedWhenStoreIsDestroyed()
    {
        int calls = 0;
        auto *store = new MemorySecretStore;
        store->write(QStringLiteral("k"), QStringLiteral("v"), [&calls](const SecretResult &) { ++calls; });
        store->read(QStringLiteral("k"), [&calls](const SecretResult &) { ++calls; });
        delete store;
        QTest::qWait(50);
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(tst_MemorySecretStore)
#include "tst_MemorySecretStore.moc"
