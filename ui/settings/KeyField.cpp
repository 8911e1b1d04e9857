#include "settings/KeyField.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace md {

KeyField::KeyField(QWidget *parent)
    : QWidget(parent)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("keyEdit"));
    m_edit->setAccessibleName(tr("API key"));
    m_edit->setEchoMode(QLineEdit::Password);
    // No autocompletion, no drag: a key should not leak into other widgets' histories.
    m_edit->setDragEnabled(false);
    m_edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase
                                | Qt::ImhSensitiveData);
    m_edit->setClearButtonEnabled(true);
    m_show = new QToolButton(this);
    m_show->setObjectName(QStringLiteral("keyShow"));
    m_show->setCheckable(true);
    m_show->setText(tr("Show"));
    m_show->setAccessibleName(tr("Show the key"));
    m_show->setToolTip(tr("Show or hide the characters you typed"));
    m_show->setFocusPolicy(Qt::StrongFocus);
    m_show->setToolButtonStyle(Qt::ToolButtonTextOnly);
    row->addWidget(m_edit, 1);
    row->addWidget(m_show);
    setFocusProxy(m_edit);

    connect(m_show, &QToolButton::toggled, this, &KeyField::setRevealed);
    connect(m_edit, &QLineEdit::textChanged, this, &KeyField::textChanged);
    connect(m_edit, &QLineEdit::returnPressed, this, &KeyField::returnPressed);
}

QString KeyField::text() const
{
    return m_edit->text().trimmed();
}

void KeyField::setText(const QString &text)
{
    m_edit->setText(text);
}

void KeyField::clear()
{
    m_edit->clear();
    m_show->setChecked(false);
}

void KeyField::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

bool KeyField::isRevealed() const
{
    return m_edit->echoMode() == QLineEdit::Normal;
}

void KeyField::setRevealed(bool revealed)
{
    m_edit->setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    m_show->setText(revealed ? tr("Hide") : tr("Show"));
    m_show->setAccessibleName(revealed ? tr("Hide the key") : tr("Show the key"));
}

} // namespace md
