#pragma once

#include "api/ApiError.h"
#include "api/RateLimitInfo.h"
#include "api/RetryPolicy.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace md {

class HttpReply;
class HttpTransport;

// One HTTP exchange with the API, including its retries: sends the request, watches for silence
// (timeout), decodes errors, waits and tries again when the RetryPolicy says so, and can be
// cancelled at any time. In streaming mode a 2xx body is handed on as it arrives.
class ApiCall : public QObject {
    Q_OBJECT
public:
    struct Spec {
        QByteArray method = "POST";
        QUrl url;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers; // besides Authorization / Content-Type / Accept
        bool streaming = false;
        int timeoutMs = 60000; // longest silence tolerated, per attempt
        // A body kept whole (not streamed on) larger than this fails the call rather than filling memory.
        qint64 maxBodyBytes = 16 * 1024 * 1024;
    };

    // `transport` carries every attempt (Qt's QNAM or the lean HTTP/1.1 client, see core/net).
    ApiCall(HttpTransport *transport, Spec spec, QByteArray authorization, RetryPolicy policy,
            QObject *parent = nullptr);
    ~ApiCall() override;

    void start();
    void cancel(); // aborts at once; emits failed(Cancelled) unless already finished
    // The caller saw part of an answer: from now on a failure is final, never retried.
    void markContentDelivered() { m_contentDelivered = true; }

    bool isFinished() const { return m_finished; }
    int attempts() const { return m_attempt; }
    int httpStatus() const { return m_status; }
    const RateLimitInfo &rateLimit() const { return m_rateLimit; }
    QString requestId() const { return m_requestId; }
    QByteArray contentType() const { return m_contentType; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : -1; }
    const Spec &spec() const { return m_spec; }

protected:
    void timerEvent(QTimerEvent *event) override;

signals:
    void attemptStarted(int attempt);           // 1 for the first try; later ones follow a retry
    void responseStarted(int status);           // headers of an attempt arrived
    void dataReceived(const QByteArray &bytes); // streaming mode, 2xx only
    void retrying(int attempt, int delayMs, const md::ApiError &error);
    void finished(const QByteArray &body); // 2xx; in streaming mode the body is empty
    void failed(const md::ApiError &error);

private:
    void sendAttempt();
    void onHead();
    void onBody(const QByteArray &bytes);
    void onReplyEnded(bool ok, const QString &errorText);
    void restartSilenceTimer();
    void onTimeout();
    void handleFailure(const ApiError &error);
    void finishWith(const ApiError *error, const QByteArray &body);
    void dropReply();

    QPointer<HttpTransport> m_transport;
    Spec m_spec;
    QByteArray m_authorization;
    RetryPolicy m_policy;
    HttpReply *m_reply = nullptr;
    // QBasicTimers on this object rather than two QTimer children: no QObjects or connections per
    // call. The silence timer is armed once per attempt and, when it fires, re-armed for whatever
    // is left since the last sign of life (m_lastActivity): restarting a timer on every read was
    // two timer (un)registrations per read.
    QBasicTimer m_silenceTimer;
    QBasicTimer m_retryTimer;
    QElapsedTimer m_lastActivity;
    QElapsedTimer m_clock;
    QByteArray m_body;
    RateLimitInfo m_rateLimit;
    QString m_requestId;
    QByteArray m_contentType;
    int m_attempt = 0;
    int m_status = 0;
    bool m_contentDelivered = false;
    bool m_finished = false;
};

} // namespace md
