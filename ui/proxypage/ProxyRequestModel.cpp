#include "ProxyRequestModel.h"

#include "catalog/PriceTable.h"

#include <QLocale>

namespace md {

ProxyRequestModel::ProxyRequestModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ProxyRequestModel::addEntry(const ProxyLogEntry &entry)
{
    if (m_entries.size() >= kMaxRows) {
        beginRemoveRows({}, kMaxRows - 1, int(m_entries.size()) - 1);
        m_entries.resize(kMaxRows - 1);
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    m_entries.prepend(entry);
    endInsertRows();
}

void ProxyRequestModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int ProxyRequestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ProxyRequestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProxyRequestModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const ProxyLogEntry &e = m_entries.at(index.row());
    const QLocale locale;
    const bool failed = e.status >= 400 || e.status == 0;

    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        case Client:
            return e.client;
        case Method:
            return e.method;
        case Path:
            return e.path;
        case Model:
            return e.model.isEmpty() ? QStringLiteral("—") : e.model;
        case Status:
            return e.status == 0 ? tr("aborted") : QString::number(e.status);
        case LatencyMs:
            return locale.toString(e.latencyMs);
        case TokensIn:
            return e.usage.isEmpty() ? QString() : locale.toString(e.usage.promptTokens);
        case TokensOut:
            return e.usage.isEmpty() ? QString() : locale.toString(e.usage.completionTokens);
        case Cost:
            if (!e.costUsd)
                return QString();
            // A few embedding tokens cost less than the smallest figure shown; "$0.000000" would read as free.
            if (*e.costUsd > 0 && *e.costUsd < 0.0000005)
                return QStringLiteral("< $0.000001");
            return PriceTable::formatUsd(*e.costUsd);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Status:
        case LatencyMs:
        case TokensIn:
        case TokensOut:
        case Cost:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines;
        lines << e.time.toLocalTime().toString(Qt::ISODateWithMs);
        lines << QStringLiteral("%1 %2 → %3").arg(e.method, e.path).arg(e.status);
        if (failed && !e.error.isEmpty())
            lines << tr("Error: %1").arg(e.error);
        if (e.firstByteMs >= 0)
            lines << tr("First byte after %1 ms").arg(locale.toString(e.firstByteMs));
        if (e.streamed)
            lines << tr("Streamed");
        if (!e.translated.isEmpty())
            lines << tr("Translated for Mistral: %1").arg(e.translated.join(QLatin1String(", ")));
        return lines.join(QLatin1Char('\n'));
    }
    if (role == Qt::AccessibleTextRole && index.column() == Status)
        return failed ? tr("failed, status %1").arg(e.status) : tr("status %1").arg(e.status);
    return {};
}

QVariant ProxyRequestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Time:
            return tr("Time");
        case Client:
            return tr("Client");
        case Method:
            return tr("Method");
        case Path:
            return tr("Path");
        case Model:
            return tr("Model");
        case Status:
            return tr("Status");
        case LatencyMs:
            return tr("Latency (ms)");
        case TokensIn:
            return tr("Tokens in");
        case TokensOut:
            return tr("Tokens out");
        case Cost:
            return tr("Cost");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = section == Status || section == LatencyMs || section == TokensIn || section == TokensOut
            || section == Cost;
        return QVariant::fromValue((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && section == LatencyMs)
        return tr("From the request arriving to the answer being complete");
    return {};
}

} // namespace md
