#include "api/MistralClient.h"

#include "net/LeanHttpTransport.h"
#include "net/QtNetworkTransport.h"

#include <QJsonDocument>

namespace md {

MistralClient::MistralClient(QObject *parent)
    : QObject(parent)
    , m_qt(new QtNetworkTransport(this))
    , m_baseUrl(QUrl(QString::fromLatin1(kDefaultBaseUrl)))
{
}

MistralClient::~MistralClient() = default;

QNetworkAccessManager *MistralClient::network() const
{
    return m_qt->network();
}

LeanHttpTransport *MistralClient::leanTransport()
{
    if (!m_lean)
        m_lean = new LeanHttpTransport(this);
    return m_lean;
}

MistralClient::Transport MistralClient::effectiveTransport(Transport wanted)
{
    if (wanted == Transport::Qt)
        return Transport::Qt;
    // Asked once per base URL: the answer comes from the environment and Qt's proxy settings,
    // which do not change while requests fly, and asking costs more than a forwarded request's budget.
    if (m_proxyCheckedFor != m_baseUrl) {
        m_proxyCheckedFor = m_baseUrl;
        m_behindProxy = !LeanHttpTransport::usable(m_baseUrl);
    }
    return m_behindProxy ? Transport::Qt : Transport::Lean;
}

HttpTransport *MistralClient::transportFor(Transport wanted)
{
    if (effectiveTransport(wanted) == Transport::Lean)
        return leanTransport();
    return m_qt;
}

void MistralClient::setBaseUrl(const QUrl &url)
{
    QUrl base = url;
    QString path = base.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String("/v1")))
        path.chop(3);
    base.setPath(path);
    m_baseUrl = base;
}

void MistralClient::setApiKey(const QString &key)
{
    const QString trimmed = key.trimmed();
    m_authorization = trimmed.isEmpty() ? QByteArray() : QByteArray("Bearer ") + trimmed.toUtf8();
}

QUrl MistralClient::endpoint(const QString &path) const
{
    // `path` may carry a query ("/v1/files?purpose=batch"): it must stay a query, not become "%3F".
    QUrl url = m_baseUrl;
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    url.setPath(m_baseUrl.path() + path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    return url;
}

ApiCall *MistralClient::makeCall(const QByteArray &method, const QString &path, const QByteArray &body, bool streaming,
                                 Transport transport)
{
    ApiCall::Spec spec;
    spec.method = method;
    spec.url = endpoint(path);
    spec.body = body;
    spec.streaming = streaming;
    spec.timeoutMs = m_timeoutMs;
    auto *call = new ApiCall(transportFor(transport), std::move(spec), m_authorization, m_retryPolicy, this);
    connect(call, &ApiCall::responseStarted, this, [this, call] {
        if (!call->rateLimit().isEmpty()) {
            m_lastRateLimit = call->rateLimit();
            emit rateLimitChanged(m_lastRateLimit);
        }
    });
    connect(call, &ApiCall::finished, call, &QObject::deleteLater);
    connect(call, &ApiCall::failed, call, &QObject::deleteLater);
    return call;
}

ApiCall *MistralClient::send(const QByteArray &method, const QString &path, const QByteArray &body, bool streaming)
{
    ApiCall *call = makeCall(method, path, body, streaming, m_transport);
    call->start();
    return call;
}

ApiCall *MistralClient::forward(const QByteArray &method, const QString &path, const QByteArray &body, bool streaming)
{
    ApiCall *call = makeCall(method, path, body, streaming, m_forwardTransport);
    call->start();
    return call;
}

ApiCall *MistralClient::embeddings(const EmbeddingRequest &request)
{
    return send("POST", QStringLiteral("/v1/embeddings"),
                QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact));
}

ApiCall *MistralClient::listModels()
{
    return send("GET", QStringLiteral("/v1/models"), {});
}

ApiCall *MistralClient::model(const QString &id)
{
    return send("GET", QStringLiteral("/v1/models/") + QString::fromLatin1(QUrl::toPercentEncoding(id)), {});
}

ChatStream *MistralClient::chat(const ChatRequest &request, bool stream)
{
    return runChat(QStringLiteral("/v1/chat/completions"), request.toJson(stream), stream);
}

ChatStream *MistralClient::fim(const FimRequest &request, bool stream)
{
    return runChat(QStringLiteral("/v1/fim/completions"), request.toJson(stream), stream);
}

ChatStream *MistralClient::runChat(const QString &path, const QJsonObject &body, bool stream)
{
    auto *chat = new ChatStream(this);
    ApiCall *call = makeCall("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), stream, m_transport);
    connect(call, &ApiCall::attemptStarted, chat, [chat](int attempt) {
        if (attempt > 1)
            chat->restart();
    });
    connect(call, &ApiCall::responseStarted, chat, [chat, call] { chat->setRateLimit(call->rateLimit()); });
    connect(call, &ApiCall::dataReceived, chat, [chat](const QByteArray &bytes) { chat->feed(bytes); });
    connect(call, &ApiCall::retrying, chat, &ChatStream::retrying);
    connect(call, &ApiCall::failed, chat, &ChatStream::fail);
    if (stream)
        connect(call, &ApiCall::finished, chat, &ChatStream::endOfStream);
    else
        connect(call, &ApiCall::finished, chat, &ChatStream::completeWith);
    // Once the user has seen part of the answer, a failure must not restart it from scratch.
    connect(chat, &ChatStream::contentStarted, call, &ApiCall::markContentDelivered);
    connect(chat, &ChatStream::cancelRequested, call, &ApiCall::cancel);
    // A stream that fails while bytes still come (an error event inside it) stops the transfer. After a
    // normal end the call is left to read the last bytes, so that the connection can be reused.
    connect(chat, &ChatStream::failed, call, [call] {
        if (!call->isFinished())
            call->cancel();
    });
    connect(chat, &ChatStream::finished, chat, &QObject::deleteLater);
    connect(chat, &ChatStream::failed, chat, &QObject::deleteLater);

    chat->start();
    call->start();
    return chat;
}

} // namespace md
