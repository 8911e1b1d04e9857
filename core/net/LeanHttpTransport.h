#pragma once

#include "net/HttpConnectionPool.h"
#include "net/HttpTransport.h"

namespace md {

// A lean HTTP/1.1 client for the proxy's upstream calls (and any caller that wants it), written by
// hand instead of using QNetworkAccessManager because Qt 6.4's QNAM, measured under the proxy
// benchmark (bench/README.md, "proxy"), was the proxy's bottleneck:
// - it reads an HTTP/1.1 answer's head one byte per read() syscall (314 syscalls for a 312-byte
//   head, ~40% of the proxy's CPU under load), and does ~2 read()s and 1-2 FIONREAD ioctls per
//   chunk of a streamed body, i.e. per event;
// - it runs HTTP on its own thread, so each request crosses threads several times (queued signals,
//   eventfd wake-ups);
// - it opens at most 6 connections per host, so a 7th concurrent stream waits for one to end.
// Here the head is read in bulk with the body, everything stays on the caller's thread, streamed
// body bytes are handed on as they arrive, and connections are pooled with no per-host cap.
//
// Not supported, so the caller uses QtNetworkTransport instead: HTTP proxies (see usable()),
// HTTP/2, compressed answers (none is asked for).
class LeanHttpTransport : public HttpTransport {
public:
    explicit LeanHttpTransport(QObject *parent = nullptr);

    HttpReply *send(const HttpRequest &request) override;
    HttpConnectionPool &pool() { return m_pool; }

    // False when this transport cannot reach `url` the way Qt would: not http(s), or a proxy
    // (application setting, or HTTPS_PROXY / HTTP_PROXY from the environment) applies to it.
    static bool usable(const QUrl &url);

private:
    HttpConnectionPool m_pool;
};

} // namespace md
