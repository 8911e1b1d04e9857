#include "catalog/ModelCatalog.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace md;

namespace {
// Two cards in the shape /v1/models really returns.
const QByteArray kList = R"({"object":"list","data":[
 {"id":"mistral-small-2603","object":"model","created":1764000000,"owned_by":"mistralai","type":"base",
  "name":"mistral-small-2603","description":"Small, fast","max_context_length":262144,
  "aliases":["mistral-small-latest"],"deprecation":null,"deprecation_replacement_model":null,
  "default_model_temperature":0.3,
  "capabilities":{"completion_chat":true,"function_calling":true,"reasoning":false,"completion_fim":false,
                  "fine_tuning":true,"vision":true,"ocr":false,"classification":false,"moderation":false,"audio":false}},
 {"id":"open-mistral-nemo","object":"model","created":1721000000,"owned_by":"mistralai","type":"base",
  "name":"open-mistral-nemo","description":"Old","max_context_length":131072,"aliases":["open-mistral-nemo-2407"],
  "deprecation":"2026-12-31T12:00:00Z","deprecation_replacement_model":"ministral-8b-latest",
  "capabilities":{"completion_chat":true,"function_calling":true}},
 {"id":"codestral-embed","object":"model","created":1,"owned_by":"mistralai","type":"base","aliases":[],
  "max_context_length":8192,"capabilities":{}}
]})";
} // namespace

class TestModelCatalog : public QObject {
    Q_OBJECT
private slots:
    void readsCards()
    {
        ModelCatalog catalog;
        QSignalSpy updated(&catalog, &ModelCatalog::updated);
        QString error;
        QVERIFY2(catalog.loadResponse(kList, &error), qPrintable(error));
        QCOMPARE(updated.count(), 1);
        QCOMPARE(catalog.models().size(), 3);

        const ModelInfo *small = catalog.find(QStringLiteral("mistral-small-2603"));
        QVERIFY(small);
        QCOMPARE(small->maxContextLength, 262144);
        QCOMPARE(small->defaultTemperature.value_or(-1), 0.3);
        QVERIFY(small->capabilities.chat && small->capabilities.functionCalling && small->capabilities.vision);
        QVERIFY(!small->capabilities.fim && !small->capabilities.reasoning);
        QVERIFY(!small->isDeprecated());
        QCOMPARE(small->capabilityLabels(),
                 (QStringList {QStringLiteral("chat"), QStringLiteral("tools"), QStringLiteral("vision")}));

        const ModelInfo *nemo = catalog.find(QStringLiteral("open-mistral-nemo"));
        QVERIFY(nemo && nemo->isDeprecated());
        QCOMPARE(nemo->deprecation, QDate(2026, 12, 31));
        QCOMPARE(nemo->deprecationReplacement, QStringLiteral("ministral-8b-latest"));
        QVERIFY(!nemo->defaultTemperature.has_value());

        QVERIFY(catalog.find(QStringLiteral("codestral-embed"))->capabilities.embeddings);
    }

    void aliasesResolve()
    {
        ModelCatalog catalog;
        QVERIFY(catalog.loadResponse(kList));
        QCOMPARE(catalog.canonicalId(QStringLiteral("mistral-small-latest")), QStringLiteral("mistral-small-2603"));
        QCOMPARE(catalog.canonicalId(QStringLiteral("open-mistral-nemo-2407")), QStringLiteral("open-mistral-nemo"));
        QCOMPARE(catalog.canonicalId(QStringLiteral("unknown")), QStringLiteral("unknown"));
        QVERIFY(!catalog.find(QStringLiteral("unknown")));
    }

    void filterByCapability()
    {
        ModelCatalog catalog;
        QVERIFY(catalog.loadResponse(kList));
        QCOMPARE(catalog.models([](const ModelInfo &m) { return m.capabilities.vision; }).size(), 1);
        QCOMPARE(catalog.models([](const ModelInfo &m) { return m.capabilities.chat; }).size(), 2);
    }

    void cacheRoundTrip()
    {
        ModelCatalog catalog;
        QVERIFY(catalog.loadResponse(kList));
        const QJsonObject cached = catalog.toJson();
        ModelCatalog offline;
        QVERIFY(offline.loadJson(cached));
        QCOMPARE(offline.models().size(), catalog.models().size());
        QCOMPARE(offline.fetchedAt(), catalog.fetchedAt());
        for (int i = 0; i < catalog.models().size(); ++i) {
            QCOMPARE(offline.models().at(i).toJson(), catalog.models().at(i).toJson());
            QCOMPARE(offline.models().at(i).capabilities, catalog.models().at(i).capabilities);
        }
    }

    void badBodiesLeaveTheListAlone()
    {
        ModelCatalog catalog;
        QVERIFY(catalog.loadResponse(kList));
        QString error;
        QVERIFY(!catalog.loadResponse("not json", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!catalog.loadResponse(R"({"object":"list"})", &error));
        QCOMPARE(catalog.models().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestModelCatalog)
#include "tst_ModelCatalog.moc"
