#include "proxy/ProxyUsage.h"

#include "catalog/PriceTable.h"

namespace md::ProxyUsage {

QString endpointOf(const QString &path)
{
    if (path.contains(QLatin1String("/fim/")))
        return QStringLiteral("fim");
    if (path.contains(QLatin1String("/embeddings")))
        return QStringLiteral("embeddings");
    if (path.contains(QLatin1String("/chat/")))
        return QStringLiteral("chat");
    return path.section(QLatin1Char('/'), 2, 2);
}

std::optional<double> costOf(const ProxyLogEntry &entry, const PriceTable &prices, const ModelCatalog *catalog)
{
    if (entry.costUsd)
        return entry.costUsd;
    if (entry.usage.isEmpty())
        return std::nullopt;
    return prices.cost(entry.model, entry.usage, catalog);
}

std::optional<UsageRecord> recordOf(const ProxyLogEntry &entry, const PriceTable &prices, const ModelCatalog *catalog)
{
    if (entry.usage.isEmpty())
        return std::nullopt;
    UsageRecord record;
    record.time = entry.time.isValid() ? entry.time : QDateTime::currentDateTimeUtc();
    record.source = QStringLiteral("proxy");
    record.endpoint = endpointOf(entry.path);
    record.model = entry.model;
    record.promptTokens = entry.usage.promptTokens;
    record.completionTokens = entry.usage.completionTokens;
    record.costUsd = costOf(entry, prices, catalog);
    return record;
}

} // namespace md::ProxyUsage
