#include "proxy/JsonPeek.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace md;

// JsonPeek against QJsonDocument: the same member values, from the top level only.
class TestJsonPeek : public QObject {
    Q_OBJECT
private:
    static QJsonValue parsedValue(QByteArrayView raw)
    {
        return QJsonDocument::fromJson("[" + raw.toByteArray() + "]").array().at(0);
    }

private slots:
    void membersLikeQJsonDocument_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("chat completion") << QByteArray(
            "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"mistral-small-latest\","
            "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi \\\"usage\\\": "
            "{ } [ ] \\\\\",\"tool_calls\":null},\"finish_reason\":\"stop\"}],"
            "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20}}");
        QTest::newRow("usage first, spaces")
            << QByteArray(" {\n \"usage\" : { \"prompt_tokens\" : 1 , \"completion_tokens\" : 2 } ,\t\"model\" : "
                          "\"m\\u00e9\\\"x\" }\n");
        QTest::newRow("nested usage only")
            << QByteArray("{\"data\":[{\"usage\":{\"prompt_tokens\":5}}],\"model\":\"e\"}");
        QTest::newRow("scalars") << QByteArray("{\"a\":1.5e3,\"b\":true,\"c\":null,\"d\":-2,\"model\":\"\"}");
        QTest::newRow("backslashes before quotes")
            << QByteArray("{\"k\":\"a\\\\\",\"model\":\"b\\\\\\\\\",\"usage\":{\"s\":\"}\\\"]\"}}");
        QTest::newRow("empty object") << QByteArray("{}");
    }
    void membersLikeQJsonDocument()
    {
        QFETCH(QByteArray, json);
        const QJsonObject object = QJsonDocument::fromJson(json).object();
        for (const char *key : {"usage", "model", "a", "b", "c", "d", "k", "data", "missing"}) {
            const QByteArrayView raw = JsonPeek::topLevelValue(json, key);
            const QJsonValue expected = object.value(QLatin1String(key));
            if (expected.isUndefined()) {
                QVERIFY2(raw.isEmpty(), key);
                continue;
            }
            QCOMPARE(parsedValue(raw), expected);
            QCOMPARE(JsonPeek::topLevelString(json, key), expected.isString() ? expected.toString() : QString());
        }
    }

    void usageLikeUsageFromJson()
    {
        for (const char *usage : {"{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20}",
                                  "{ \"completion_tokens\" : 8 , \"prompt_tokens\" : 12 }",
                                  "{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":0}",
                                  "{\"prompt_tokens\":1.5e2,\"completion_tokens\":null,\"total_tokens\":\"7\"}",
                                  "{\"prompt_tokens\":-3,\"completion_tokens\":4}",
                                  "{\"prompt_tokens\":5,\"details\":{\"total_tokens\":99}}", "{}"}) {
            const Usage expected = Usage::fromJson(QJsonDocument::fromJson(usage).object());
            QCOMPARE(JsonPeek::usage(usage), expected);
        }
    }

    void notAnObjectOrCutAnywhere()
    {
        QVERIFY(JsonPeek::topLevelValue("[{\"model\":\"x\"}]", "model").isEmpty());
        QVERIFY(JsonPeek::topLevelValue("", "model").isEmpty());
        QVERIFY(JsonPeek::topLevelValue("\"model\"", "model").isEmpty());
        const QByteArray json
            = "{\"id\":\"a\\\"b\",\"choices\":[{\"m\":{\"c\":\"x\"}}],\"model\":\"m\",\"usage\":{\"p\":1}}";
        for (int cut = 0; cut < json.size(); ++cut) {
            const QByteArrayView part = QByteArrayView(json).first(cut);
            // Never past the input; a member is only found once its value is complete.
            const QByteArrayView usage = JsonPeek::topLevelValue(part, "usage");
            QVERIFY(usage.isEmpty() || usage == QByteArrayView("{\"p\":1}"));
            const QString model = JsonPeek::topLevelString(part, "model");
            QVERIFY(model.isEmpty() || model == QLatin1String("m"));
        }
        QCOMPARE(JsonPeek::topLevelString(json, "model"), QStringLiteral("m"));
        QCOMPARE(JsonPeek::topLevelString(json, "id"), QStringLiteral("a\"b"));
    }
};

QTEST_APPLESS_MAIN(TestJsonPeek)
#include "tst_JsonPeek.moc"
