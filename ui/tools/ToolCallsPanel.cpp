#include "tools/ToolCallsPanel.h"

#include "tools/ToolCallCard.h"
#include "tools/ToolRound.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace md {

ToolCallsPanel::ToolCallsPanel(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Tool calls"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->setSpacing(4);
    m_title = new QLabel(this);
    layout->addWidget(m_title);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_cardHost = new QWidget(scroll);
    m_cardLayout = new QVBoxLayout(m_cardHost);
    m_cardLayout->setContentsMargins(0, 0, 0, 0);
    m_cardLayout->setSpacing(6);
    scroll->setWidget(m_cardHost);
    m_scroll = scroll;
    layout->addWidget(scroll);

    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->hide();
    layout->addWidget(m_note);

    auto *footer = new QHBoxLayout;
    m_auto = new QCheckBox(tr("Continue by itself when every call is answered automatically"), this);
    m_auto->setChecked(true);
    m_auto->setToolTip(tr("Fixed answers and allowed commands then send their results and the model goes on, "
                          "up to 10 rounds in a row."));
    footer->addWidget(m_auto, 1);
    m_send = new QPushButton(tr("Send results"), this);
    m_send->setDefault(true);
    m_send->setToolTip(tr("Sends every result as a tool message and lets the model continue"));
    footer->addWidget(m_send);
    layout->addLayout(footer);

    connect(m_send, &QPushButton::clicked, this, &ToolCallsPanel::sendRequested);
    hide();
}

void ToolCallsPanel::setRound(ToolRound *round)
{
    if (m_round)
        m_round->disconnect(this);
    for (ToolCallCard *card : std::as_const(m_cards)) {
        card->hide();
        card->deleteLater(); // its own edit may be what ended the round
    }
    m_cards.clear();
    m_round = round;
    m_note->hide();
    if (!round) {
        hide();
        return;
    }
    for (int i = 0; i < round->size(); ++i) {
        auto *card = new ToolCallCard(round, i, m_cardHost);
        m_cardLayout->addWidget(card);
        m_cards.append(card);
    }
    connect(round, &ToolRound::callChanged, this, [this](int index) {
        if (index >= 0 && index < m_cards.size())
            m_cards.at(index)->refresh();
        refresh();
    });
    connect(round, &QObject::destroyed, this, [this] { setRound(nullptr); });
    refresh();
    // The cards take the room they need, up to about two of them; the chat above gives way.
    const int needed = m_cardHost->sizeHint().height();
    m_scroll->setMinimumHeight(qMin(needed, 320));
    m_scroll->setMaximumHeight(needed + 4);
    show();
}

bool ToolCallsPanel::autoContinue() const
{
    return m_auto->isChecked();
}

void ToolCallsPanel::setAutoContinue(bool on)
{
    m_auto->setChecked(on);
}

void ToolCallsPanel::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void ToolCallsPanel::refresh()
{
    if (!m_round)
        return;
    int answered = 0;
    for (int i = 0; i < m_round->size(); ++i)
        answered += m_round->call(i).status == ToolRound::Status::Answered ? 1 : 0;
    m_title->setText(tr("<b>The model called %n tool(s)</b> · %1 of %2 answered", nullptr, m_round->size())
                         .arg(answered)
                         .arg(m_round->size()));
    m_send->setEnabled(m_round->isComplete());
}

} // namespace md
