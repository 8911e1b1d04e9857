#include "settings/WelcomePage.h"

#include "settings/KeyField.h"
#include "settings/NoticeLabel.h"

#include <QApplication>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace md {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    // The card sits in the middle whatever the window's size: stretch on every side.
    auto *outer = new QGridLayout(this);
    outer->setRowStretch(0, 1);
    outer->setRowStretch(2, 2);
    outer->setColumnStretch(0, 1);
    outer->setColumnStretch(2, 1);

    auto *card = new QFrame(this);
    card->setObjectName(QStringLiteral("welcomeCard"));
    card->setMaximumWidth(580);
    card->setMinimumWidth(500);
    m_card = card;
    restyleCard();
    outer->addWidget(card, 1, 1);

    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(32, 28, 32, 28);
    layout->setSpacing(12);

    auto *title = new QLabel(tr("Welcome to Mistral Desk"), card);
    title->setObjectName(QStringLiteral("welcomeTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    layout->addWidget(title);

    auto *about = new QLabel(tr("Chat with Mistral's models, tune every parameter and compare answers side by side, "
                                "with the cost of each request in view. A local proxy lets your other tools use "
                                "your key without ever seeing it."),
                             card);
    about->setWordWrap(true);
    layout->addWidget(about);

    auto *where = new QLabel(tr("To begin, paste your Mistral API key. To get one, sign in at "
                                "<b>console.mistral.ai</b> and open <b>API keys</b>."),
                             card);
    where->setObjectName(QStringLiteral("welcomeWhere"));
    where->setWordWrap(true);
    where->setTextFormat(Qt::RichText);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(where);
    layout->addSpacing(4);

    auto *keyLabel = new QLabel(tr("&API key"), card);
    QFont bold = keyLabel->font();
    bold.setWeight(QFont::DemiBold);
    keyLabel->setFont(bold);
    layout->addWidget(keyLabel);
    auto *row = new QHBoxLayout;
    m_key = new KeyField(card);
    m_key->setObjectName(QStringLiteral("welcomeKey"));
    m_key->setPlaceholderText(tr("Paste your key here"));
    keyLabel->setBuddy(m_key->lineEdit());
    m_submit = new QPushButton(card);
    m_submit->setObjectName(QStringLiteral("welcomeSubmit"));
    m_submit->setDefault(true);
    m_submit->setAutoDefault(true);
    row->addWidget(m_key, 1);
    row->addWidget(m_submit);
    layout->addLayout(row);

    m_storageNote = new NoticeLabel(NoticeLabel::Kind::Hint, card);
    m_storageNote->setText(tr("The key is kept in your system keychain, never in a file."));
    m_storageNote->setObjectName(QStringLiteral("welcomeStorageNote"));
    layout->addWidget(m_storageNote);

    m_keychainNotice = new NoticeLabel(NoticeLabel::Kind::Info, card);
    m_keychainNotice->setObjectName(QStringLiteral("welcomeKeychainNotice"));
    layout->addWidget(m_keychainNotice);

    m_busyLabel = new QLabel(tr("Checking the key with Mistral\u2026"), card);
    m_busyLabel->setObjectName(QStringLiteral("welcomeBusy"));
    m_busyLabel->hide();
    layout->addWidget(m_busyLabel);

    m_error = new NoticeLabel(NoticeLabel::Kind::Error, card);
    m_error->setObjectName(QStringLiteral("welcomeError"));
    m_error->setAccessibleName(tr("Error"));
    layout->addWidget(m_error);

    setFocusProxy(m_key);
    connect(m_submit, &QPushButton::clicked, this, &WelcomePage::submit);
    connect(m_key, &KeyField::returnPressed, this, &WelcomePage::submit);
    connect(m_key, &KeyField::textChanged, this, &WelcomePage::refresh);
    refresh();
}

void WelcomePage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        restyleCard();
}

void WelcomePage::restyleCard()
{
    // On a dark window the card is lifted a little above it, so the key field (Base, darker)
    // still stands out; on a light one the card is the Base colour and the field has its frame.
    const QPalette p = QApplication::palette();
    const bool dark = p.color(QPalette::Window).lightness() < 128;
    const QColor background = dark ? p.color(QPalette::Window).lighter(118) : p.color(QPalette::Base);
    const QColor border = dark ? p.color(QPalette::Window).lighter(150) : p.color(QPalette::Mid);
    m_card->setStyleSheet(QStringLiteral("QFrame#welcomeCard { background: %1; border: 1px solid %2; "
                                         "border-radius: 12px; }")
                              .arg(background.name(), border.name()));
}

void WelcomePage::setKeychainAvailable(bool available)
{
    m_keychainAvailable = available;
    refresh();
}

void WelcomePage::showError(const QString &message)
{
    m_error->showText(message);
    if (!message.isEmpty())
        m_key->lineEdit()->selectAll();
}

QString WelcomePage::errorText() const
{
    return m_error->isVisibleTo(const_cast<WelcomePage *>(this)) ? m_error->text() : QString();
}

void WelcomePage::setBusy(bool busy)
{
    m_busy = busy;
    if (busy)
        m_error->showText(QString());
    refresh();
    if (!busy)
        m_key->setFocus();
}

void WelcomePage::submit()
{
    const QString key = m_key->text();
    if (key.isEmpty() || m_busy)
        return;
    m_error->showText(QString());
    emit keySubmitted(key, !m_keychainAvailable);
}

void WelcomePage::refresh()
{
    m_submit->setText(m_keychainAvailable ? tr("Continue") : tr("Use for this session only"));
    m_submit->setAccessibleName(m_submit->text());
    m_submit->setEnabled(!m_busy && !m_key->text().isEmpty());
    m_key->setEnabled(!m_busy);
    m_busyLabel->setVisible(m_busy);
    m_storageNote->setVisible(m_keychainAvailable);
    m_keychainNotice->showText(m_keychainAvailable
                                   ? QString()
                                   : tr("No keychain was found on this computer, so Mistral Desk cannot store "
                                        "your key. It can keep it in memory for this session only; you will "
                                        "paste it again next time."));
}

} // namespace md
