#include "api/ApiCall.h"

#include "Logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace md {

ApiCall::ApiCall(QNetworkAccessManager *network, Spec spec, QByteArray authorization, RetryPolicy policy,
                 QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_spec(std::move(spec))
    , m_authorization(std::move(authorization))
    , m_policy(policy)
{
    m_silenceTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_silenceTimer, &QTimer::timeout, this, &ApiCall::onTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiCall::sendAttempt);
}

ApiCall::~ApiCall()
{
    dropReply();
}

void ApiCall::start()
{
    m_clock.start();
    sendAttempt();
}

void ApiCall::cancel()
{
    if (m_finished)
        return;
    const ApiError error = ApiError::cancelled();
    finishWith(&error, {});
}

void ApiCall::sendAttempt()
{
    if (m_finished)
        return;
    if (!m_network) {
        const ApiError error = ApiError::network(QStringLiteral("the network layer is gone"));
        finishWith(&error, {});
        return;
    }
    ++m_attempt;
    m_status = 0;
    m_timedOut = false;
    m_body.clear();

    QNetworkRequest request(m_spec.url);
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    if (!m_spec.body.isEmpty() || m_spec.method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(
        "Accept", m_spec.streaming ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json"));
    request.setRawHeader("User-Agent", QByteArrayLiteral("mistral-desk/" MD_VERSION));
    for (const auto &[name, value] : m_spec.headers)
        request.setRawHeader(name, value);
    // Our own silence timer replaces QNetworkRequest's transfer timeout so that a timeout can be
    // told apart from a cancellation and reported as such.
    request.setTransferTimeout(0);

    emit attemptStarted(m_attempt);
    m_reply = m_network->sendCustomRequest(request, m_spec.method, m_spec.body);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &ApiCall::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this] {
        if (m_spec.timeoutMs > 0)
            m_silenceTimer.start(m_spec.timeoutMs);
    });
    if (m_spec.timeoutMs > 0)
        m_silenceTimer.start(m_spec.timeoutMs);
    qCDebug(lcApi) << m_spec.method << m_spec.url.path() << "attempt" << m_attempt;
}

void ApiCall::onMetaData()
{
    if (!m_reply || m_status != 0)
        return;
    m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_status == 0)
        return;
    m_rateLimit = RateLimitInfo::fromHeaders(m_reply->rawHeaderPairs());
    m_contentType = m_reply->rawHeader("content-type");
    m_requestId = QString::fromLatin1(m_reply->rawHeader("x-request-id"));
    if (m_requestId.isEmpty())
        m_requestId = QString::fromLatin1(m_reply->rawHeader("mistral-correlation-id"));
    emit responseStarted(m_status);
}

void ApiCall::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_spec.timeoutMs > 0)
        m_silenceTimer.start(m_spec.timeoutMs);
    onMetaData();
    const QByteArray bytes = m_reply->readAll();
    if (m_spec.streaming && m_status >= 200 && m_status < 300)
        emit dataReceived(bytes);
    else
        m_body.append(bytes);
}

void ApiCall::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort(); // onReplyFinished reports the timeout
}

void ApiCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_silenceTimer.stop();
    onMetaData();
    if (reply->bytesAvailable() > 0)
        onReadyRead();
    QNetworkReply::NetworkError networkError = reply->error();
    QString errorText = reply->errorString();
    // Qt may end a reply whose connection closed early without an error: a body shorter than its
    // Content-Length is a broken transfer, whatever the reply says.
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (networkError == QNetworkReply::NoError && !m_spec.streaming && length.isValid()
        && m_body.size() < length.toLongLong()) {
        networkError = QNetworkReply::RemoteHostClosedError;
        errorText = QStringLiteral("received %1 of %2 bytes").arg(m_body.size()).arg(length.toLongLong());
    }
    dropReply();

    if (m_timedOut) {
        handleFailure(ApiError::timeout((m_spec.timeoutMs + 999) / 1000));
        return;
    }
    if (m_status >= 400) {
        handleFailure(ApiError::fromHttp(m_status, m_body, m_rateLimit, m_requestId));
        return;
    }
    if (networkError != QNetworkReply::NoError) {
        // With a 2xx status the connection broke in the middle of the body.
        ApiError error = ApiError::network(errorText);
        if (m_status >= 200 && m_status < 300)
            error.message = QStringLiteral("the connection was lost in the middle of the answer (%1)").arg(errorText);
        error.httpStatus = m_status;
        error.requestId = m_requestId;
        handleFailure(error);
        return;
    }
    if (m_status < 200 || m_status >= 300) {
        handleFailure(ApiError::protocol(QStringLiteral("unexpected HTTP status %1").arg(m_status)));
        return;
    }
    finishWith(nullptr, m_body);
}

void ApiCall::handleFailure(const ApiError &error)
{
    if (m_policy.shouldRetry(error, m_attempt, m_contentDelivered)) {
        const int delay = m_policy.delayMs(error, m_attempt);
        qCInfo(lcApi).noquote() << "retrying" << m_spec.url.path() << "in" << delay << "ms after" << error.toString();
        emit retrying(m_attempt, delay, error);
        m_retryTimer.start(delay);
        return;
    }
    finishWith(&error, {});
}

void ApiCall::finishWith(const ApiError *error, const QByteArray &body)
{
    if (m_finished)
        return;
    m_finished = true;
    m_retryTimer.stop();
    m_silenceTimer.stop();
    dropReply();
    if (error) {
        ApiError e = *error;
        if (e.requestId.isEmpty())
            e.requestId = m_requestId;
        if (e.rateLimit.isEmpty())
            e.rateLimit = m_rateLimit;
        emit failed(e);
    } else {
        emit finished(body);
    }
}

void ApiCall::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

} // namespace md
