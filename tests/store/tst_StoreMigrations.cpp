#include "store/ConversationStore.h"
#include "store/StoreSchema.h"
#include "store/UsageLedger.h"

#include <QFile>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

namespace {

// A database as an older Mistral Desk left it: steps 1..version, and data of that version written
// with that version's SQL (not through today's store).
bool buildOldDatabase(const QString &path, int version, QString *why)
{
    const QString name = QStringLiteral("old-%1").arg(version);
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        auto exec = [&](const QString &sql, const QVariantList &values = {}) {
            if (!ok)
                return;
            q.prepare(sql);
            for (const QVariant &v : values)
                q.addBindValue(v);
            ok = q.exec();
            if (!ok)
                *why = sql + QStringLiteral(": ") + q.lastError().text();
        };
        const QList<QStringList> steps = StoreSchema::steps();
        for (int v = 1; v <= version; ++v) {
            for (const QString &statement : steps.at(v - 1))
                exec(statement);
        }
        exec(QStringLiteral("PRAGMA user_version = %1").arg(version));
        if (version >= 1) {
            exec(QStringLiteral("INSERT INTO conversations (id, title, created_at, updated_at, pinned, parameters)"
                                " VALUES (7, 'Old chat', 1000, 2000, 1, '{\"model\":\"open-mistral-7b\"}')"));
            ChatEntry user;
            user.message = ChatMessage::user(QStringLiteral("How do lighthouses work?"));
            ChatEntry answer;
            answer.message = ChatMessage::assistant(QStringLiteral("A lamp and a Fresnel lens."));
            answer.model = QStringLiteral("open-mistral-7b");
            answer.state = ChatEntry::State::Streaming;
            const QString insert = QStringLiteral(
                "INSERT INTO messages (id, conversation_id, parent_id, depth, created_at, role, state, model, entry,"
                " search_text) VALUES (?, 7, ?, ?, 1500, ?, ?, ?, ?, ?)");
            exec(insert,
                 {11, QVariant(QMetaType(QMetaType::LongLong)), 0, QStringLiteral("user"), QStringLiteral("done"),
                  QString(QLatin1String("")), QJsonDocument(user.toJson()).toJson(QJsonDocument::Compact),
                  user.message.content});
            exec(insert,
                 {12, 11, 1, QStringLiteral("assistant"), QStringLiteral("streaming"), answer.model,
                  QJsonDocument(answer.toJson()).toJson(QJsonDocument::Compact), answer.message.content});
            exec(QStringLiteral("UPDATE conversations SET active_leaf = 12 WHERE id = 7"));
        }
        if (version >= 3)
            exec(QStringLiteral("INSERT INTO usage (time, source, model, endpoint, prompt_tokens, completion_tokens,"
                                " cost_usd) VALUES (?, 'proxy', 'codestral-latest', 'fim', 10, 20, NULL)"),
                 {QDateTime::currentMSecsSinceEpoch()});
        if (version >= 4) {
            exec(QStringLiteral("INSERT INTO open_tabs (position, conversation_id) VALUES (0, 7)"));
            exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('current_tab', 7)"));
            exec(QStringLiteral("INSERT INTO presets (name, parameters) VALUES ('Cold', '{\"temperature\":0}')"));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class tst_StoreMigrations : public QObject {
    Q_OBJECT

private slots:
    void stepsAreConsistent()
    {
        QCOMPARE(StoreSchema::steps().size(), StoreSchema::latestVersion());
        for (const QStringList &step : StoreSchema::steps())
            QVERIFY(!step.isEmpty());
    }

    void upgradesFromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 0; v < StoreSchema::latestVersion(); ++v)
            QTest::addRow("from v%d", v) << v;
    }

    void upgradesFromEveryEarlierVersion()
    {
        QFETCH(int, version);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QString why;
        QVERIFY2(buildOldDatabase(path, version, &why), qPrintable(why));

        ConversationStore store;
        QVERIFY2(store.open(path, &why), qPrintable(why));
        QCOMPARE(StoreSchema::version(store.database(), &why), StoreSchema::latestVersion());
        // The file as it was is kept aside, at its old version (none for a new, empty file).
        const QString backup = ConversationStore::backupPath(path, version);
        QCOMPARE(QFile::exists(backup), version > 0);
        if (version > 0) {
            QSqlDatabase old = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backup"));
            old.setDatabaseName(backup);
            QVERIFY(old.open());
            QCOMPARE(StoreSchema::version(old, &why), version);
            QSqlQuery q(old);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM messages")) && q.next());
            QCOMPARE(q.value(0).toInt(), 2);
            q.finish();
            old.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("backup"));
        if (version >= 1) {
            const ConversationSummary s = *store.conversation(7);
            QCOMPARE(s.title, QStringLiteral("Old chat"));
            QVERIFY(s.pinned);
            QCOMPARE(s.createdAt.toMSecsSinceEpoch(), 1000);
            QCOMPARE(s.messageCount, 2);
            QCOMPARE(s.model, QStringLiteral("open-mistral-7b"));
            QCOMPARE(store.parameters(7).value(QStringLiteral("model")).toString(), QStringLiteral("open-mistral-7b"));
            const QList<StoredMessage> path7 = store.activePath(7);
            QCOMPARE(path7.size(), 2);
            QCOMPARE(path7.at(0).entry.message.content, QStringLiteral("How do lighthouses work?"));
            QCOMPARE(path7.at(1).entry.message.content, QStringLiteral("A lamp and a Fresnel lens."));
            QCOMPARE(path7.at(1).entry.state, ChatEntry::State::Interrupted);
            // Old text is findable after the upgrade, titles too.
            QCOMPARE(store.search(QStringLiteral("lighthouses")).size(), 1);
            QCOMPARE(store.search(QStringLiteral("fresnel")).size(), 1);
            QCOMPARE(store.search(QStringLiteral("old chat")).value(0).messageId, 0);
            // And the upgraded file takes new data.
            QVERIFY(store.appendMessage(7, 12, ChatEntry {}) > 0);
        } else {
            QVERIFY(store.conversations().isEmpty());
        }
        UsageLedger ledger(&store);
        const QList<UsageRecord> records
            = ledger.records(QDateTime::currentDateTime().addDays(-1), QDateTime::currentDateTime().addDays(1));
        QCOMPARE(records.size(), version >= 3 ? 1 : 0);
        if (version >= 3) {
            QCOMPARE(records.first().model, QStringLiteral("codestral-latest"));
            QVERIFY(!records.first().costUsd);
        }
        int current = -1;
        QCOMPARE(store.openTabs(&current).size(), version >= 4 ? 1 : 0);
        QCOMPARE(current, version >= 4 ? 0 : -1);
        QCOMPARE(store.presets().size(), version >= 4 ? 1 : 0);
    }

    void newerSchemaIsRefusedAndLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.sqlite"));
        QString why;
        QVERIFY2(buildOldDatabase(path, StoreSchema::latestVersion(), &why), qPrintable(why));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(StoreSchema::latestVersion() + 1)));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE from_the_future (x)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        const QByteArray before = contents(path);
        ConversationStore store;
        QVERIFY(!store.open(path, &why));
        QVERIFY2(why.contains(QStringLiteral("newer version")), qPrintable(why));
        QVERIFY(!store.isOpen());
        QCOMPARE(contents(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || contents(path + QStringLiteral("-wal")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_StoreMigrations)
#include "tst_StoreMigrations.moc"
