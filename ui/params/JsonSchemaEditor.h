#pragma once

#include "api/ChatRequest.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace md {

// Edits the json_schema of response_format: a name, a strict switch and the schema text, checked
// as the user types. Only a schema that parses, is an object schema and has a valid name comes out
// of format(); otherwise problem() says what is wrong (with line and column for JSON errors).
class JsonSchemaEditor : public QWidget {
    Q_OBJECT
public:
    explicit JsonSchemaEditor(QWidget *parent = nullptr);

    void setFormat(const ResponseFormat &format);
    std::optional<ResponseFormat> format() const; // nullopt while invalid
    bool isValid() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

    // The problem with a name and schema text, or empty when they make a valid json_schema.
    static QString check(const QString &name, const QString &schemaText, QJsonObject *schema = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *schemaEdit() const { return m_schema; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void validate();
    void showStatus();

    QLineEdit *m_name = nullptr;
    QCheckBox *m_strict = nullptr;
    QPlainTextEdit *m_schema = nullptr;
    QLabel *m_status = nullptr;
    QString m_problem;
    QJsonObject m_parsed;
    QString m_description;
    bool m_loading = false;
};

} // namespace md
