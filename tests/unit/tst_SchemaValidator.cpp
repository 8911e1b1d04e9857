#include "tools/SchemaValidator.h"

#include <QJsonDocument>
#include <QTest>

using namespace md;

namespace {
QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

const char *kWeather = "{\"type\": \"object\",\n"
                       "  \"properties\": {\n"
                       "    \"city\": {\"type\": \"string\", \"minLength\": 1},\n"
                       "    \"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]},\n"
                       "    \"days\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 7},\n"
                       "    \"stops\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": "
                       "{\"name\": {\"type\": \"string\"}},\n"
                       "              \"required\": [\"name\"]}}\n"
                       "  },\n"
                       "  \"required\": [\"city\"], \"additionalProperties\": false}";
} // namespace

class TestSchemaValidator : public QObject {
    Q_OBJECT
private slots:
    void fittingValueHasNoProblems()
    {
        const SchemaValidator validator(object(kWeather));
        QVERIFY(validator.problem().isEmpty());
        QCOMPARE(validator.validate(object("{\"city\": \"Paris\", \"unit\": \"celsius\", \"days\": 3}")),
                 QStringList());
    }

    void eachProblemNamesWhereItIs()
    {
        const SchemaValidator validator(object(kWeather));
        const QStringList problems = validator.validate(
            object("{\"unit\": \"kelvin\", \"days\": \"3\", \"stops\": [{\"x\": 1}], \"extra\": true}"));
        const QString all = problems.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("unit: must be one of \"celsius\", \"fahrenheit\"")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("days: wrong type, expected integer")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("missing required property 'city'")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("stops[0]: missing required property 'name'")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("'extra'")), qPrintable(all));
        // Only specific problems, not the "a property failed" wrappers around them.
        QVERIFY2(!all.contains(QStringLiteral("associated with property name")), qPrintable(all));
    }

    void rangeAndTypeChecks()
    {
        const SchemaValidator validator(object(kWeather));
        QCOMPARE(validator.validate(object("{\"city\": \"Paris\", \"days\": 9}")),
                 QStringList {QStringLiteral("days: expected number less than or equal to 7")});
        QCOMPARE(validator.validate(object("{\"city\": \"\"}")).size(), 1);
        QCOMPARE(validator.validate(object("{\"city\": 42}")).first(),
                 QStringLiteral("city: wrong type, expected string"));
    }

    void localReferencesResolve()
    {
        const SchemaValidator validator(
            object("{\"type\": \"object\",\n"
                   "            \"properties\": {\"point\": {\"$ref\": \"#/definitions/point\"}},\n"
                   "            \"definitions\": {\"point\": {\"type\": \"object\", \"required\": [\"x\", \"y\"],\n"
                   "                                      \"properties\": {\"x\": {\"type\": \"number\"}, \"y\": "
                   "{\"type\": \"number\"}}}}}"));
        QVERIFY(validator.problem().isEmpty());
        QVERIFY(validator.validate(object("{\"point\": {\"x\": 1, \"y\": 2.5}}")).isEmpty());
        QCOMPARE(validator.validate(object("{\"point\": {\"x\": 1}}")).size(), 1);
    }

    void unusableSchemaIsReported()
    {
        QVERIFY(!SchemaValidator::schemaProblem(
                     object("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"strnig\"}}}"))
                     .isEmpty());
        QVERIFY(!SchemaValidator::schemaProblem(object("{\"type\": \"object\", \"required\": \"city\"}")).isEmpty());
        QVERIFY(!SchemaValidator::schemaProblem(object("{\"$ref\": \"#/definitions/missing\"}")).isEmpty());
        // An unusable schema accepts everything rather than warning about every call.
        const SchemaValidator broken(object("{\"type\": \"object\", \"required\": \"city\"}"));
        QVERIFY(broken.validate(object("{}")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSchemaValidator)
#include "tst_SchemaValidator.moc"
