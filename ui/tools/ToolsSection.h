#pragma once

#include "api/ToolCall.h"
#include "tools/ToolSpec.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace md {

// The parameter panel's tool rows: which functions the tab offers (opens the tool editor),
// tool_choice (auto, none, any, required, or one named function) and parallel_tool_calls.
class ToolsSection : public QWidget {
    Q_OBJECT
public:
    explicit ToolsSection(QWidget *parent = nullptr);

    void setTools(const QList<ToolSpec> &tools, const std::optional<ToolChoice> &choice,
                  const std::optional<bool> &parallel);
    QList<ToolSpec> tools() const { return m_tools; }
    std::optional<ToolChoice> toolChoice() const;
    std::optional<bool> parallelToolCalls() const;
    // Whether the model takes tools (a warning shows when tools are on for a model that does not).
    void setModelSupportsTools(bool supports);

    // Opens the tool editor; emits edited() when the user accepts a change.
    void editTools();

    QComboBox *choiceBox() const { return m_choice; }
    QComboBox *parallelBox() const { return m_parallel; }
    QLabel *summaryLabel() const { return m_summary; }

signals:
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh(const std::optional<ToolChoice> &choice);

    QList<ToolSpec> m_tools;
    bool m_modelSupportsTools = true;
    bool m_loading = false;
    QLabel *m_summary = nullptr;
    QLabel *m_warning = nullptr;
    QPushButton *m_edit = nullptr;
    QComboBox *m_choice = nullptr;
    QComboBox *m_parallel = nullptr;
};

} // namespace md
