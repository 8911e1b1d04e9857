#include "proxy/ProxyMetrics.h"

#include "proxy/ProxyLogEntry.h"

#include <QLocale>

#include <cmath>

namespace md {

namespace {

// Milliseconds as seconds, exactly: 1234 -> "1.234", 1500 -> "1.5", 5 -> "0.005".
QByteArray secondsFromMs(qint64 ms)
{
    QByteArray s = QByteArray::number(ms / 1000);
    if (const qint64 frac = ms % 1000) {
        QByteArray digits = QByteArray::number(frac).rightJustified(3, '0');
        while (digits.endsWith('0'))
            digits.chop(1);
        s += '.' + digits;
    }
    return s;
}

QByteArray labelPair(const char *name, QStringView value)
{
    return QByteArray(name) + "=\"" + ProxyMetrics::escapeLabelValue(value) + '"';
}

void family(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void sample(QByteArray &out, const char *name, const char *suffix, const QByteArray &labels, const QByteArray &value)
{
    out += name;
    out += suffix;
    if (!labels.isEmpty()) {
        out += '{';
        out += labels;
        out += '}';
    }
    out += ' ';
    out += value;
    out += '\n';
}

void counters(QByteArray &out, const char *name, const std::map<QByteArray, quint64> &series)
{
    for (const auto &[labels, value] : series)
        sample(out, name, "", labels, QByteArray::number(value));
}

} // namespace

void ProxyMetrics::Histogram::observe(qint64 ms)
{
    ms = qMax<qint64>(ms, 0);
    std::size_t i = 0;
    while (i < bucketBoundsMs.size() && ms > bucketBoundsMs[i])
        ++i;
    ++buckets[i];
    ++count;
    sumMs += ms;
}

ProxyMetrics::ProxyMetrics(int maxModels)
    : m_maxModels(qMax(maxModels, 0))
{
}

void ProxyMetrics::requestStarted()
{
    ++m_active;
}

void ProxyMetrics::requestFinished(const ProxyLogEntry &e)
{
    if (m_active > 0)
        --m_active;
    record(e);
}

const QByteArray &ProxyMetrics::cachedPair(QHash<QString, QByteArray> &cache, const char *name, const QString &value)
{
    // Label values repeat (a few endpoints, at most m_maxModels models): escaped once each.
    auto it = cache.constFind(value);
    if (it == cache.constEnd())
        it = cache.insert(value, labelPair(name, value));
    return *it;
}

void ProxyMetrics::record(const ProxyLogEntry &e)
{
    const QByteArray &endpoint = cachedPair(m_endpointPairs, "endpoint", endpointLabel(e.path));
    const QByteArray &model = cachedPair(m_modelPairs, "model", modelLabel(e.model));
    QByteArray endpointModel;
    endpointModel.reserve(endpoint.size() + model.size() + 1);
    endpointModel += endpoint;
    endpointModel += ',';
    endpointModel += model;

    ++m_requests[endpointModel + ",status=\"" + QByteArray::number(e.status) + '"'];
    m_duration[endpointModel].observe(e.latencyMs);
    if (e.streamed && e.firstByteMs >= 0)
        m_firstByte[endpoint].observe(e.firstByteMs);
    if (e.usage.promptTokens > 0)
        m_tokens[endpointModel + ",type=\"prompt\""] += quint64(e.usage.promptTokens);
    if (e.usage.completionTokens > 0)
        m_tokens[endpointModel + ",type=\"completion\""] += quint64(e.usage.completionTokens);
    if (e.costUsd && std::isfinite(*e.costUsd) && *e.costUsd >= 0)
        m_cost[model] += *e.costUsd;

    if (e.status == 499)
        ++m_clientDisconnects;
    else if (e.status == 0 || e.status >= 400)
        ++m_upstreamErrors["status=\"" + QByteArray::number(e.status) + '"'];
    else if (!e.error.isEmpty()) // the 200 head was already sent when the upstream failed
        ++m_upstreamErrors["status=\"mid_stream\""];
}

QString ProxyMetrics::modelLabel(const QString &model)
{
    if (model.isEmpty())
        return QStringLiteral("none");
    if (m_models.contains(model))
        return model;
    if (m_models.size() < m_maxModels) {
        m_models.insert(model);
        return model;
    }
    return QStringLiteral("other");
}

QString ProxyMetrics::endpointLabel(QStringView path)
{
    if (const qsizetype query = path.indexOf(u'?'); query >= 0)
        path = path.left(query);
    if (!path.startsWith(u"/v1/"))
        return QStringLiteral("other");
    if (path == u"/v1/chat/completions")
        return QStringLiteral("/v1/chat/completions");
    if (path == u"/v1/fim/completions")
        return QStringLiteral("/v1/fim/completions");
    if (path == u"/v1/embeddings")
        return QStringLiteral("/v1/embeddings");
    if (path == u"/v1/models" || path.startsWith(u"/v1/models/"))
        return QStringLiteral("/v1/models");
    return QStringLiteral("/v1/other");
}

QByteArray ProxyMetrics::escapeLabelValue(QStringView value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray ProxyMetrics::contentType()
{
    return QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
}

QByteArray ProxyMetrics::render() const
{
    static const std::array<QByteArray, bucketBoundsMs.size() + 1> le = [] {
        std::array<QByteArray, bucketBoundsMs.size() + 1> bounds;
        for (std::size_t i = 0; i < bucketBoundsMs.size(); ++i)
            bounds[i] = ",le=\"" + secondsFromMs(bucketBoundsMs[i]) + '"';
        bounds.back() = QByteArrayLiteral(",le=\"+Inf\"");
        return bounds;
    }();
    const auto histogram = [](QByteArray &out, const char *name, const std::map<QByteArray, Histogram> &series) {
        for (const auto &[labels, h] : series) {
            quint64 cumulative = 0;
            for (std::size_t i = 0; i < h.buckets.size(); ++i) {
                cumulative += h.buckets[i];
                sample(out, name, "_bucket", labels + le[i], QByteArray::number(cumulative));
            }
            sample(out, name, "_sum", labels, secondsFromMs(h.sumMs));
            sample(out, name, "_count", labels, QByteArray::number(h.count));
        }
    };

    QByteArray out;
    const std::size_t lines = m_requests.size() + m_tokens.size() + m_cost.size() + m_upstreamErrors.size()
        + (m_duration.size() + m_firstByte.size()) * (le.size() + 2);
    out.reserve(qsizetype(2048 + lines * 120));

    family(out, "mistraldesk_proxy_requests_total", "counter", "Finished proxy requests.");
    counters(out, "mistraldesk_proxy_requests_total", m_requests);

    family(out, "mistraldesk_proxy_request_duration_seconds", "histogram",
           "Time from receiving a request to completing its response.");
    histogram(out, "mistraldesk_proxy_request_duration_seconds", m_duration);

    family(out, "mistraldesk_proxy_time_to_first_byte_seconds", "histogram",
           "Time from receiving a streamed request to sending the first byte of its answer.");
    histogram(out, "mistraldesk_proxy_time_to_first_byte_seconds", m_firstByte);

    family(out, "mistraldesk_proxy_tokens_total", "counter", "Tokens reported by the upstream, by type.");
    counters(out, "mistraldesk_proxy_tokens_total", m_tokens);

    family(out, "mistraldesk_proxy_cost_usd_total", "counter", "Estimated cost of proxied requests in US dollars.");
    for (const auto &[labels, usd] : m_cost)
        sample(out, "mistraldesk_proxy_cost_usd_total", "", labels,
               QByteArray::number(usd, 'g', QLocale::FloatingPointShortest));

    family(out, "mistraldesk_proxy_active_requests", "gauge", "Requests in flight.");
    sample(out, "mistraldesk_proxy_active_requests", "", {}, QByteArray::number(m_active));

    family(out, "mistraldesk_proxy_upstream_errors_total", "counter",
           "Requests that ended in an error status, or failed mid-stream (status=\"mid_stream\").");
    counters(out, "mistraldesk_proxy_upstream_errors_total", m_upstreamErrors);

    family(out, "mistraldesk_proxy_client_disconnects_total", "counter",
           "Requests abandoned by their client before the answer was complete.");
    sample(out, "mistraldesk_proxy_client_disconnects_total", "", {}, QByteArray::number(m_clientDisconnects));
    return out;
}

} // namespace md
