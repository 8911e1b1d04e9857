#include "params/SeedField.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>

namespace md {

namespace {
constexpr int kOff = -1;

qint64 freshSeed()
{
    return QRandomGenerator::global()->bounded(1000000);
}
} // namespace

SeedField::SeedField(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    const QString help = tr("With a fixed seed the same request gives the same answer again; off, every answer is "
                            "sampled afresh.");
    m_on = new QCheckBox(tr("Random seed"), this);
    m_on->setAccessibleName(tr("Fixed random seed"));
    m_on->setToolTip(help);
    layout->addWidget(m_on, 1);
    m_seed = new QSpinBox(this);
    m_seed->setAccessibleName(tr("Random seed"));
    m_seed->setToolTip(help);
    m_seed->setRange(kOff, std::numeric_limits<int>::max());
    m_seed->setSpecialValueText(tr("off")); // shown at kOff
    m_seed->setButtonSymbols(QAbstractSpinBox::NoButtons);
    m_seed->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // As wide as the fields of the slider rows above and below, so the column lines up.
    m_seed->setFixedWidth(m_seed->fontMetrics().horizontalAdvance(QStringLiteral("default 0.30")) + 22);
    layout->addWidget(m_seed);
    m_new = new QToolButton(this);
    m_new->setAutoRaise(true);
    m_new->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_new->setIconSize(QSize(12, 12));
    m_new->setAccessibleName(tr("New random seed"));
    m_new->setToolTip(tr("Fixes a new random seed."));
    layout->addWidget(m_new);

    connect(m_on, &QCheckBox::toggled, this, [this](bool on) {
        if (m_loading)
            return;
        showSeed(on ? std::optional<qint64>(freshSeed()) : std::nullopt);
        emit seedEdited();
    });
    connect(m_new, &QToolButton::clicked, this, [this] {
        showSeed(freshSeed());
        emit seedEdited();
    });
    connect(m_seed, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_loading)
            return;
        showSeed(value == kOff ? std::nullopt : std::optional<qint64>(value));
        emit seedEdited();
    });
    showSeed(std::nullopt);
}

void SeedField::setSeed(std::optional<qint64> seed)
{
    showSeed(seed);
}

std::optional<qint64> SeedField::seed() const
{
    return m_seed->value() == kOff ? std::nullopt : std::optional<qint64>(m_seed->value());
}

void SeedField::showSeed(std::optional<qint64> seed)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    m_seed->setValue(seed ? int(std::clamp<qint64>(*seed, 0, std::numeric_limits<int>::max())) : kOff);
    m_on->setChecked(seed.has_value());
    m_loading = wasLoading;
}

} // namespace md
