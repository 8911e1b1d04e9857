#pragma once

#include "proxy/ProxyLogEntry.h"
#include "store/UsageLedger.h"

#include <optional>

namespace md {

class ModelCatalog;
class PriceTable;

// What a request through the proxy spent, for the usage ledger (the window's and `--serve`'s).
namespace ProxyUsage {

// "chat", "fim", "embeddings", else the path's word after /v1 ("/v1/moderations" -> "moderations").
QString endpointOf(const QString &path);

// The entry's own cost when it has one, else its usage at `prices`; nullopt when no price is known.
std::optional<double> costOf(const ProxyLogEntry &entry, const PriceTable &prices, const ModelCatalog *catalog);

// A ledger row with source "proxy"; nullopt for a request that spent nothing (/health, /v1/models,
// errors, a client that left before the usage came).
std::optional<UsageRecord> recordOf(const ProxyLogEntry &entry, const PriceTable &prices,
                                    const ModelCatalog *catalog = nullptr);

} // namespace ProxyUsage

} // namespace md
