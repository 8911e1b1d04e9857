#pragma once

#include <QFrame>

class QLabel;
class QLineEdit;
class QListView;
class QToolButton;

namespace md {

class ModelCatalog;
class ModelListModel;
class PriceTable;

// The list the model picker opens: a filter field (focused), capability chips and the model
// cards. Up/Down move through the list from the filter, Enter chooses, Esc closes; with nothing
// listed, Enter uses the typed id as it is.
class ModelPickerPopup : public QFrame {
    Q_OBJECT
public:
    explicit ModelPickerPopup(QWidget *parent);

    void setCatalog(const ModelCatalog *catalog, const PriceTable *prices);
    // Shows the list under `anchor`, the filter empty and focused, the current model selected.
    void open(QWidget *anchor, const QString &currentModel);

    QLineEdit *filterEdit() const { return m_filter; }
    QListView *listView() const { return m_list; }
    ModelListModel *listModel() const { return m_model; }
    QToolButton *chip(const QString &label) const; // "chat", "tools", "vision", "FIM", "reasoning"

signals:
    void modelChosen(const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void applyFilter();
    void chooseCurrent();
    void updateFooter();

    const ModelCatalog *m_catalog = nullptr;
    ModelListModel *m_model = nullptr;
    QLineEdit *m_filter = nullptr;
    QList<QToolButton *> m_chips;
    QListView *m_list = nullptr;
    QLabel *m_footer = nullptr;
    QString m_current;
};

} // namespace md
