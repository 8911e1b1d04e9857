#pragma once

#include "store/UsageLedger.h"

#include <QAbstractTableModel>
#include <QList>

namespace md {

// The per-model table of the Usage page: requests, prompt and completion tokens, cost, and how many
// requests had no price (their cost is unknown, not zero). Sorts numerically through SortRole.
class UsageTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ModelColumn,
        RequestsColumn,
        PromptColumn,
        CompletionColumn,
        CostColumn,
        UnpricedColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void setBuckets(QList<UsageBucket> buckets);
    const QList<UsageBucket> &buckets() const { return m_buckets; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<UsageBucket> m_buckets;
};

} // namespace md
