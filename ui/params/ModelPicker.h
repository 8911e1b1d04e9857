#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace md {

class ModelCatalog;
class ModelPickerPopup;
class PriceTable;
struct ModelInfo;

// Which model a tab talks to: a button with the current model id, its context length and price
// beside it, and a warning when the model is deprecated (with a link to its replacement). The
// button (or Ctrl+K) opens a searchable list of the catalog's models; any id can also be typed,
// so the picker works with an empty catalog too.
class ModelPicker : public QWidget {
    Q_OBJECT
public:
    explicit ModelPicker(QWidget *parent = nullptr);

    void setCatalog(const ModelCatalog *catalog); // re-reads on its updated()
    void setPriceTable(const PriceTable *prices);
    void setCurrentModel(const QString &id); // any id, also one the catalog does not list; no signal
    QString currentModel() const { return m_current; }
    void openPicker(); // Ctrl+K: opens the list with the filter focused

    ModelPickerPopup *popup() const { return m_popup; }
    QString deprecationWarning() const; // shown next to the button; empty when none

signals:
    void modelChanged(const QString &id); // chosen by the user

private:
    void choose(const QString &id);
    void reload();
    void showCurrent();

    QPointer<const ModelCatalog> m_catalog;
    const PriceTable *m_prices = nullptr;
    QString m_current;
    QPushButton *m_button = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_warning = nullptr;
    ModelPickerPopup *m_popup = nullptr;
};

} // namespace md
