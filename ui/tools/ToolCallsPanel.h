#pragma once

#include "tools/ToolRound.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace md {

class ToolCallCard;

// Stands between the chat and the composer while an answer's tool calls wait for results: a card
// per call, "Send results" once each has one, and whether rounds answered automatically continue
// the conversation by themselves. Hidden when there is no round.
class ToolCallsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ToolCallsPanel(QWidget *parent = nullptr);

    // null hides the panel. The round is not owned.
    void setRound(ToolRound *round);
    ToolRound *round() const { return m_round; }
    bool autoContinue() const;
    void setAutoContinue(bool on);
    // A note under the cards, e.g. why an automatic round did not continue.
    void setNote(const QString &note);

    QList<ToolCallCard *> cards() const { return m_cards; }
    QPushButton *sendButton() const { return m_send; }
    QCheckBox *autoContinueBox() const { return m_auto; }

signals:
    void sendRequested();

private:
    void refresh();

    QPointer<ToolRound> m_round;
    QList<ToolCallCard *> m_cards;
    QLabel *m_title = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_cardHost = nullptr;
    QVBoxLayout *m_cardLayout = nullptr;
    QLabel *m_note = nullptr;
    QCheckBox *m_auto = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace md
