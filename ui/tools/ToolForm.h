#pragma once

#include "tools/ToolSpec.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;

namespace md {

// Edits one tool: name, description, parameters schema, and how its calls are answered. Checked
// as the user types; problem() says what is wrong, with line and column for JSON.
class ToolForm : public QWidget {
    Q_OBJECT
public:
    explicit ToolForm(QWidget *parent = nullptr);

    void setTool(const ToolSpec &tool);
    // The tool as edited. Fields that do not parse keep their last valid value.
    ToolSpec tool() const { return m_tool; }
    QString problem() const { return m_problem; }

    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *schemaEdit() const { return m_schema; }
    QComboBox *responderBox() const { return m_responder; }
    QPlainTextEdit *fixedJsonEdit() const { return m_fixedJson; }
    QLineEdit *commandEdit() const { return m_command; }
    QCheckBox *allowCommandBox() const { return m_allow; }
    QSpinBox *timeoutBox() const { return m_timeout; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void read();
    void showStatus();

    ToolSpec m_tool;
    QString m_problem;
    bool m_loading = false;

    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QPlainTextEdit *m_schema = nullptr;
    QCheckBox *m_strict = nullptr;
    QComboBox *m_responder = nullptr;
    QStackedWidget *m_responderPages = nullptr;
    QPlainTextEdit *m_fixedJson = nullptr;
    QLineEdit *m_command = nullptr;
    QCheckBox *m_allow = nullptr;
    QSpinBox *m_timeout = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace md
