#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <memory>

namespace valijson {
class Schema;
}

namespace md {

// Checks JSON values against a JSON Schema (drafts 4 and 7: types, properties, required, enum,
// ranges, patterns, items, combinators, local $ref), through valijson: the schemas the model gets
// for its tool arguments, and the arguments it sends back.
class SchemaValidator {
public:
    // An invalid schema leaves the validator accepting everything; see problem().
    explicit SchemaValidator(const QJsonObject &schema);
    ~SchemaValidator();
    SchemaValidator(const SchemaValidator &) = delete;
    SchemaValidator &operator=(const SchemaValidator &) = delete;

    // Why the schema cannot be used, empty when it can.
    QString problem() const { return m_problem; }
    // What does not fit, one line per problem with where it is: "unit: must be one of "celsius",
    // "fahrenheit"". Empty when `value` fits (or the schema is unusable).
    QStringList validate(const QJsonValue &value) const;

    static QString schemaProblem(const QJsonObject &schema);

private:
    std::unique_ptr<valijson::Schema> m_schema;
    QJsonObject m_schemaJson;
    QString m_problem;
};

} // namespace md
