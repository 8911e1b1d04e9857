#include "settings/ApiKeyKeeper.h"

#include "ScriptedSecretStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace md;
using Status = SecretResult::Status;

namespace {
const QString kKey = QStringLiteral("abcdefghijklmnopqrstuvwxyz123456");

QString stored(ScriptedSecretStore &store)
{
    QString value;
    bool done = false;
    store.memory.read(QStringLiteral("api-key"), [&](const SecretResult &r) {
        value = r.ok() ? r.value : QString();
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }))
        return QStringLiteral("<no answer>");
    return value;
}
} // namespace

class tst_ApiKeyKeeper : public QObject {
    Q_OBJECT
private slots:
    void init() { qunsetenv("MISTRAL_API_KEY"); }
    void missingWhenNeverSet();
    void savesToKeychainAndLoadsBack();
    void signalsComeLater();
    void environmentWins();
    void unavailableKeychain_data();
    void unavailableKeychain();
    void sessionOnlyByChoice();
    void forgetRemovesEverywhere();
    void rejectsEmptyKey();
    void maskedKeyShowsOnlyTheEnd();
};

void tst_ApiKeyKeeper::missingWhenNeverSet()
{
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    QSignalSpy missing(&keys, &ApiKeyKeeper::keyMissing);
    QSignalSpy loaded(&keys, &ApiKeyKeeper::keyLoaded);
    keys.load();
    QTRY_COMPARE(missing.size(), 1);
    QCOMPARE(missing.at(0).at(0).toString(), QString());
    QCOMPARE(loaded.size(), 0);
    QVERIFY(keys.key().isEmpty());
    QVERIFY(keys.source().isEmpty());
    QVERIFY(keys.keychainAvailable());
}

void tst_ApiKeyKeeper::savesToKeychainAndLoadsBack()
{
    ScriptedSecretStore store;
    {
        ApiKeyKeeper keys(&store);
        QSignalSpy saved(&keys, &ApiKeyKeeper::keySaved);
        keys.save(QStringLiteral("  ") + kKey + QStringLiteral("\n"), false);
        QTRY_COMPARE(saved.size(), 1);
        QCOMPARE(saved.at(0).at(0).toString(), kKey);
        QCOMPARE(saved.at(0).at(1).toString(), QStringLiteral("keychain"));
        QCOMPARE(keys.source(), QStringLiteral("keychain"));
        QVERIFY(keys.describeSource().contains(QStringLiteral("Scripted keychain")));
        QVERIFY(!keys.describeSource().contains(kKey));
    }
    QCOMPARE(stored(store), kKey);
    ApiKeyKeeper again(&store);
    QSignalSpy loaded(&again, &ApiKeyKeeper::keyLoaded);
    again.load();
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(loaded.at(0).at(0).toString(), kKey);
    QCOMPARE(loaded.at(0).at(1).toString(), QStringLiteral("keychain"));
    QCOMPARE(again.key(), kKey);
}

void tst_ApiKeyKeeper::signalsComeLater()
{
    qputenv("MISTRAL_API_KEY", "from-env-1234567890");
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    QSignalSpy loaded(&keys, &ApiKeyKeeper::keyLoaded);
    keys.load();
    QCOMPARE(loaded.size(), 0); // never inside the call: callers connect first, then call
    QTRY_COMPARE(loaded.size(), 1);
    QTest::qWait(20);
    QCOMPARE(loaded.size(), 1); // once
}

void tst_ApiKeyKeeper::environmentWins()
{
    ScriptedSecretStore store;
    {
        ApiKeyKeeper keys(&store);
        QSignalSpy saved(&keys, &ApiKeyKeeper::keySaved);
        keys.save(kKey, false);
        QTRY_COMPARE(saved.size(), 1);
    }
    qputenv("MISTRAL_API_KEY", " from-env-1234567890 ");
    ApiKeyKeeper keys(&store);
    QSignalSpy loaded(&keys, &ApiKeyKeeper::keyLoaded);
    QSignalSpy failed(&keys, &ApiKeyKeeper::saveFailed);
    QSignalSpy forgotten(&keys, &ApiKeyKeeper::keyForgotten);
    keys.load();
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(loaded.at(0).at(0).toString(), QStringLiteral("from-env-1234567890"));
    QCOMPARE(loaded.at(0).at(1).toString(), QStringLiteral("environment"));
    QCOMPARE(keys.source(), QStringLiteral("environment"));
    QVERIFY(keys.describeSource().contains(QStringLiteral("MISTRAL_API_KEY")));

    // Read-only: a new key would not be used, so saving says why instead.
    keys.save(QStringLiteral("another-key-0000000000"), false);
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("MISTRAL_API_KEY")));
    QCOMPARE(stored(store), kKey);

    // Forget clears the keychain, but the environment's key stays in use.
    keys.forget();
    QTRY_COMPARE(forgotten.size(), 1);
    QCOMPARE(keys.key(), QStringLiteral("from-env-1234567890"));
    QCOMPARE(stored(store), QString());
}

