#pragma once

#include "catalog/ModelInfo.h"
#include "params/ChatParameters.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QToolButton;

namespace md {

class JsonSchemaEditor;
class PresetBar;
class PresetStore;
class SeedField;
class SliderField;
class StopListEditor;
class ToolsSection;

// The playground's side panel: system prompt, presets and every parameter the chat API takes,
// each with its value in view and "default" or "unset" when nothing is sent for it. Scrolls
// vertically; meant to sit about 300 px wide beside a conversation.
class ParameterPanel : public QWidget {
    Q_OBJECT
public:
    explicit ParameterPanel(QWidget *parent = nullptr);

    // Shows `parameters` without emitting parametersChanged. The model is kept but not edited here.
    void setParameters(const ChatParameters &parameters);
    ChatParameters parameters() const;
    // null = unknown model; drives the default temperature, the max_tokens range and whether
    // reasoning effort is offered. The card is copied: the catalog may reload after this call.
    void setModelInfo(const ModelInfo *info);
    void setPresetStore(PresetStore *store); // shared by all tabs
    // Every parameter back to unset (the API's defaults); the model, the system prompt and tools stay.
    void resetToDefaults();

    // What the preset row does, callable without its dialogs.
    void applyPreset(const QString &name); // keeps the model
    void savePreset(const QString &name);

    QSize sizeHint() const override;
    ToolsSection *toolsSection() const { return m_tools; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    void parametersChanged(); // by the user: an edit, reset, or applied preset

private:
    QWidget *buildContent();
    void addSection(const QString &title);
    QWidget *addRow(const QString &title, const QString &help, QWidget *control);
    void onEdited();
    void onFormatChosen(int index);
    void updateModelDependent();
    void load(const ChatParameters &parameters);

    QString m_model;
    std::optional<ModelInfo> m_info;
    PresetStore *m_store = nullptr;
    bool m_loading = false;

    QScrollArea *m_scroll = nullptr;
    QWidget *m_content = nullptr;
    PresetBar *m_presets = nullptr;
    QToolButton *m_reset = nullptr;
    QPlainTextEdit *m_systemPrompt = nullptr;
    SliderField *m_temperature = nullptr;
    SliderField *m_topP = nullptr;
    SliderField *m_maxTokens = nullptr;
    SliderField *m_presencePenalty = nullptr;
    SliderField *m_frequencyPenalty = nullptr;
    SeedField *m_seed = nullptr;
    QCheckBox *m_safePrompt = nullptr;
    StopListEditor *m_stop = nullptr;
    QComboBox *m_format = nullptr;
    JsonSchemaEditor *m_schema = nullptr;
    QWidget *m_reasoningRow = nullptr;
    QComboBox *m_reasoning = nullptr;
    ToolsSection *m_tools = nullptr;
};

} // namespace md
