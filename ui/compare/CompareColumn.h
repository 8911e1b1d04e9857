#pragma once

#include "api/ChatResult.h"
#include "conversation/TabServices.h"
#include "params/ChatParameters.h"

#include <QWidget>

#include <optional>

class QLabel;
class QToolButton;

namespace md {

class AnswerRunner;
class ChatView;
class ConversationModel;
class ModelPicker;

// One column of the compare page: a model with its own parameters and history, and the latency,
// tokens and cost of its last answer.
class CompareColumn : public QWidget {
    Q_OBJECT
public:
    CompareColumn(const TabServices &services, const ChatParameters &parameters, QWidget *parent = nullptr);

    ChatParameters parameters() const { return m_parameters; }
    void setParameters(const ChatParameters &parameters);
    ConversationModel *conversation() const { return m_conversation; }
    ModelPicker *modelPicker() const { return m_picker; }
    QLabel *statsLabel() const { return m_stats; }
    bool isBusy() const;
    void setRemovable(bool removable);

    // Adds `message` to this column's history and streams the answer.
    void send(const ChatMessage &message);
    void stop();
    void clear();
    void refreshPrices();

signals:
    void removeRequested(md::CompareColumn *column);
    void busyChanged(bool busy);
    void changed();
    void callFinished(const md::ChatResult &result, std::optional<double> costUsd);
    void keyRejected();

private:
    void editParameters();
    void showStats(const ChatResult &result, std::optional<double> cost);

    TabServices m_services;
    ChatParameters m_parameters;
    ConversationModel *m_conversation;
    AnswerRunner *m_runner;
    ModelPicker *m_picker;
    ChatView *m_view;
    QLabel *m_summary;
    QLabel *m_stats;
    QToolButton *m_remove;
};

} // namespace md
