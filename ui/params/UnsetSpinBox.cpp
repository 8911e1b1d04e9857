#include "params/UnsetSpinBox.h"

#include "common/StatusColors.h"

#include <QEvent>
#include <QLineEdit>
#include <QSignalBlocker>

namespace md {

UnsetSpinBox::UnsetSpinBox(QWidget *parent)
    : QDoubleSpinBox(parent)
{
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setKeyboardTracking(false);
    setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
    connect(this, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (m_programmatic)
            return;
        markSet();
        emit valueEdited(value);
    });
    // Typing the very value the field rests on changes nothing, yet it is a choice: keep it.
    connect(this, &QAbstractSpinBox::editingFinished, this, [this] {
        if (m_unset && lineEdit()->text() != m_unsetText) {
            markSet();
            emit valueEdited(value());
        }
    });
}

void UnsetSpinBox::showUnset(const QString &text, double restValue)
{
    m_unset = true;
    m_unsetText = text;
    m_programmatic = true;
    setValue(restValue);
    m_programmatic = false;
    lineEdit()->setText(text);
    updateLook();
}

void UnsetSpinBox::showValue(double value)
{
    m_unset = false;
    m_programmatic = true;
    setValue(value);
    m_programmatic = false;
    lineEdit()->setText(textFromValue(this->value()));
    updateLook();
}

QString UnsetSpinBox::textFromValue(double value) const
{
    return m_unset ? m_unsetText : QDoubleSpinBox::textFromValue(value);
}

double UnsetSpinBox::valueFromText(const QString &text) const
{
    if (m_unset && text == m_unsetText)
        return value();
    return QDoubleSpinBox::valueFromText(text);
}

QValidator::State UnsetSpinBox::validate(QString &text, int &pos) const
{
    if (m_unset && text == m_unsetText)
        return QValidator::Acceptable;
    return QDoubleSpinBox::validate(text, pos);
}

void UnsetSpinBox::stepBy(int steps)
{
    const bool wasUnset = m_unset;
    if (wasUnset)
        markSet();
    const double before = value();
    QDoubleSpinBox::stepBy(steps);
    // At a bound the value does not move and no signal comes, but leaving "default" is a choice.
    if (wasUnset && value() == before) {
        lineEdit()->setText(textFromValue(value()));
        emit valueEdited(value());
    }
}

void UnsetSpinBox::changeEvent(QEvent *event)
{
    QDoubleSpinBox::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::EnabledChange)
        updateLook();
}

void UnsetSpinBox::markSet()
{
    if (!m_unset)
        return;
    m_unset = false;
    updateLook();
}

void UnsetSpinBox::updateLook()
{
    QLineEdit *edit = lineEdit();
    QFont font = edit->font();
    if (font.italic() != m_unset) {
        font.setItalic(m_unset);
        edit->setFont(font);
    }
    QPalette palette = edit->palette();
    const QColor text = m_unset ? colors::mutedText(this->palette()) : this->palette().color(QPalette::Text);
    if (palette.color(QPalette::Text) != text) {
        const QSignalBlocker blocker(edit);
        palette.setColor(QPalette::Text, text);
        edit->setPalette(palette);
    }
}

} // namespace md
