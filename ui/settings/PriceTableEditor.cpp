#include "settings/PriceTableEditor.h"

#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace md {

namespace {
enum Column { ModelColumn, InputColumn, OutputColumn };

// Prices have up to four decimals ($0.0125/M exists); the default editor rounds to two.
class PriceDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *spin = new QDoubleSpinBox(parent);
        spin->setDecimals(4);
        spin->setRange(0.0, 100000.0);
        spin->setSingleStep(0.05);
        spin->setPrefix(QStringLiteral("$"));
        spin->setFrame(false);
        return spin;
    }

    QString displayText(const QVariant &value, const QLocale &locale) const override
    {
        // Two decimals, more only when the price has them: $0.15, $0.0125, never $0.0000.
        QString text = locale.toString(value.toDouble(), 'f', 4);
        const QChar zero = locale.zeroDigit().at(0);
        while (text.size() > 3 && text.endsWith(zero) && text.at(text.size() - 3) != locale.decimalPoint().at(0))
            text.chop(1);
        return QStringLiteral("$") + text;
    }
};
} // namespace

PriceTableEditor::PriceTableEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *intro = new QLabel(tr("Used to show what each request costs, in USD per million tokens. Prices change: "
                                "correct them here when Mistral's pricing page says otherwise."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *dateRow = new QHBoxLayout;
    auto *dateLabel = new QLabel(tr("Prices as &of:"), this);
    m_date = new QDateEdit(this);
    m_date->setObjectName(QStringLiteral("priceDate"));
    m_date->setAccessibleName(tr("Date of the prices"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    dateLabel->setBuddy(m_date);
    dateRow->addWidget(dateLabel);
    dateRow->addWidget(m_date);
    dateRow->addStretch(1);
    layout->addLayout(dateRow);

    m_view = new QTableWidget(0, 3, this);
    m_view->setObjectName(QStringLiteral("priceTable"));
    m_view->setAccessibleName(tr("Prices by model"));
    m_view->setHorizontalHeaderLabels({tr("Model"), tr("Input $/M"), tr("Output $/M")});
    m_view->horizontalHeader()->setSectionResizeMode(ModelColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(InputColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(OutputColumn, QHeaderView::ResizeToContents);
    m_view->verticalHeader()->setVisible(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    auto *delegate = new PriceDelegate(m_view);
    m_view->setItemDelegateForColumn(InputColumn, delegate);
    m_view->setItemDelegateForColumn(OutputColumn, delegate);
    layout->addWidget(m_view, 1);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("priceProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #d64545;"));
    m_problem->hide();
    layout->addWidget(m_problem);

    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add model"), this);
    m_add->setObjectName(QStringLiteral("priceAdd"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("priceRemove"));
    m_remove->setToolTip(tr("Remove the selected rows"));
    m_reset = new QPushButton(tr("Reset to &defaults"), this);
    m_reset->setObjectName(QStringLiteral("priceReset"));
    m_reset->setToolTip(tr("Replace the whole table with the built-in list prices"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_reset);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &PriceTableEditor::addRow);
    connect(m_remove, &QPushButton::clicked, this, &PriceTableEditor::removeSelectedRows);
    connect(m_reset, &QPushButton::clicked, this, &PriceTableEditor::resetToDefaults);
    connect(m_view, &QTableWidget::itemChanged, this, [this] {
        refreshState();
        emit changed();
    });
    connect(m_view, &QTableWidget::itemSelectionChanged, this, &PriceTableEditor::refreshState);
    connect(m_date, &QDateEdit::dateChanged, this, &PriceTableEditor::changed);
    refreshState();
}

void PriceTableEditor::appendRow(const QString &model, PriceTable::Price price)
{
    const QSignalBlocker block(m_view);
    const int row = m_view->rowCount();
    m_view->insertRow(row);
    m_view->setItem(row, ModelColumn, new QTableWidgetItem(model));
    for (const auto &[column, value] :
         {std::pair {InputColumn, price.inputPerMillion}, std::pair {OutputColumn, price.outputPerMillion}}) {
        auto *item = new QTableWidgetItem;
        item->setData(Qt::EditRole, value);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_view->setItem(row, column, item);
    }
}

void PriceTableEditor::setTable(const PriceTable &table)
{
    {
        const QSignalBlocker block(m_view);
        m_view->setRowCount(0);
    }
    for (const QString &model : table.models())
        appendRow(model, *table.price(model));
    {
        const QSignalBlocker block(m_date);
        m_date->setDate(table.effectiveDate().isValid() ? table.effectiveDate() : QDate::currentDate());
    }
    refreshState();
}

PriceTable PriceTableEditor::table() const
{
    PriceTable table;
    table.setEffectiveDate(m_date->date());
    for (int row = 0; row < m_view->rowCount(); ++row) {
        const QString model
            = m_view->item(row, ModelColumn) ? m_view->item(row, ModelColumn)->text().trimmed() : QString();
        if (model.isEmpty())
            continue;
        table.setPrice(model,
                       {m_view->item(row, InputColumn)->data(Qt::EditRole).toDouble(),
                        m_view->item(row, OutputColumn)->data(Qt::EditRole).toDouble()});
    }
    return table;
}

QStringList PriceTableEditor::problems() const
{
    QStringList out;
    QSet<QString> seen;
    bool empty = false;
    for (int row = 0; row < m_view->rowCount(); ++row) {
        const QString model
            = m_view->item(row, ModelColumn) ? m_view->item(row, ModelColumn)->text().trimmed() : QString();
        if (model.isEmpty())
            empty = true;
        else if (seen.contains(model))
            out.append(tr("\"%1\" is listed twice.").arg(model));
        seen.insert(model);
    }
    if (empty)
        out.prepend(tr("A row has no model name."));
    return out;
}

void PriceTableEditor::addRow()
{
    appendRow(QString(), {});
    const int row = m_view->rowCount() - 1;
    m_view->setCurrentCell(row, ModelColumn);
    m_view->scrollToItem(m_view->item(row, ModelColumn));
    m_view->setFocus();
    m_view->editItem(m_view->item(row, ModelColumn));
    refreshState();
    emit changed();
}

void PriceTableEditor::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && m_view->currentRow() >= 0)
        rows.append(m_view->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_view->removeRow(row);
    refreshState();
    emit changed();
}

void PriceTableEditor::resetToDefaults()
{
    setTable(PriceTable::defaults());
    emit changed();
}

void PriceTableEditor::refreshState()
{
    m_remove->setEnabled(m_view->currentRow() >= 0 || m_view->selectionModel()->hasSelection());
    const QStringList issues = problems();
    m_problem->setText(issues.join(QLatin1Char(' ')));
    m_problem->setVisible(!issues.isEmpty());
}

} // namespace md
