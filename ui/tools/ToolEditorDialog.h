#pragma once

#include "tools/ToolSpec.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;
class QToolButton;

namespace md {

class ToolForm;

// The tool set of a conversation tab: a list of functions (each can be switched off without being
// deleted) beside the form of the selected one; ready examples, import and export as JSON.
// OK stays disabled while any tool has a problem, and the label says which and why.
class ToolEditorDialog : public QDialog {
    Q_OBJECT
public:
    explicit ToolEditorDialog(const QList<ToolSpec> &tools, QWidget *parent = nullptr);

    QList<ToolSpec> tools() const { return m_tools; }

    // What the buttons do, without their file dialogs.
    void addTool(const ToolSpec &tool);
    void addExamples();
    void removeCurrent();
    bool importFile(const QString &path, QString *error);
    bool exportFile(const QString &path, QString *error) const;

    QListWidget *list() const { return m_list; }
    ToolForm *form() const { return m_form; }
    QPushButton *okButton() const;
    QLabel *problemLabel() const { return m_problem; }

private:
    void select(int row);
    void onFormEdited();
    void refreshList();
    void check();

    QList<ToolSpec> m_tools;
    int m_current = -1;
    QListWidget *m_list = nullptr;
    ToolForm *m_form = nullptr;
    QToolButton *m_remove = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_empty = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace md
