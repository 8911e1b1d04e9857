#pragma once

#include "api/ApiCall.h"
#include "api/ChatRequest.h"
#include "api/ChatStream.h"
#include "api/EmbeddingRequest.h"
#include "api/FimRequest.h"
#include "api/RetryPolicy.h"

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace md {

class HttpTransport;
class LeanHttpTransport;
class QtNetworkTransport;

// The one way the app, the proxy and the tools talk to the Mistral API (or any server that speaks
// it). Every call is asynchronous and cancellable. Objects returned (ChatStream, ApiCall) are
// children of the client and delete themselves after their final signal (`finished`/`failed`),
// so a caller only connects to them.
class MistralClient : public QObject {
    Q_OBJECT
public:
    static constexpr const char *kDefaultBaseUrl = "https://api.mistral.ai";

    // Which HTTP stack carries a call (core/net).
    enum class Transport {
        Qt,   // QNetworkAccessManager: HTTP/2 over TLS, system and environment proxies
        Lean, // LeanHttpTransport: HTTP/1.1 keep-alive pool, no per-host cap, cheap per request
    };

    explicit MistralClient(QObject *parent = nullptr);
    ~MistralClient() override;

    // Base without /v1, e.g. https://api.mistral.ai or http://127.0.0.1:8080 (a trailing /v1 is accepted).
    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    // Held in memory only; never logged or written anywhere.
    void setApiKey(const QString &key);
    bool hasApiKey() const { return !m_authorization.isEmpty(); }
    // Longest silence tolerated before a call is ended (per attempt). Default 60 s.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    const RateLimitInfo &lastRateLimit() const { return m_lastRateLimit; }
    QNetworkAccessManager *network() const;

    // The app's own calls (chat, models, embeddings, send()) go over Qt by default: to
    // api.mistral.ai, Qt negotiates HTTP/2, one multiplexed TLS connection for every tab, and the
    // per-request overhead the lean client saves is nothing against a model's answer time.
    void setTransport(Transport transport) { m_transport = transport; }
    Transport transport() const { return m_transport; }
    // forward() calls (the local proxy's) go over the lean client by default: there the per-request
    // cost and the 6-connections-per-host cap of Qt's HTTP/1.1 were the proxy's bottleneck
    // (bench/README.md, "proxy"). When Qt would go through an HTTP proxy for the base URL
    // (HTTPS_PROXY...), which the lean client does not support, Qt carries them after all.
    void setForwardTransport(Transport transport) { m_forwardTransport = transport; }
    Transport forwardTransport() const { return m_forwardTransport; }
    // The transport a call would use now, after the proxy check above.
    Transport effectiveTransport(Transport wanted);
    LeanHttpTransport *leanTransport();

    ChatStream *chat(const ChatRequest &request, bool stream = true);
    ChatStream *fim(const FimRequest &request, bool stream = true);
    ApiCall *embeddings(const EmbeddingRequest &request);
    ApiCall *listModels();
    ApiCall *model(const QString &id);
    // Any other endpoint: `path` starts with /v1/. The caller gets the raw body or the data stream.
    ApiCall *send(const QByteArray &method, const QString &path, const QByteArray &body, bool streaming = false);
    // The same for a request relayed on behalf of someone else (the local proxy): over forwardTransport().
    ApiCall *forward(const QByteArray &method, const QString &path, const QByteArray &body, bool streaming);

    QUrl endpoint(const QString &path) const;

signals:
    void rateLimitChanged(const md::RateLimitInfo &info);

private:
    ApiCall *makeCall(const QByteArray &method, const QString &path, const QByteArray &body, bool streaming,
                      Transport transport);
    HttpTransport *transportFor(Transport wanted);
    ChatStream *runChat(const QString &path, const QJsonObject &body, bool stream);

    QtNetworkTransport *m_qt;
    LeanHttpTransport *m_lean = nullptr; // made on first use
    Transport m_transport = Transport::Qt;
    Transport m_forwardTransport = Transport::Lean;
    QUrl m_baseUrl;
    QUrl m_proxyCheckedFor; // the base URL whose proxy setting m_behindProxy holds
    bool m_behindProxy = false;
    QByteArray m_authorization;
    RetryPolicy m_retryPolicy;
    RateLimitInfo m_lastRateLimit;
    int m_timeoutMs = 60000;
};

} // namespace md
