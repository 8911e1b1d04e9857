#include "usage/UsageTableModel.h"

#include "catalog/PriceTable.h"

#include <QLocale>

namespace md {

void UsageTableModel::setBuckets(QList<UsageBucket> buckets)
{
    beginResetModel();
    m_buckets = std::move(buckets);
    endResetModel();
}

int UsageTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_buckets.size());
}

int UsageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_buckets.size())
        return {};
    const UsageBucket &b = m_buckets.at(index.row());
    const QLocale locale;
    if (role == SortRole) {
        switch (index.column()) {
        case ModelColumn:
            return b.model;
        case RequestsColumn:
            return b.requests;
        case PromptColumn:
            return b.promptTokens;
        case CompletionColumn:
            return b.completionTokens;
        case CostColumn:
            return b.costUsd;
        case UnpricedColumn:
            return b.unpriced;
        default:
            return {};
        }
    }
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case ModelColumn:
            return b.model.isEmpty() ? tr("(unknown model)") : b.model;
        case RequestsColumn:
            return locale.toString(b.requests);
        case PromptColumn:
            return locale.toString(b.promptTokens);
        case CompletionColumn:
            return locale.toString(b.completionTokens);
        case CostColumn:
            // All unpriced: the cost is unknown, so no "$0.00".
            if (b.unpriced == b.requests && b.requests > 0)
                return tr("no price");
            return PriceTable::formatUsd(b.costUsd);
        case UnpricedColumn:
            return b.unpriced ? locale.toString(b.unpriced) : QStringLiteral("–");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return int(index.column() == ModelColumn ? Qt::AlignLeft | Qt::AlignVCenter
                                                 : Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == UnpricedColumn && b.unpriced)
        return tr("Requests without a known price: their cost is not in the total");
    return {};
}

QVariant UsageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int(section == ModelColumn ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ModelColumn:
        return tr("Model");
    case RequestsColumn:
        return tr("Requests");
    case PromptColumn:
        return tr("Prompt tokens");
    case CompletionColumn:
        return tr("Completion tokens");
    case CostColumn:
        return tr("Cost");
    case UnpricedColumn:
        return tr("Unpriced");
    default:
        return {};
    }
}

} // namespace md
