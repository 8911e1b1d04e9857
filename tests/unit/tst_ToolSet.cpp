#include "tools/ToolSet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace md;

class TestToolSet : public QObject {
    Q_OBJECT
private slots:
    void examplesAreValidAndAnswerThemselves()
    {
        const QList<ToolSpec> examples = ToolSet::examples();
        QCOMPARE(examples.size(), 3);
        QStringList names;
        for (const ToolSpec &tool : examples) {
            QVERIFY2(tool.problem().isEmpty(), qPrintable(tool.problem()));
            QCOMPARE(tool.responder.kind, ToolResponder::Kind::FixedJson);
            QVERIFY(QJsonDocument::fromJson(tool.responder.fixedJson.toUtf8()).isObject());
            names << tool.definition.name;
        }
        QCOMPARE(
            names,
            (QStringList {QStringLiteral("get_weather"), QStringLiteral("calculate"), QStringLiteral("search_web")}));
    }

    void roundTripKeepsEverythingButTheCommandPermission()
    {
        QList<ToolSpec> tools = ToolSet::examples();
        tools[1].enabled = false;
        tools[2].responder.kind = ToolResponder::Kind::Command;
        tools[2].responder.command = QStringLiteral("python3 search.py --top 3");
        tools[2].responder.commandAllowed = true;
        tools[2].responder.timeoutMs = 2500;
        tools[0].definition.strict = true;

        QList<ToolSpec> read;
        QString error;
        QVERIFY2(ToolSet::fromJson(ToolSet::toJson(tools), &read, &error), qPrintable(error));
        QCOMPARE(read.size(), 3);
        QVERIFY(!read[2].responder.commandAllowed); // a file never grants it
        tools[2].responder.commandAllowed = false;
        QCOMPARE(read, tools);
    }

    void readsTheWireFormAndBareFunctions()
    {
        const QByteArray json = R"({"tools": [
            {"type": "function", "function": {"name": "a", "parameters": {"type": "object", "properties": {}}}},
            {"name": "b", "description": "bare", "parameters": {"type": "object"}}]})";
        QList<ToolSpec> read;
        QString error;
        QVERIFY2(ToolSet::fromJson(json, &read, &error), qPrintable(error));
        QCOMPARE(read.size(), 2);
        QCOMPARE(read[1].definition.name, QStringLiteral("b"));
        QCOMPARE(read[1].definition.description, QStringLiteral("bare"));
        QCOMPARE(read[1].responder.kind, ToolResponder::Kind::Manual);
        QVERIFY(read[1].enabled);
    }

    void refusesBadFilesWholeAndSaysWhy_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("[{\"name\": \"a\",]") << QStringLiteral("Line 1, column");
        QTest::newRow("not a list") << QByteArray("{\"name\": \"a\"}") << QStringLiteral("list of tools");
        QTest::newRow("not an object") << QByteArray("[1]") << QStringLiteral("Tool 1 is not a JSON object");
        QTest::newRow("bad name") << QByteArray(R"([{"name": "get weather"}])")
                                  << QStringLiteral("\"get weather\": A function name");
        QTest::newRow("no name") << QByteArray(R"([{"name": "ok"}, {"description": "x"}])")
                                 << QStringLiteral("Tool 2: Give the function a name");
        QTest::newRow("schema not object") << QByteArray(R"([{"name": "a", "parameters": {"type": "string"}}])")
                                           << QStringLiteral("\"type\": \"object\"");
        QTest::newRow("unusable schema") << QByteArray(
            R"([{"name": "a", "parameters": {"type": "object", "required": 3}}])")
                                         << QStringLiteral("cannot be used");
        QTest::newRow("twice") << QByteArray(R"([{"name": "a"}, {"name": "a"}])") << QStringLiteral("defined twice");
    }
    void refusesBadFilesWholeAndSaysWhy()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QList<ToolSpec> read = ToolSet::examples();
        QString error;
        QVERIFY(!ToolSet::fromJson(json, &read, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QCOMPARE(read.size(), 3); // untouched
    }

    void uniqueNames()
    {
        const QList<ToolSpec> tools = ToolSet::examples();
        QCOMPARE(ToolSet::uniqueName(tools, QStringLiteral("lookup")), QStringLiteral("lookup"));
        QCOMPARE(ToolSet::uniqueName(tools, QStringLiteral("calculate")), QStringLiteral("calculate_2"));
    }
};

QTEST_GUILESS_MAIN(TestToolSet)
#include "tst_ToolSet.moc"
