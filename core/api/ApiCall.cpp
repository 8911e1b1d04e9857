#include "api/ApiCall.h"

#include "Logging.h"
#include "net/HttpReply.h"
#include "net/HttpTransport.h"

#include <QTimerEvent>

namespace md {

ApiCall::ApiCall(HttpTransport *transport, Spec spec, QByteArray authorization, RetryPolicy policy, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_spec(std::move(spec))
    , m_authorization(std::move(authorization))
    , m_policy(policy)
{
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

void ApiCall::restartSilenceTimer()
{
    if (m_spec.timeoutMs <= 0)
        return;
    m_lastActivity.start();
    if (!m_silenceTimer.isActive())
        m_silenceTimer.start(m_spec.timeoutMs, this);
}

void ApiCall::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_retryTimer.timerId()) {
        m_retryTimer.stop();
        sendAttempt();
    } else if (event->timerId() == m_silenceTimer.timerId()) {
        m_silenceTimer.stop();
        const qint64 quietMs = m_lastActivity.isValid() ? m_lastActivity.elapsed() : m_spec.timeoutMs;
        if (m_reply && quietMs < m_spec.timeoutMs)
            m_silenceTimer.start(int(m_spec.timeoutMs - quietMs), this); // there was news since it was armed
        else
            onTimeout();
    } else {
        QObject::timerEvent(event);
    }
}

void ApiCall::sendAttempt()
{
    if (m_finished)
        return;
    if (!m_transport) {
        const ApiError error = ApiError::network(QStringLiteral("the network layer is gone"));
        finishWith(&error, {});
        return;
    }
    ++m_attempt;
    m_status = 0;
    m_body.clear();

    HttpRequest request;
    request.method = m_spec.method;
    request.url = m_spec.url;
    request.body = m_spec.body;
    request.headers.reserve(5 + m_spec.headers.size());
    if (!m_authorization.isEmpty())
        request.headers.append({QByteArrayLiteral("Authorization"), m_authorization});
    if (!m_spec.body.isEmpty() || m_spec.method == "POST")
        request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    request.headers.append(
        {QByteArrayLiteral("Accept"),
         m_spec.streaming ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json")});
    request.headers.append({QByteArrayLiteral("User-Agent"), QByteArrayLiteral("mistral-desk/" MD_VERSION)});
    request.headers += m_spec.headers;

    emit attemptStarted(m_attempt);
    m_reply = m_transport->send(request);
    connect(m_reply, &HttpReply::headReceived, this, &ApiCall::onHead);
    connect(m_reply, &HttpReply::bodyReceived, this, &ApiCall::onBody);
    connect(m_reply, &HttpReply::completed, this, [this] { onReplyEnded(true, {}); });
    connect(m_reply, &HttpReply::failed, this, [this](const QString &message) { onReplyEnded(false, message); });
    connect(m_reply, &HttpReply::uploadProgressed, this, &ApiCall::restartSilenceTimer);
    restartSilenceTimer();
    qCDebug(lcApi) << m_spec.method << m_spec.url.path() << "attempt" << m_attempt;
}

void ApiCall::onHead()
{
    if (!m_reply || m_status != 0)
        return;
    restartSilenceTimer();
    m_status = m_reply->status();
    m_rateLimit = RateLimitInfo::fromHeaders(m_reply->headers());
    m_contentType = m_reply->header("content-type");
    m_requestId = QString::fromLatin1(m_reply->header("x-request-id"));
    if (m_requestId.isEmpty())
        m_requestId = QString::fromLatin1(m_reply->header("mistral-correlation-id"));
    const bool streamedOn = m_spec.streaming && m_status >= 200 && m_status < 300;
    if (!streamedOn && m_spec.maxBodyBytes > 0 && m_reply->contentLength() > m_spec.maxBodyBytes) {
        const ApiError error = ApiError::protocol(QStringLiteral("the answer is %1 bytes; at most %2 are accepted")
                                                      .arg(m_reply->contentLength())
                                                      .arg(m_spec.maxBodyBytes));
        dropReply();
        handleFailure(error);
        return;
    }
    emit responseStarted(m_status);
}

void ApiCall::onBody(const QByteArray &bytes)
{
    if (!m_reply)
        return;
    restartSilenceTimer();
    if (m_spec.streaming && m_status >= 200 && m_status < 300) {
        emit dataReceived(bytes);
        return;
    }
    m_body.append(bytes);
    if (m_spec.maxBodyBytes > 0 && m_body.size() > m_spec.maxBodyBytes) {
        const ApiError error = ApiError::protocol(
            QStringLiteral("the answer is longer than %1 bytes, the most accepted").arg(m_spec.maxBodyBytes));
        m_body.clear();
        dropReply();
        handleFailure(error);
    }
}

void ApiCall::onTimeout()
{
    if (!m_reply)
        return;
    dropReply();
    handleFailure(ApiError::timeout((m_spec.timeoutMs + 999) / 1000));
}

void ApiCall::onReplyEnded(bool ok, const QString &errorText)
{
    if (!m_reply)
        return;
    m_silenceTimer.stop();
    const qint64 length = m_reply->contentLength();
    dropReply();
    QString error = errorText;
    // A transport may end an answer whose connection closed early without an error (Qt does): a
    // body shorter than its Content-Length is a broken transfer, whatever the transport says.
    if (ok && !m_spec.streaming && length >= 0 && m_body.size() < length) {
        ok = false;
        error = QStringLiteral("received %1 of %2 bytes").arg(m_body.size()).arg(length);
    }

    if (m_status >= 400) {
        handleFailure(ApiError::fromHttp(m_status, m_body, m_rateLimit, m_requestId));
        return;
    }
    if (!ok) {
        // With a 2xx status the connection broke in the middle of the body.
        ApiError apiError = ApiError::network(error);
        if (m_status >= 200 && m_status < 300)
            apiError.message = QStringLiteral("the connection was lost in the middle of the answer (%1)").arg(error);
        apiError.httpStatus = m_status;
        apiError.requestId = m_requestId;
        handleFailure(apiError);
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
        m_retryTimer.start(delay, this);
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
    HttpReply *reply = std::exchange(m_reply, nullptr);
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

} // namespace md
