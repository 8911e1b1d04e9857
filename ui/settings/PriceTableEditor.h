#pragma once

#include "catalog/PriceTable.h"

#include <QWidget>

class QDateEdit;
class QLabel;
class QPushButton;
class QTableWidget;

namespace md {

// Edits a PriceTable: one row per model with input and output USD per million tokens, Add, Remove,
// Reset to defaults, and the date the prices were read (prices change; the date says how old they are).
class PriceTableEditor : public QWidget {
    Q_OBJECT
public:
    explicit PriceTableEditor(QWidget *parent = nullptr);

    void setTable(const PriceTable &table);
    PriceTable table() const;
    // What keeps the table from being saved (empty or repeated model names); empty when fine.
    QStringList problems() const;

    QTableWidget *view() const { return m_view; }

signals:
    void changed();

public slots:
    void addRow();
    void removeSelectedRows();
    void resetToDefaults();

private:
    void appendRow(const QString &model, PriceTable::Price price);
    void refreshState();

    QTableWidget *m_view = nullptr;
    QDateEdit *m_date = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_reset = nullptr;
};

} // namespace md
