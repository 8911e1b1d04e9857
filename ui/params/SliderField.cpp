#include "params/SliderField.h"

#include "common/StatusColors.h"
#include "params/UnsetSpinBox.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace md {

namespace {
constexpr int kLogPositions = 1000;

// Two significant digits: a slider on a logarithmic scale lands on 4100, not on 4087.
double roundToTwoDigits(double value)
{
    if (value < 100)
        return std::round(value);
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)) - 1);
    return std::round(value / magnitude) * magnitude;
}
} // namespace

SliderField::SliderField(const QString &title, double minimum, double maximum, int decimals, QWidget *parent,
                         Scale scale)
    : QWidget(parent)
    , m_minimum(minimum)
    , m_maximum(maximum)
    , m_decimals(decimals)
    , m_scale(scale)
    , m_unsetText(tr("default"))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    m_title = new QLabel(title, this);
    row->addWidget(m_title, 1);

    m_field = new UnsetSpinBox(this);
    m_field->setAccessibleName(title);
    m_field->setDecimals(decimals);
    m_field->setRange(minimum, maximum);
    m_field->setSingleStep(decimals > 0 ? std::pow(10.0, -decimals) * 5 : 1);
    if (decimals == 0)
        m_field->setGroupSeparatorShown(true);
    m_field->setButtonSymbols(QAbstractSpinBox::NoButtons);
    m_field->setFixedWidth(m_field->fontMetrics().horizontalAdvance(QStringLiteral("default 0.30")) + 22);
    row->addWidget(m_field);

    m_clear = new QToolButton(this);
    m_clear->setAutoRaise(true);
    m_clear->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
    m_clear->setIconSize(QSize(12, 12));
    m_clear->setAccessibleName(tr("Use the default for %1").arg(title));
    m_clear->setToolTip(tr("Stop sending this value, so the API's default applies."));
    QSizePolicy keep = m_clear->sizePolicy();
    keep.setRetainSizeWhenHidden(true); // the fields of all rows stay aligned
    m_clear->setSizePolicy(keep);
    row->addWidget(m_clear);
    layout->addLayout(row);

    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setAccessibleName(tr("%1 slider").arg(title));
    if (m_scale == Scale::Logarithmic) {
        m_slider->setRange(0, kLogPositions);
        m_slider->setPageStep(50);
    } else {
        const double unit = std::pow(10.0, decimals);
        m_slider->setRange(int(std::lround(minimum * unit)), int(std::lround(maximum * unit)));
        m_slider->setPageStep(10);
    }
    layout->addWidget(m_slider);

    connect(m_slider, &QSlider::valueChanged, this, &SliderField::takeFromSlider);
    connect(m_field, &UnsetSpinBox::valueEdited, this, &SliderField::takeFromField);
    connect(m_clear, &QToolButton::clicked, this, [this] {
        setValue(std::nullopt);
        emit valueEdited();
    });
    showState();
}

void SliderField::setValue(std::optional<double> value)
{
    if (value)
        value = std::clamp(*value, m_minimum, m_maximum);
    m_value = value;
    showState();
}

void SliderField::setDefaultValue(std::optional<double> value)
{
    m_default = value;
    showState();
}

void SliderField::setUnsetText(const QString &text)
{
    m_unsetText = text;
    showState();
}

void SliderField::setMaximum(double maximum)
{
    m_maximum = maximum;
    {
        const QSignalBlocker blockField(m_field);
        m_field->setMaximum(maximum);
    }
    if (m_scale == Scale::Linear) {
        const QSignalBlocker blockSlider(m_slider);
        m_slider->setMaximum(int(std::lround(maximum * std::pow(10.0, m_decimals))));
    }
    if (m_value && *m_value > maximum)
        m_value = maximum;
    showState();
}

void SliderField::setHelp(const QString &tooltip)
{
    for (QWidget *w : std::initializer_list<QWidget *> {m_title, m_field, m_slider})
        w->setToolTip(tooltip);
    m_field->setAccessibleDescription(tooltip);
}

QString SliderField::displayedText() const
{
    return m_field->text();
}

void SliderField::showState()
{
    m_syncing = true;
    if (m_value) {
        m_field->showValue(*m_value);
    } else {
        const QString text = m_default ? tr("default %1").arg(QLocale().toString(*m_default, 'g', 6)) : m_unsetText;
        m_field->showUnset(text, m_default.value_or(m_scale == Scale::Logarithmic ? m_maximum : m_minimum));
    }
    const QSignalBlocker blocker(m_slider);
    m_slider->setValue(positionFor(
        m_value.value_or(m_default.value_or(m_scale == Scale::Logarithmic ? m_maximum : (m_minimum + m_maximum) / 2))));
    m_clear->setVisible(m_value.has_value());
    updateSliderLook();
    m_syncing = false;
}

void SliderField::updateSliderLook()
{
    // An unset value is not a choice: its slider is drawn without the accent colour.
    const QPalette own = palette();
    QPalette look = m_slider->palette();
    look.setColor(QPalette::Highlight,
                  m_value ? own.color(QPalette::Highlight)
                          : colors::blend(own.color(QPalette::Window), own.color(QPalette::Highlight), 0.3));
    m_slider->setPalette(look);
}

void SliderField::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateSliderLook();
}

void SliderField::takeFromSlider(int position)
{
    if (m_syncing)
        return;
    m_value = valueAt(position);
    m_syncing = true;
    m_field->showValue(*m_value);
    m_clear->setVisible(true);
    updateSliderLook();
    m_syncing = false;
    emit valueEdited();
}

void SliderField::takeFromField(double value)
{
    if (m_syncing)
        return;
    m_value = value;
    showState();
    emit valueEdited();
}

int SliderField::positionFor(double value) const
{
    if (m_scale == Scale::Logarithmic) {
        const double low = std::log(std::max(1.0, m_minimum));
        const double high = std::log(std::max(2.0, m_maximum));
        const double at = std::log(std::clamp(value, std::max(1.0, m_minimum), m_maximum));
        return int(std::lround((at - low) / (high - low) * kLogPositions));
    }
    return int(std::lround(value * std::pow(10.0, m_decimals)));
}

double SliderField::valueAt(int position) const
{
    if (m_scale == Scale::Logarithmic) {
        const double low = std::log(std::max(1.0, m_minimum));
        const double high = std::log(std::max(2.0, m_maximum));
        const double value = std::exp(low + (high - low) * position / kLogPositions);
        return std::clamp(roundToTwoDigits(value), m_minimum, m_maximum);
    }
    return position / std::pow(10.0, m_decimals);
}

} // namespace md
