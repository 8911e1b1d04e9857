#pragma once

#include "catalog/PriceTable.h"
#include "proxy/ProxyConfig.h"
#include "proxy/ProxyLogEntry.h"
#include "proxy/ProxyMetrics.h"
#include "proxy/ToolCallIdMap.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QSet>

#include <memory>

class QTcpServer;

namespace md {

class MistralClient;

// The local OpenAI- and Mistral-compatible endpoint. Checks who is asking (Host, Origin, the local
// token, body size), then forwards through the app's MistralClient, so retries, error decoding and
// the user's key live in one place; the key itself never reaches a client. Streams are forwarded
// event by event, and a client that goes away cancels its upstream request.
//
// Routes: GET /health; /v1/chat/completions, /v1/fim/completions, /v1/embeddings (translated from
// OpenAI's dialect); GET /v1/models, /v1/models/{id}; any other /v1/* passed through; GET /metrics
// (Prometheus text format, token required: it names the models in use).
class ProxyServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    explicit ProxyServer(MistralClient *upstream, QObject *parent = nullptr);
    ~ProxyServer() override;

    void setConfig(const ProxyConfig &config);
    // Prices for the cost of each request in the log and the metrics (defaults: the list prices).
    void setPriceTable(const PriceTable &prices) { m_prices = prices; }
    const ProxyMetrics &metrics() const { return m_metrics; }
    const ProxyConfig &config() const { return m_config; }

    // Starts listening; false with `error` set when the port is taken or the token is missing.
    bool start(QString *error);
    void stop(); // stops listening; requests in flight go on
    bool isListening() const;
    quint16 port() const;
    QString baseUrl() const; // http://host:port (clients add /v1)
    int activeRequests() const { return m_active; }

    // A token for the config: 32 random bytes, URL-safe base64 ("mdp_" prefix).
    static QString generateToken();

signals:
    void requestFinished(const md::ProxyLogEntry &entry);
    void activeRequestsChanged(int active);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    bool hostAllowed(const QByteArray &host) const;
    bool tokenMatches(const QByteArray &authorization) const;
    void record(ProxyLogEntry &entry);
    void reject(const QHttpServerRequest &request, QTcpSocket *socket, int status, const QString &type,
                const QString &message, const QByteArray &origin = {});

    QPointer<MistralClient> m_upstream;
    QPointer<QTcpServer> m_listener; // the one start() binds; stop() closes it
    ProxyConfig m_config;
    QByteArray m_tokenBytes; // m_config.token in UTF-8, compared on every request
    ToolCallIdMap m_ids;
    std::unique_ptr<OpenAiTranslator> m_translator;
    PriceTable m_prices = PriceTable::defaults();
    ProxyMetrics m_metrics;
    int m_active = 0;
    QSet<QTcpSocket *> m_busySockets; // connections with a request in flight
};

} // namespace md
