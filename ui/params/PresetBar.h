#pragma once

#include <QWidget>

class QComboBox;
class QToolButton;

namespace md {

class PresetStore;

// The preset row of the parameter panel: a combo that applies a preset, "Save as…" and "Delete".
// It asks for names and confirmations; the panel does the applying and saving.
class PresetBar : public QWidget {
    Q_OBJECT
public:
    explicit PresetBar(QWidget *parent = nullptr);

    void setStore(PresetStore *store);
    // The preset shown in the combo; empty shows the "Preset…" placeholder.
    void showPreset(const QString &name);
    QString shownPreset() const;

    QComboBox *combo() const { return m_combo; }

signals:
    void presetChosen(const QString &name);
    void saveRequested(const QString &name); // a name the user confirmed (also to replace one)

private:
    void refill();
    void askSave();
    void askDelete();
    void updateButtons();

    PresetStore *m_store = nullptr;
    QComboBox *m_combo = nullptr;
    QToolButton *m_save = nullptr;
    QToolButton *m_delete = nullptr;
};

} // namespace md
