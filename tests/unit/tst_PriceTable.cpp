#include "catalog/ModelCatalog.h"
#include "catalog/PriceTable.h"

#include <QTest>

using namespace md;

class TestPriceTable : public QObject {
    Q_OBJECT
private slots:
    void defaultsFollowTheListPrices()
    {
        const PriceTable t = PriceTable::defaults();
        QVERIFY(t.effectiveDate().isValid());
        QCOMPARE(t.price(QStringLiteral("mistral-large-latest"))->inputPerMillion, 0.5);
        QCOMPARE(t.price(QStringLiteral("mistral-large-latest"))->outputPerMillion, 1.5);
        QCOMPARE(t.price(QStringLiteral("mistral-medium-latest"))->outputPerMillion, 7.5);
        QCOMPARE(t.price(QStringLiteral("ministral-3b-latest"))->outputPerMillion, 0.1);
        QCOMPARE(t.price(QStringLiteral("mistral-embed"))->inputPerMillion, 0.1);
        QCOMPARE(t.price(QStringLiteral("mistral-moderation-latest"))->inputPerMillion, 0.0);
    }

    void costArithmetic()
    {
        const PriceTable t = PriceTable::defaults();
        Usage u;
        u.promptTokens = 1'000'000;
        u.completionTokens = 2'000'000;
        QCOMPARE(*t.cost(QStringLiteral("mistral-small-latest"), u), 0.15 + 1.2);
        u.promptTokens = 1234;
        u.completionTokens = 567;
        QVERIFY(qAbs(*t.cost(QStringLiteral("mistral-medium-latest"), u) - (1234 * 1.5 + 567 * 7.5) / 1e6) < 1e-12);
        QVERIFY(!t.cost(QStringLiteral("someone-elses-model"), u).has_value()); // unknown is "no price", not free
    }

    void versionedIdsFindTheirFamily()
    {
        const PriceTable t = PriceTable::defaults();
        QCOMPARE(*t.price(QStringLiteral("mistral-large-2411")), *t.price(QStringLiteral("mistral-large-latest")));
        QCOMPARE(*t.price(QStringLiteral("open-mistral-nemo-2407")), *t.price(QStringLiteral("open-mistral-nemo")));
        QCOMPARE(*t.price(QStringLiteral("mistral-medium-2508")), *t.price(QStringLiteral("mistral-medium-latest")));
        // Embeddings are not priced as the chat model of a similar name.
        QCOMPARE(t.price(QStringLiteral("codestral-embed"))->inputPerMillion, 0.15);
        QCOMPARE(t.price(QStringLiteral("codestral-2508"))->inputPerMillion, 0.3);
    }

    void catalogAliasesHelp()
    {
        ModelCatalog catalog;
        QVERIFY(catalog.loadResponse(
            R"({"object":"list","data":[{"id":"labs-secret-0901","aliases":["devstral-latest"],"capabilities":{}}]})"));
        const PriceTable t = PriceTable::defaults();
        QVERIFY(!t.price(QStringLiteral("labs-secret-0901")).has_value());
        QCOMPARE(t.price(QStringLiteral("labs-secret-0901"), &catalog)->outputPerMillion, 2.0);
    }

    void editAndPersist()
    {
        PriceTable t = PriceTable::defaults();
        t.setPrice(QStringLiteral("my-finetune"), {1.0, 3.0});
        t.removePrice(QStringLiteral("mistral-embed"));
        t.setEffectiveDate(QDate(2027, 1, 1));
        const PriceTable back = PriceTable::fromJson(t.toJson());
        QCOMPARE(back, t);
        QCOMPARE(back.price(QStringLiteral("my-finetune"))->outputPerMillion, 3.0);
        QVERIFY(!back.price(QStringLiteral("mistral-embed")).has_value());
    }

    void brokenEntriesAreDroppedNotFree()
    {
        const PriceTable t = PriceTable::fromJson(QJsonObject {
            {QLatin1String("date"), QLatin1String("2026-01-01")},
            {QLatin1String("prices"),
             QJsonObject {
                 {QLatin1String("a"), QJsonObject {{QLatin1String("input"), QLatin1String("cheap")}}},
                 {QLatin1String("b"), QJsonObject {{QLatin1String("input"), -1}}},
                 {QLatin1String("c"), QJsonObject {{QLatin1String("input"), 2}, {QLatin1String("output"), 4}}}}}});
        QVERIFY(!t.price(QStringLiteral("a")).has_value());
        QVERIFY(!t.price(QStringLiteral("b")).has_value());
        QCOMPARE(t.price(QStringLiteral("c"))->outputPerMillion, 4.0);
    }

    void formatting()
    {
        QCOMPARE(PriceTable::formatUsd(0.0), QStringLiteral("$0"));
        QCOMPARE(PriceTable::formatUsd(0.000123), QStringLiteral("$0.000123"));
        QCOMPARE(PriceTable::formatUsd(0.25), QStringLiteral("$0.2500"));
        QCOMPARE(PriceTable::formatUsd(12.345), QStringLiteral("$12.35"));
    }
};

QTEST_GUILESS_MAIN(TestPriceTable)
#include "tst_PriceTable.moc"
