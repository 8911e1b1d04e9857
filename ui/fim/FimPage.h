#pragma once

#include "api/ChatStream.h"
#include "api/FimRequest.h"
#include "api/Usage.h"
#include "conversation/TabServices.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace md {

class CodeHighlighter;
class FimCombinedView;
class ModelCatalog;
class ModelPicker;
class SeedField;
class SliderField;
class StopListEditor;
struct ApiError;
struct ChatResult;

// Code completion (fill in the middle): a prompt (the code before the cursor) and a suffix (the
// code after it), both highlighted, sent to a FIM model (codestral); the middle streams into a
// read-only view between the two, tinted, with tokens, cost and time to first token. Stop ends
// the stream (what arrived stays); Insert accepts the middle by appending it to the prompt.
class FimPage : public QWidget {
    Q_OBJECT
public:
    explicit FimPage(const TabServices &services, QWidget *parent = nullptr);
    ~FimPage() override;

    FimRequest request() const; // what Complete would send now
    void setModel(const QString &id);
    void setPrompt(const QString &prompt);
    void setSuffix(const QString &suffix);
    void setTemperature(std::optional<double> value);
    void setMaxTokens(std::optional<qint64> value);
    void setMinTokens(std::optional<qint64> value);
    void setStop(const QStringList &stop);

    bool isRunning() const { return m_stream != nullptr; }
    QString middle() const; // the completion so far

    void complete();
    void stop();
    void insertMiddle(); // accept: the middle goes to the end of the prompt

    QPlainTextEdit *promptEditor() const { return m_prompt; }
    QPlainTextEdit *suffixEditor() const { return m_suffix; }
    FimCombinedView *combinedView() const { return m_combined; }
    ModelPicker *modelPicker() const { return m_picker; }
    const ModelCatalog *fimModels() const { return m_fimModels; } // what the picker lists
    QComboBox *languagePicker() const { return m_language; }
    QPushButton *completeButton() const { return m_completeButton; }
    QPushButton *stopButton() const { return m_stopButton; }
    QPushButton *insertButton() const { return m_insertButton; }
    QLabel *statsLabel() const { return m_stats; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void callFinished(const QString &model, const md::Usage &usage, std::optional<double> costUsd);

private:
    QWidget *buildEditors();
    QWidget *buildParameters();
    void reloadModels();
    void applyLanguage();
    void updateButtons();
    void onFinished(const ChatResult &result);
    void onFailed(const ApiError &error);
    void showStats(const ChatResult &result, std::optional<double> cost);

    TabServices m_services;
    ModelCatalog *m_fimModels = nullptr; // the FIM-capable part of the shared catalog, for the picker
    QPointer<ChatStream> m_stream;
    QString m_model;

    QPlainTextEdit *m_prompt = nullptr;
    QPlainTextEdit *m_suffix = nullptr;
    CodeHighlighter *m_promptHighlighter = nullptr;
    CodeHighlighter *m_suffixHighlighter = nullptr;
    FimCombinedView *m_combined = nullptr;
    ModelPicker *m_picker = nullptr;
    QComboBox *m_language = nullptr;
    SliderField *m_temperature = nullptr;
    SliderField *m_topP = nullptr;
    SliderField *m_maxTokens = nullptr;
    SliderField *m_minTokens = nullptr;
    StopListEditor *m_stop = nullptr;
    SeedField *m_seed = nullptr;
    QPushButton *m_completeButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QPushButton *m_insertButton = nullptr;
    QLabel *m_stats = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace md
