#pragma once

#include "api/ChatRequest.h"
#include "api/ChatResult.h"
#include "conversation/TabServices.h"
#include "conversation/TabTotals.h"
#include "params/ChatParameters.h"

#include <QJsonObject>
#include <QWidget>

#include <optional>

class QLabel;
class QSplitter;
class QTimer;
class QToolButton;

namespace md {

class AnswerRunner;
class ChatView;
class ConversationMirror;
class ConversationStore;
class Composer;
class ConversationModel;
class ModelPicker;
class ParameterPanel;
class ToolCallFlow;
class ToolCallsPanel;

// One conversation of the playground: its own model, parameters, system prompt and history, a chat
// view, a composer, and the tab's running totals. Sends through the shared MistralClient; every
// message action of the view (regenerate, edit, continue, delete, retry) ends here.
class ConversationTab : public QWidget {
    Q_OBJECT
public:
    explicit ConversationTab(const TabServices &services, QWidget *parent = nullptr);

    QString title() const { return m_title; }
    // A title the user chose is kept; otherwise the first message names the tab.
    void setTitle(const QString &title, bool chosenByUser);
    bool hasChosenTitle() const { return m_titleChosen; }

    ChatParameters parameters() const { return m_parameters; }
    void setParameters(const ChatParameters &parameters);
    ConversationModel *conversation() const { return m_conversation; }
    Composer *composer() const { return m_composer; }
    ChatView *chatView() const { return m_view; }
    ParameterPanel *parameterPanel(); // built on first use (see the constructor)
    ModelPicker *modelPicker() const { return m_picker; }
    ToolCallsPanel *toolCallsPanel() const { return m_toolsPanel; }
    ToolCallFlow *toolCallFlow() const { return m_toolFlow; }
    const TabTotals &totals() const { return m_totals; }
    bool isBusy() const;

    // What Send would send now: the conversation, the composer's message (if any), the parameters.
    ChatRequest currentRequest() const;

    // The whole tab as JSON (the QSettings fallback when no history database can be opened).
    QJsonObject toJson() const;
    void loadJson(const QJsonObject &json);
    // What the history database keeps beside the messages: parameters, totals, panel state.
    QJsonObject uiState() const;
    void loadUiState(const QJsonObject &state);

    // Backs the tab by a stored conversation: shows its active path and writes every change.
    // `adoptShown` stores the rows the tab already shows (moving a tab into the database).
    void attachStore(ConversationStore *store, qint64 conversationId, bool adoptShown = false);
    qint64 conversationId() const;
    // Stores the tab as a new conversation once it gets its first message.
    void useStore(ConversationStore *store) { m_store = store; }
    ConversationMirror *mirror() const { return m_mirror; }
    // Writes pending streamed text and the tab's state now.
    void saveToStore();

    void send();
    void stop();
    void regenerate(int row);
    void editMessage(int row);
    void continueMessage(int row);
    void deleteMessage(int row);
    void retry(int row);
    void openModelPicker();
    // Opens "View code" for what Send would send now.
    void showCode();
    void focusComposer();
    void setParametersVisible(bool visible);
    bool parametersVisible() const;
    // Prices or the catalog changed: redo estimates and labels.
    void refreshPrices();

signals:
    void titleChanged(const QString &title);
    void changed(); // something worth saving
    void busyChanged(bool busy);
    void callFinished(const md::ChatResult &result, std::optional<double> costUsd);
    void keyRejected();
    void statusMessage(const QString &message);
    // The user forked the conversation at a message: the store made `conversationId` from it.
    void forked(qint64 conversationId);

private:
    void buildUi();
    void onModelChosen(const QString &id);
    void onParametersEdited();
    void updateEstimate();
    void updateTotalsLabel();
    bool answerFromHere();
    void ensureStored();

    TabServices m_services;
    ChatParameters m_parameters;
    QString m_title;
    bool m_titleChosen = false;
    TabTotals m_totals;
    quint64 m_editingId = 0; // the user message being edited, 0 = none
    ConversationStore *m_store = nullptr;
    ConversationMirror *m_mirror = nullptr;

    ConversationModel *m_conversation;
    AnswerRunner *m_runner;
    ChatView *m_view = nullptr;
    Composer *m_composer = nullptr;
    ModelPicker *m_picker = nullptr;
    ParameterPanel *m_panel = nullptr;
    QWidget *m_panelSlot = nullptr; // stands in for the panel until it is built
    bool m_panelVisible = true;
    QSplitter *m_sideSplitter = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QToolButton *m_paramsButton = nullptr;
    QTimer *m_estimateTimer = nullptr;
    ToolCallsPanel *m_toolsPanel = nullptr;
    ToolCallFlow *m_toolFlow = nullptr;
};

} // namespace md
