#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringView>

#include <array>
#include <map>

namespace md {

struct ProxyLogEntry;

// The proxy's counters for GET /metrics, rendered in the Prometheus text exposition format 0.0.4.
// Series are kept sorted by their labels, so render() is deterministic and costs one pass over them.
// Not thread-safe: feed it and render it from the proxy's thread.
//
// Labels are bounded: the endpoint is a fixed set (see endpointLabel), at most maxModels distinct
// model names get their own label (later ones are counted as "other", an empty one as "none").
// upstream_errors_total counts finished requests with status 0 or >= 400 (except 499), and
// streams that failed after their 200 head was sent (status="mid_stream"); a 499 (client went
// away) counts in client_disconnects_total instead.
class ProxyMetrics {
public:
    explicit ProxyMetrics(int maxModels = 50);

    void requestStarted(); // active gauge +1
    // Records a finished request and lowers the active gauge (never below 0). Pair with requestStarted().
    void requestFinished(const ProxyLogEntry &e);
    // Records a request that never went through requestStarted() (one refused up front); the gauge stays.
    void record(const ProxyLogEntry &e);

    int activeRequests() const { return m_active; }
    QByteArray render() const;

    // "text/plain; version=0.0.4; charset=utf-8", for the /metrics response.
    static QByteArray contentType();
    // /v1/chat/completions, /v1/fim/completions, /v1/embeddings, /v1/models (and /v1/models/{id}),
    // "/v1/other" for any other /v1/ path, "other" for the rest. A query string is ignored.
    static QString endpointLabel(QStringView path);
    // A label value escaped per the format: backslash, double quote and newline.
    static QByteArray escapeLabelValue(QStringView value);

    // Histogram upper bounds in milliseconds (the +Inf bucket comes on top).
    static constexpr std::array<qint64, 13> bucketBoundsMs {5,    10,   25,   50,    100,   250,  500,
                                                            1000, 2500, 5000, 10000, 30000, 60000};

private:
    struct Histogram {
        std::array<quint64, bucketBoundsMs.size() + 1> buckets {}; // not cumulative; last is +Inf
        quint64 count = 0;
        qint64 sumMs = 0;
        void observe(qint64 ms);
    };

    QString modelLabel(const QString &model);
    static const QByteArray &cachedPair(QHash<QString, QByteArray> &cache, const char *name, const QString &value);

    int m_maxModels;
    int m_active = 0;
    QSet<QString> m_models;                     // the names with a label of their own
    QHash<QString, QByteArray> m_endpointPairs; // label value -> `endpoint="..."`
    QHash<QString, QByteArray> m_modelPairs;    // label value -> `model="..."` (bounded like m_models)
    // Keys are the rendered label pairs (`endpoint="...",model="..."`), so a sorted map is a sorted output.
    std::map<QByteArray, quint64> m_requests;
    std::map<QByteArray, Histogram> m_duration;
    std::map<QByteArray, Histogram> m_firstByte;
    std::map<QByteArray, quint64> m_tokens;
    std::map<QByteArray, double> m_cost;
    std::map<QByteArray, quint64> m_upstreamErrors;
    quint64 m_clientDisconnects = 0;
};

} // namespace md
