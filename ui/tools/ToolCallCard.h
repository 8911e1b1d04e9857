#pragma once

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace md {

class ToolRound;

// One call of a ToolRound: the function, its id and pretty-printed arguments, warnings where the
// arguments do not fit the tool's schema, and the result, typed by the user or filled in by the
// tool's responder (with what went wrong when that failed).
class ToolCallCard : public QFrame {
    Q_OBJECT
public:
    ToolCallCard(ToolRound *round, int index, QWidget *parent = nullptr);

    // Shows the call's state as the round has it now.
    void refresh();

    QPlainTextEdit *resultEdit() const { return m_result; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *warningLabel() const { return m_warnings; }
    QLabel *problemLabel() const { return m_problem; }
    QPushButton *runButton() const { return m_run; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    ToolRound *m_round;
    int m_index;
    bool m_updating = false;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QPlainTextEdit *m_arguments = nullptr;
    QLabel *m_warnings = nullptr;
    QLabel *m_problem = nullptr;
    QPlainTextEdit *m_result = nullptr;
    QPushButton *m_run = nullptr;
};

} // namespace md
