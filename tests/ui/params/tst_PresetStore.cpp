#include "params/PresetStore.h"
#include "store/ConversationStore.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

class tst_PresetStore : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_PresetStore"));
    }

    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    void emptyAtFirst()
    {
        const PresetStore store;
        QVERIFY(store.names().isEmpty());
        QVERIFY(!store.preset(QStringLiteral("nothing")));
    }

    void saveThenReadInAnotherStore()
    {
        PresetStore store;
        QSignalSpy changed(&store, &PresetStore::changed);
        ChatParameters p;
        p.model = QStringLiteral("codestral-latest");
        p.systemPrompt = QStringLiteral("Reply in JSON.");
        p.temperature = 0.1;
        p.stop = {QStringLiteral("\n")};
        p.responseFormat.type = ResponseFormat::Type::JsonObject;
        store.save(QStringLiteral("JSON / strict"), p); // a '/' must not become a settings group
        QCOMPARE(changed.size(), 1);

        const PresetStore other; // another tab's view of the same settings
        QCOMPARE(other.names(), QStringList {QStringLiteral("JSON / strict")});
        const std::optional<ChatParameters> back = other.preset(QStringLiteral("JSON / strict"));
        QVERIFY(back);
        QVERIFY(back->model.isEmpty()); // presets never carry the model
        ChatParameters expected = p;
        expected.model.clear();
        QCOMPARE(*back, expected);
    }

    void namesAreSortedAndSavingReplaces()
    {
        PresetStore store;
        ChatParameters p;
        store.save(QStringLiteral("zeta"), p);
        store.save(QStringLiteral("Alpha"), p);
        store.save(QStringLiteral("beta"), p);
        QCOMPARE(store.names(),
                 (QStringList {QStringLiteral("Alpha"), QStringLiteral("beta"), QStringLiteral("zeta")}));
        p.topP = 0.5;
        store.save(QStringLiteral(" beta "), p); // trimmed: replaces "beta"
        QCOMPARE(store.names().size(), 3);
        QCOMPARE(store.preset(QStringLiteral("beta"))->topP, std::optional<double>(0.5));
        store.save(QStringLiteral("   "), p); // no name, nothing saved
        QCOMPARE(store.names().size(), 3);
    }

    void remove()
    {
        PresetStore store;
        store.save(QStringLiteral("one"), {});
        store.save(QStringLiteral("two"), {});
        QSignalSpy changed(&store, &PresetStore::changed);
        store.remove(QStringLiteral("one"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(store.names(), QStringList {QStringLiteral("two")});
        store.remove(QStringLiteral("missing"));
        QCOMPARE(changed.size(), 1); // nothing happened, nothing said
    }

    void survivesGarbageInSettings()
    {
        QSettings().setValue(QStringLiteral("parameters/presets"), QByteArray("not json"));
        const PresetStore store;
        QVERIFY(store.names().isEmpty());
    }

    void presetsMoveIntoTheHistoryDatabase()
    {
        QSettings().clear();
        PresetStore settingsStore;
        ChatParameters brief;
        brief.systemPrompt = QStringLiteral("Be brief.");
        settingsStore.save(QStringLiteral("Brief"), brief);

        QTemporaryDir dir;
        ConversationStore history;
        QString error;
        QVERIFY2(history.open(dir.filePath(QStringLiteral("history.sqlite")), &error), qPrintable(error));
        PresetStore store;
        store.useStore(&history);
        QCOMPARE(store.names(), QStringList {QStringLiteral("Brief")});
        QVERIFY(!QSettings().contains(QStringLiteral("parameters/presets"))); // moved, not copied
        ChatParameters warm;
        warm.temperature = 0.9;
        store.save(QStringLiteral("Warm"), warm);
        store.remove(QStringLiteral("Brief"));
        QCOMPARE(history.presets().keys(), QStringList {QStringLiteral("Warm")});
        QCOMPARE(store.preset(QStringLiteral("Warm"))->temperature, std::optional<double>(0.9));
    }
};

QTEST_GUILESS_MAIN(tst_PresetStore)
#include "tst_PresetStore.moc"
