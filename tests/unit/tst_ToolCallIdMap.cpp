#include "api/ToolCall.h"
#include "proxy/ToolCallIdMap.h"

#include <QSet>
#include <QTest>

using namespace md;

namespace {

// Every id lands on the same first candidate: each new client id collides with all earlier ones.
quint64 constantHash(QStringView, quint32)
{
    return 42;
}

} // namespace

class TestToolCallIdMap : public QObject {
    Q_OBJECT
private slots:
    void validIdsPassThrough_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("mixed") << QStringLiteral("aB3dE5fG9");
        QTest::newRow("digits") << QStringLiteral("000000000");
        QTest::newRow("upper") << QStringLiteral("ZZZZZZZZZ");
    }
    void validIdsPassThrough()
    {
        QFETCH(QString, id);
        ToolCallIdMap ids;
        QCOMPARE(ids.toMistral(id), id);
        QCOMPARE(ids.toClient(id), id);
    }

    void otherIdsGetNineAlnumChars_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("openai") << QStringLiteral("call_Xk3eQ9vTz2mWb8Lp1NcR4sYa");
        QTest::newRow("short") << QStringLiteral("abc");
        QTest::newRow("ten chars") << QStringLiteral("abcdefghij");
        QTest::newRow("punctuation") << QStringLiteral("abcd-fgh_");
        QTest::newRow("non-ascii") << QStringLiteral("abcd\u00e9fghi");
        QTest::newRow("empty") << QString();
    }
    void otherIdsGetNineAlnumChars()
    {
        QFETCH(QString, id);
        ToolCallIdMap ids;
        const QString mistral = ids.toMistral(id);
        QVERIFY2(ToolCall::isValidMistralId(mistral), qPrintable(mistral));
        QVERIFY(mistral != id);
        QCOMPARE(ids.toClient(mistral), id);
    }

    void mappingIsStable()
    {
        ToolCallIdMap ids;
        const QString client = QStringLiteral("call_abc123");
        const QString first = ids.toMistral(client);
        ids.toMistral(QStringLiteral("call_other"));
        QCOMPARE(ids.toMistral(client), first);
        QCOMPARE(ids.size(), 2);
        // Deterministic across instances (and processes): no per-process hash seed.
        ToolCallIdMap fresh;
        QCOMPARE(fresh.toMistral(client), first);
    }

    void manyIdsRoundTripWithoutCollision()
    {
        ToolCallIdMap ids;
        QSet<QString> seen;
        for (int i = 0; i < 20000; ++i) {
            const QString client = QStringLiteral("call_%1").arg(i);
            const QString mistral = ids.toMistral(client);
            QVERIFY(ToolCall::isValidMistralId(mistral));
            QVERIFY2(!seen.contains(mistral), qPrintable(client));
            seen.insert(mistral);
        }
        for (int i = 0; i < 20000; ++i) {
            const QString client = QStringLiteral("call_%1").arg(i);
            QCOMPARE(ids.toClient(ids.toMistral(client)), client);
        }
    }

    void unknownIdsComeBackUnchanged()
    {
        ToolCallIdMap ids;
        ids.toMistral(QStringLiteral("call_1"));
        QCOMPARE(ids.toClient(QStringLiteral("zzzzzzzzz")), QStringLiteral("zzzzzzzzz"));
    }

    void collisionsAreResolved()
    {
        ToolCallIdMap ids(ToolCallIdMap::kDefaultCapacity, &constantHash);
        const QString a = ids.toMistral(QStringLiteral("call_a"));
        const QString b = ids.toMistral(QStringLiteral("call_b"));
        const QString c = ids.toMistral(QStringLiteral("call_c"));
        QCOMPARE(a, ToolCallIdMap::encode(42));
        QVERIFY(a != b && b != c && a != c);
        QVERIFY(ToolCall::isValidMistralId(b) && ToolCall::isValidMistralId(c));
        QCOMPARE(ids.toClient(a), QStringLiteral("call_a"));
        QCOMPARE(ids.toClient(b), QStringLiteral("call_b"));
        QCOMPARE(ids.toClient(c), QStringLiteral("call_c"));
        QCOMPARE(ids.toMistral(QStringLiteral("call_b")), b);
    }

    void validIdTakenByDerivedIdIsRemapped()
    {
        // A client's own valid id equal to an id derived for someone else must not pass through,
        // or toClient would have two answers for it.
        ToolCallIdMap ids(ToolCallIdMap::kDefaultCapacity, &constantHash);
        const QString derived = ids.toMistral(QStringLiteral("call_a"));
        const QString remapped = ids.toMistral(derived);
        QVERIFY(remapped != derived);
        QCOMPARE(ids.toClient(remapped), derived);
        QCOMPARE(ids.toClient(derived), QStringLiteral("call_a"));
    }

    void derivedIdAvoidsPassedThroughId()
    {
        ToolCallIdMap ids(ToolCallIdMap::kDefaultCapacity, &constantHash);
        const QString passed = ToolCallIdMap::encode(42);
        QCOMPARE(ids.toMistral(passed), passed);
        const QString derived = ids.toMistral(QStringLiteral("call_a"));
        QVERIFY(derived != passed);
        QCOMPARE(ids.toClient(passed), passed);
        QCOMPARE(ids.toClient(derived), QStringLiteral("call_a"));
    }

    void memoryIsBounded()
    {
        ToolCallIdMap ids(3);
        QStringList mistral;
        for (int i = 0; i < 5; ++i)
            mistral << ids.toMistral(QStringLiteral("call_%1").arg(i));
        QCOMPARE(ids.size(), 3);
        QCOMPARE(ids.capacity(), 3);
        // The two oldest are forgotten, the three newest still map back.
        QCOMPARE(ids.toClient(mistral.at(0)), mistral.at(0));
        QCOMPARE(ids.toClient(mistral.at(1)), mistral.at(1));
        for (int i = 2; i < 5; ++i)
            QCOMPARE(ids.toClient(mistral.at(i)), QStringLiteral("call_%1").arg(i));
        // A forgotten client id re-derives the same Mistral id.
        QCOMPARE(ids.toMistral(QStringLiteral("call_0")), mistral.at(0));
        QCOMPARE(ids.size(), 3);
    }

    void defaultBoundHolds()
    {
        ToolCallIdMap ids;
        for (qsizetype i = 0; i < ToolCallIdMap::kDefaultCapacity + 500; ++i)
            ids.toMistral(QStringLiteral("call_%1").arg(i));
        QCOMPARE(ids.size(), ToolCallIdMap::kDefaultCapacity);
    }

    void encodeGivesNineBase62Digits()
    {
        QCOMPARE(ToolCallIdMap::encode(0), QStringLiteral("000000000"));
        QCOMPARE(ToolCallIdMap::encode(61), QStringLiteral("00000000z"));
        QCOMPARE(ToolCallIdMap::encode(62), QStringLiteral("000000010"));
        QVERIFY(ToolCall::isValidMistralId(ToolCallIdMap::encode(~quint64(0))));
    }
};

QTEST_GUILESS_MAIN(TestToolCallIdMap)
#include "tst_ToolCallIdMap.moc"
