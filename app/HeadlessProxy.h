#pragma once

#include "catalog/PriceTable.h"
#include "proxy/ServeSettings.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace md {

class ConversationStore;
class MistralClient;
class ProxyServer;
class UsageLedger;
class UsageWriter;
struct ProxyLogEntry;

// `mistral-desk --serve`: the proxy without a window. Writes the access log to stdout (one JSON
// object per line, with each answer's cost at the list prices) and messages to stderr; with a usage
// database, also a ledger row per request that spent tokens (written once per event-loop pass). On
// SIGINT or SIGTERM stops accepting connections, lets the requests in flight finish (30 s at most),
// writes what is left, then exits with 0.
class HeadlessProxy : public QObject {
    Q_OBJECT
public:
    explicit HeadlessProxy(QObject *parent = nullptr);
    ~HeadlessProxy() override;

    // Needs a QCoreApplication. Returns the process exit code.
    int run(const ServeSettings &settings);

private:
    bool openUsage(const QString &path);
    void onRequestFinished(ProxyLogEntry entry);
    void flushPass();
    void flushUsage();
    void reportUsage();
    void watchSignals();
    void shutDown();

    PriceTable m_prices = PriceTable::defaults();
    std::unique_ptr<ConversationStore> m_usageStore;
    std::unique_ptr<UsageLedger> m_ledger;
    std::unique_ptr<UsageWriter> m_usage;
    bool m_usageFailing = false; // said once when writing starts failing, and once when it works again
    QTimer m_usageRetry;         // while failing: the next try, the only one until it succeeds
    MistralClient *m_client = nullptr;
    ProxyServer *m_server = nullptr;
    bool m_stopping = false;
    bool m_flushQueued = false; // log lines and usage rows wait for one flush per event-loop pass
};

} // namespace md
