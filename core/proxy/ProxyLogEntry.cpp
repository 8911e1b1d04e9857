#include "proxy/ProxyLogEntry.h"

#include "api/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <charconv>

namespace md {

QJsonObject ProxyLogEntry::toJson() const
{
    QJsonObject o {{QLatin1String("time"), time.toString(Qt::ISODateWithMs)},
                   {QLatin1String("client"), client},
                   {QLatin1String("method"), method},
                   {QLatin1String("path"), path},
                   {QLatin1String("status"), status},
                   {QLatin1String("latency_ms"), latencyMs},
                   {QLatin1String("stream"), streamed}};
    if (!model.isEmpty())
        o.insert(QLatin1String("model"), model);
    if (firstByteMs >= 0)
        o.insert(QLatin1String("first_byte_ms"), firstByteMs);
    if (!usage.isEmpty()) {
        o.insert(QLatin1String("prompt_tokens"), usage.promptTokens);
        o.insert(QLatin1String("completion_tokens"), usage.completionTokens);
    }
    if (costUsd)
        o.insert(QLatin1String("cost_usd"), *costUsd);
    if (!error.isEmpty())
        o.insert(QLatin1String("error"), error);
    if (!translated.isEmpty())
        o.insert(QLatin1String("translated"), QJsonArray::fromStringList(translated));
    if (!requestBody.isEmpty())
        o.insert(QLatin1String("request_body"), QString::fromUtf8(requestBody));
    if (!responseBody.isEmpty())
        o.insert(QLatin1String("response_body"), QString::fromUtf8(responseBody));
    return o;
}

namespace {

using md::appendJsonString; // the QByteArrayView one, beside this overload

void appendJsonString(QByteArray &out, const QString &text)
{
    appendJsonString(out, QByteArrayView(text.toUtf8()));
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), value);
    out += QByteArrayView(digits, ec == std::errc() ? end - digits : 0);
}

// time.toString(Qt::ISODateWithMs) for a UTC time ("2026-11-25T23:25:46.123Z"), with the part up to
// the seconds formatted once per second: QDateTime::toString was half the cost of a line.
void appendUtcTime(QByteArray &out, const QDateTime &time)
{
    const qint64 ms = time.toMSecsSinceEpoch();
    if (!time.isValid() || time.timeSpec() != Qt::UTC || ms < 0) {
        appendJsonString(out, time.toString(Qt::ISODateWithMs));
        return;
    }
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cachedText; // "2026-11-25T23:25:46"
    const qint64 second = ms / 1000;
    if (second != cachedSecond) {
        cachedSecond = second;
        cachedText = QDateTime::fromMSecsSinceEpoch(second * 1000, Qt::UTC).toString(Qt::ISODate).toLatin1();
        if (cachedText.endsWith('Z'))
            cachedText.chop(1);
    }
    const auto milli = int(ms % 1000);
    const char fraction[] = {'.', char('0' + milli / 100), char('0' + milli / 10 % 10), char('0' + milli % 10), 'Z'};
    out += '"';
    out += cachedText;
    out += QByteArrayView(fraction, 5);
    out += '"';
}

void appendKey(QByteArray &out, const char *key)
{
    if (out.size() > 1)
        out += ',';
    out += '"';
    out += key;
    out += "\":";
}

} // namespace

QByteArray ProxyLogEntry::toJsonLine() const
{
    // Written once per request: built by appending, with the keys in the sorted order QJsonObject
    // gives them, rather than through a QJsonObject and QJsonDocument (a map insert per field).
    QByteArray out;
    out.reserve(256 + requestBody.size() + responseBody.size());
    out += '{';
    appendKey(out, "client");
    appendJsonString(out, client);
    if (!usage.isEmpty()) {
        appendKey(out, "completion_tokens");
        appendNumber(out, usage.completionTokens);
    }
    if (costUsd) {
        appendKey(out, "cost_usd");
        out += qIsFinite(*costUsd) ? QByteArray::number(*costUsd, 'g', QLocale::FloatingPointShortest)
                                   : QByteArray("null");
    }
    if (!error.isEmpty()) {
        appendKey(out, "error");
        appendJsonString(out, error);
    }
    if (firstByteMs >= 0) {
        appendKey(out, "first_byte_ms");
        appendNumber(out, firstByteMs);
    }
    appendKey(out, "latency_ms");
    appendNumber(out, latencyMs);
    appendKey(out, "method");
    appendJsonString(out, method);
    if (!model.isEmpty()) {
        appendKey(out, "model");
        appendJsonString(out, model);
    }
    appendKey(out, "path");
    appendJsonString(out, path);
    if (!usage.isEmpty()) {
        appendKey(out, "prompt_tokens");
        appendNumber(out, usage.promptTokens);
    }
    if (!requestBody.isEmpty()) {
        appendKey(out, "request_body");
        appendJsonString(out, QByteArrayView(QString::fromUtf8(requestBody).toUtf8()));
    }
    if (!responseBody.isEmpty()) {
        appendKey(out, "response_body");
        appendJsonString(out, QByteArrayView(QString::fromUtf8(responseBody).toUtf8()));
    }
    appendKey(out, "status");
    appendNumber(out, status);
    appendKey(out, "stream");
    out += streamed ? "true" : "false";
    appendKey(out, "time");
    appendUtcTime(out, time);
    if (!translated.isEmpty()) {
        appendKey(out, "translated");
        out += '[';
        for (qsizetype i = 0; i < translated.size(); ++i) {
            if (i > 0)
                out += ',';
            appendJsonString(out, translated.at(i));
        }
        out += ']';
    }
    out += "}\n";
    return out;
}

} // namespace md
