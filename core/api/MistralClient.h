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

// The one way the app, the proxy and the tools talk to the Mistral API (or any server that speaks
// it). Every call is asynchronous and cancellable. Objects returned (ChatStream, ApiCall) are
// children of the client and delete themselves after their final signal (`finished`/`failed`),
// so a caller only connects to them.
class MistralClient : public QObject {
    Q_OBJECT
public:
    static constexpr const char *kDefaultBaseUrl = "https://api.mistral.ai";

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
    QNetworkAccessManager *network() const { return m_network; }

    ChatStream *chat(const ChatRequest &request, bool stream = true);
    ChatStream *fim(const FimRequest &request, bool stream = true);
    ApiCall *embeddings(const EmbeddingRequest &request);
    ApiCall *listModels();
    ApiCall *model(const QString &id);
    // Any other endpoint: `path` starts with /v1/. The caller gets the raw body or the data stream.
    ApiCall *send(const QByteArray &method, const QString &path, const QByteArray &body, bool streaming = false);

    QUrl endpoint(const QString &path) const;

signals:
    void rateLimitChanged(const md::RateLimitInfo &info);

private:
    ApiCall *makeCall(const QByteArray &method, const QString &path, const QByteArray &body, bool streaming);
    ChatStream *runChat(const QString &path, const QJsonObject &body, bool stream);

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QByteArray m_authorization;
    RetryPolicy m_retryPolicy;
    RateLimitInfo m_lastRateLimit;
    int m_timeoutMs = 60000;
};

} // namespace md
