#pragma once

#include "proxy/ProxyLogEntry.h"

#include <QAbstractTableModel>
#include <QList>

namespace md {

// The proxy's recent requests for the Proxy page, newest first. Bounded, so a proxy that serves
// for days keeps a steady footprint; the counters keep the full totals.
class ProxyRequestModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Client, Method, Path, Model, Status, LatencyMs, TokensIn, TokensOut, Cost, ColumnCount };
    static constexpr int kMaxRows = 1000;

    explicit ProxyRequestModel(QObject *parent = nullptr);

    void addEntry(const ProxyLogEntry &entry);
    void clear();
    const ProxyLogEntry &entryAt(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ProxyLogEntry> m_entries; // index 0 = newest
};

} // namespace md
