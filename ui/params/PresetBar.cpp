#include "params/PresetBar.h"

#include "params/PresetStore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QToolButton>

namespace md {

PresetBar::PresetBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_combo = new QComboBox(this);
    m_combo->setPlaceholderText(tr("Preset…"));
    m_combo->setAccessibleName(tr("Preset"));
    m_combo->setToolTip(tr("Applies a saved system prompt and parameters; the model stays as it is."));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(8);
    layout->addWidget(m_combo, 1);
    m_save = new QToolButton(this);
    m_save->setText(tr("Save as…"));
    m_save->setAccessibleName(tr("Save as preset"));
    m_save->setToolTip(tr("Saves the system prompt and parameters under a name, for every tab."));
    layout->addWidget(m_save);
    m_delete = new QToolButton(this);
    m_delete->setText(tr("Delete"));
    m_delete->setAccessibleName(tr("Delete preset"));
    m_delete->setToolTip(tr("Deletes the preset shown on the left."));
    layout->addWidget(m_delete);

    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        updateButtons();
        if (index >= 0)
            emit presetChosen(m_combo->itemText(index));
    });
    connect(m_save, &QToolButton::clicked, this, &PresetBar::askSave);
    connect(m_delete, &QToolButton::clicked, this, &PresetBar::askDelete);
    updateButtons();
}

void PresetBar::setStore(PresetStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store)
        connect(m_store, &PresetStore::changed, this, &PresetBar::refill);
    refill();
}

void PresetBar::showPreset(const QString &name)
{
    const QSignalBlocker blocker(m_combo);
    m_combo->setCurrentIndex(m_combo->findText(name));
    updateButtons();
}

QString PresetBar::shownPreset() const
{
    return m_combo->currentIndex() >= 0 ? m_combo->currentText() : QString();
}

void PresetBar::refill()
{
    const QString shown = shownPreset();
    {
        const QSignalBlocker blocker(m_combo);
        m_combo->clear();
        if (m_store)
            m_combo->addItems(m_store->names());
    }
    showPreset(shown);
}

void PresetBar::askSave()
{
    if (!m_store)
        return;
    bool ok = false;
    const QString name
        = QInputDialog::getText(this, tr("Save preset"), tr("Name for this system prompt and these parameters:"),
                                QLineEdit::Normal, shownPreset(), &ok)
              .trimmed();
    if (!ok || name.isEmpty())
        return;
    if (m_store->contains(name)
        && QMessageBox::question(this, tr("Replace preset"), tr("Replace the preset “%1”?").arg(name),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
        return;
    emit saveRequested(name);
}

void PresetBar::askDelete()
{
    const QString name = shownPreset();
    if (!m_store || name.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Delete preset"), tr("Delete the preset “%1” for every tab?").arg(name),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes)
        m_store->remove(name);
}

void PresetBar::updateButtons()
{
    setEnabled(m_store != nullptr);
    m_delete->setEnabled(m_combo->currentIndex() >= 0);
    m_combo->setEnabled(m_combo->count() > 0);
}

} // namespace md
