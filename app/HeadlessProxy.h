#pragma once

#include "proxy/ServeSettings.h"

#include <QObject>

namespace md {

class MistralClient;
class ProxyServer;

// `mistral-desk --serve`: the proxy without a window. Writes the access log to stdout (one JSON
// object per line) and messages to stderr; on SIGINT or SIGTERM stops accepting connections, lets
// the requests in flight finish (30 s at most), then exits with 0.
class HeadlessProxy : public QObject {
    Q_OBJECT
public:
    explicit HeadlessProxy(QObject *parent = nullptr);
    ~HeadlessProxy() override;

    // Needs a QCoreApplication. Returns the process exit code.
    int run(const ServeSettings &settings);

private:
    void watchSignals();
    void shutDown();
    void flushLog();

    MistralClient *m_client = nullptr;
    ProxyServer *m_server = nullptr;
    bool m_stopping = false;
    bool m_flushQueued = false; // lines written to stdout wait for one fflush per event-loop pass
};

} // namespace md