void tst_ApiKeyKeeper::unavailableKeychain_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("unavailable") << int(Status::Unavailable);
    QTest::newRow("denied") << int(Status::Denied);
}

void tst_ApiKeyKeeper::unavailableKeychain()
{
    QFETCH(int, status);
    ScriptedSecretStore store;
    store.failWith = Status(status);
    ApiKeyKeeper keys(&store);
    QSignalSpy missing(&keys, &ApiKeyKeeper::keyMissing);
    QSignalSpy failed(&keys, &ApiKeyKeeper::saveFailed);
    QSignalSpy saved(&keys, &ApiKeyKeeper::keySaved);
    keys.load();
    QTRY_COMPARE(missing.size(), 1);
    QVERIFY(!missing.at(0).at(0).toString().isEmpty()); // the keychain's own message
    QVERIFY(!keys.keychainAvailable());

    keys.save(kKey, false);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(1).toBool(), true);
    QVERIFY(keys.key().isEmpty()); // nothing falls back silently

    const int writes = store.writes;
    keys.save(kKey, true);
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(saved.at(0).at(1).toString(), QStringLiteral("session"));
    QCOMPARE(keys.key(), kKey);
    QCOMPARE(keys.source(), QStringLiteral("session"));
    QCOMPARE(store.writes, writes); // a session key never reaches the store
}

void tst_ApiKeyKeeper::sessionOnlyByChoice()
{
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    QSignalSpy saved(&keys, &ApiKeyKeeper::keySaved);
    keys.save(kKey, true);
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(keys.source(), QStringLiteral("session"));
    QCOMPARE(store.writes, 0);
    QCOMPARE(stored(store), QString());
}

void tst_ApiKeyKeeper::forgetRemovesEverywhere()
{
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    QSignalSpy saved(&keys, &ApiKeyKeeper::keySaved);
    QSignalSpy forgotten(&keys, &ApiKeyKeeper::keyForgotten);
    keys.save(kKey, false);
    QTRY_COMPARE(saved.size(), 1);
    keys.forget();
    QTRY_COMPARE(forgotten.size(), 1);
    QVERIFY(keys.key().isEmpty());
    QVERIFY(keys.source().isEmpty());
    QCOMPARE(stored(store), QString());

    keys.save(kKey, true);
    QTRY_COMPARE(saved.size(), 2);
    keys.forget();
    QTRY_COMPARE(forgotten.size(), 2);
    QVERIFY(keys.key().isEmpty());

    ApiKeyKeeper fresh(&store);
    QSignalSpy missing(&fresh, &ApiKeyKeeper::keyMissing);
    fresh.load();
    QTRY_COMPARE(missing.size(), 1);
}

void tst_ApiKeyKeeper::rejectsEmptyKey()
{
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    QSignalSpy failed(&keys, &ApiKeyKeeper::saveFailed);
    keys.save(QStringLiteral("   "), false);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(store.writes, 0);
}

void tst_ApiKeyKeeper::maskedKeyShowsOnlyTheEnd()
{
    QCOMPARE(ApiKeyKeeper::maskedKey(kKey), QStringLiteral("\u2026") + QStringLiteral("3456"));
    QCOMPARE(ApiKeyKeeper::maskedKey(QStringLiteral("short123")), QStringLiteral("\u2026") + QStringLiteral("23"));
    QCOMPARE(ApiKeyKeeper::maskedKey(QStringLiteral("tiny")), QStringLiteral("\u2026"));
    QCOMPARE(ApiKeyKeeper::maskedKey(QString()), QString());
}

QTEST_GUILESS_MAIN(tst_ApiKeyKeeper)
#include "tst_ApiKeyKeeper.moc"
