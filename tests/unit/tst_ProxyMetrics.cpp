#include "proxy/ProxyLogEntry.h"
#include "proxy/ProxyMetrics.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace md;

namespace {

ProxyLogEntry entry(const QString &path, const QString &model, int status, qint64 latencyMs)
{
    ProxyLogEntry e;
    e.method = QStringLiteral("POST");
    e.path = path;
    e.model = model;
    e.status = status;
    e.latencyMs = latencyMs;
    return e;
}

ProxyLogEntry chat(const QString &model, int status = 200, qint64 latencyMs = 100)
{
    return entry(QStringLiteral("/v1/chat/completions"), model, status, latencyMs);
}

QList<QByteArray> lines(const QByteArray &text)
{
    QList<QByteArray> all = text.split('\n');
    if (!all.isEmpty() && all.constLast().isEmpty())
        all.removeLast();
    return all;
}

bool hasLine(const QByteArray &text, const QByteArray &line)
{
    return lines(text).contains(line);
}

// The sample lines of one metric (exact name, any labels).
QList<QByteArray> samplesOf(const QByteArray &text, const QByteArray &name)
{
    QList<QByteArray> found;
    for (const QByteArray &line : lines(text)) {
        if (line.startsWith(QByteArray(name + '{')) || line.startsWith(QByteArray(name + ' ')))
            found.append(line);
    }
    return found;
}

const QByteArray chatLabels = QByteArrayLiteral("endpoint=\"/v1/chat/completions\",model=\"m\"");

} // namespace

class TestProxyMetrics : public QObject {
    Q_OBJECT
private slots:
    void emptyRenderHasEveryFamily()
    {
        const ProxyMetrics m;
        const QByteArray text = m.render();
        QVERIFY(text.endsWith('\n'));
        QVERIFY(hasLine(text, "# TYPE mistraldesk_proxy_requests_total counter"));
        QVERIFY(hasLine(text, "# TYPE mistraldesk_proxy_request_duration_seconds histogram"));
        QVERIFY(hasLine(text, "# TYPE mistraldesk_proxy_time_to_first_byte_seconds histogram"));
        QVERIFY(hasLine(text, "# TYPE mistraldesk_proxy_tokens_total counter"));
        QVERIFY(hasLine(text, "# TYPE mistraldesk_proxy_cost_usd_total counter"));
        QVERIFY(hasLine(text, "# TYPE mistraldesk_proxy_active_requests gauge"));
        QVERIFY(hasLine(text, "# TYPE mistraldesk_proxy_upstream_errors_total counter"));
        QVERIFY(hasLine(text, "# TYPE mistraldesk_proxy_client_disconnects_total counter"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_active_requests 0"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_client_disconnects_total 0"));
        QCOMPARE(ProxyMetrics::contentType(), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    }

    void countsRequestsByEndpointModelAndStatus()
    {
        ProxyMetrics m;
        m.record(chat(QStringLiteral("m")));
        m.record(chat(QStringLiteral("m")));
        m.record(chat(QStringLiteral("m"), 429));
        m.record(entry(QStringLiteral("/v1/embeddings"), QStringLiteral("e"), 200, 10));
        const QByteArray text = m.render();
        QVERIFY(hasLine(text, "mistraldesk_proxy_requests_total{" + chatLabels + ",status=\"200\"} 2"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_requests_total{" + chatLabels + ",status=\"429\"} 1"));
        QVERIFY(hasLine(text,
                        "mistraldesk_proxy_requests_total{endpoint=\"/v1/embeddings\",model=\"e\",status=\"200\"} 1"));
        QCOMPARE(samplesOf(text, "mistraldesk_proxy_requests_total").size(), 3);
    }

    void histogramBucketsAreCumulative()
    {
        ProxyMetrics m;
        // On a bound counts in that bucket (le is "less or equal"); past the last bound only in +Inf.
        for (const qint64 ms :
             {qint64(0), qint64(5), qint64(6), qint64(250), qint64(1000), qint64(60000), qint64(60001), qint64(-3)})
            m.record(chat(QStringLiteral("m"), 200, ms));
        const QByteArray text = m.render();
        const QByteArray name = "mistraldesk_proxy_request_duration_seconds";
        const QList<QPair<QByteArray, int>> expected {{"0.005", 3}, {"0.01", 4}, {"0.025", 4}, {"0.05", 4}, {"0.1", 4},
                                                      {"0.25", 5},  {"0.5", 5},  {"1", 6},     {"2.5", 6},  {"5", 6},
                                                      {"10", 6},    {"30", 6},   {"60", 7},    {"+Inf", 8}};
        const QList<QByteArray> buckets = samplesOf(text, name + "_bucket");
        QCOMPARE(buckets.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QByteArray want = name + "_bucket{" + chatLabels + ",le=\"" + expected[i].first + "\"} "
                + QByteArray::number(expected[i].second);
            QCOMPARE(buckets[i], want);
        }
        QVERIFY(hasLine(text, name + "_count{" + chatLabels + "} 8"));
        // 0 + 5 + 6 + 250 + 1000 + 60000 + 60001 + 0 (negative clamped) ms
        QVERIFY(hasLine(text, name + "_sum{" + chatLabels + "} 121.262"));
    }

    void sumIsExactSeconds()
    {
        ProxyMetrics m;
        m.record(chat(QStringLiteral("m"), 200, 1500));
        m.record(chat(QStringLiteral("m"), 200, 1000));
        QVERIFY(hasLine(m.render(), "mistraldesk_proxy_request_duration_seconds_sum{" + chatLabels + "} 2.5"));
        m.record(chat(QStringLiteral("m"), 200, 7));
        QVERIFY(hasLine(m.render(), "mistraldesk_proxy_request_duration_seconds_sum{" + chatLabels + "} 2.507"));
    }

    void firstByteOnlyForStreams()
    {
        ProxyMetrics m;
        ProxyLogEntry streamed = chat(QStringLiteral("m"), 200, 3000);
        streamed.streamed = true;
        streamed.firstByteMs = 40;
        m.record(streamed);
        ProxyLogEntry whole = chat(QStringLiteral("m"), 200, 3000);
        whole.firstByteMs = 2999; // not streamed: not a time-to-first-token
        m.record(whole);
        ProxyLogEntry noByte = chat(QStringLiteral("m"), 499, 10);
        noByte.streamed = true; // client left before anything was sent
        m.record(noByte);
        const QByteArray text = m.render();
        const QByteArray name = "mistraldesk_proxy_time_to_first_byte_seconds";
        const QByteArray labels = "endpoint=\"/v1/chat/completions\"";
        QVERIFY(hasLine(text, name + "_count{" + labels + "} 1"));
        QVERIFY(hasLine(text, name + "_sum{" + labels + "} 0.04"));
        QVERIFY(hasLine(text, name + "_bucket{" + labels + ",le=\"0.025\"} 0"));
        QVERIFY(hasLine(text, name + "_bucket{" + labels + ",le=\"0.05\"} 1"));
        QCOMPARE(samplesOf(text, name + "_count").size(), 1);
    }

    void tokenCounters()
    {
        ProxyMetrics m;
        ProxyLogEntry a = chat(QStringLiteral("m"));
        a.usage.promptTokens = 100;
        a.usage.completionTokens = 20;
        m.record(a);
        a.usage.promptTokens = 5;
        a.usage.completionTokens = 1;
        m.record(a);
        ProxyLogEntry embed = entry(QStringLiteral("/v1/embeddings"), QStringLiteral("m"), 200, 10);
        embed.usage.promptTokens = 7;
        m.record(embed);
        m.record(chat(QStringLiteral("m"))); // no usage: nothing added
        const QByteArray text = m.render();
        QVERIFY(hasLine(text, "mistraldesk_proxy_tokens_total{" + chatLabels + ",type=\"prompt\"} 105"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_tokens_total{" + chatLabels + ",type=\"completion\"} 21"));
        QVERIFY(
            hasLine(text, "mistraldesk_proxy_tokens_total{endpoint=\"/v1/embeddings\",model=\"m\",type=\"prompt\"} 7"));
        QCOMPARE(samplesOf(text, "mistraldesk_proxy_tokens_total").size(), 3); // no zero completion series
    }

    void costOnlyWhenKnown()
    {
        ProxyMetrics m;
        m.record(chat(QStringLiteral("unpriced")));
        ProxyLogEntry a = chat(QStringLiteral("m"));
        a.costUsd = 0.25;
        m.record(a);
        a.costUsd = 0.5;
        m.record(a);
        ProxyLogEntry nan = chat(QStringLiteral("m"));
        nan.costUsd = qQNaN(); // ignored: a counter must stay a number
        m.record(nan);
        const QByteArray text = m.render();
        QVERIFY(hasLine(text, "mistraldesk_proxy_cost_usd_total{model=\"m\"} 0.75"));
        QCOMPARE(samplesOf(text, "mistraldesk_proxy_cost_usd_total").size(), 1);
    }

    void activeGauge()
    {
        ProxyMetrics m;
        m.requestStarted();
        m.requestStarted();
        QCOMPARE(m.activeRequests(), 2);
        QVERIFY(hasLine(m.render(), "mistraldesk_proxy_active_requests 2"));
        m.requestFinished(chat(QStringLiteral("m")));
        QCOMPARE(m.activeRequests(), 1);
        m.record(entry(QStringLiteral("/v1/models"), QString(), 401, 0)); // refused up front: gauge untouched
        QCOMPARE(m.activeRequests(), 1);
        m.requestFinished(chat(QStringLiteral("m")));
        m.requestFinished(chat(QStringLiteral("m"))); // unpaired: stays at 0
        QCOMPARE(m.activeRequests(), 0);
        const QByteArray text = m.render();
        QVERIFY(hasLine(text, "mistraldesk_proxy_active_requests 0"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_requests_total{" + chatLabels + ",status=\"200\"} 3"));
    }

    void upstreamErrorsAndDisconnects()
    {
        ProxyMetrics m;
        m.record(chat(QStringLiteral("m"), 200));
        m.record(chat(QStringLiteral("m"), 502));
        m.record(chat(QStringLiteral("m"), 502));
        m.record(chat(QStringLiteral("m"), 429));
        m.record(chat(QStringLiteral("m"), 0));
        m.record(chat(QStringLiteral("m"), 499));
        m.record(chat(QStringLiteral("m"), 499));
        ProxyLogEntry broken = chat(QStringLiteral("m"), 200);
        broken.streamed = true;
        broken.error = QStringLiteral("network error");
        m.record(broken);
        const QByteArray text = m.render();
        const QList<QByteArray> expected {"mistraldesk_proxy_upstream_errors_total{status=\"0\"} 1",
                                          "mistraldesk_proxy_upstream_errors_total{status=\"429\"} 1",
                                          "mistraldesk_proxy_upstream_errors_total{status=\"502\"} 2",
                                          "mistraldesk_proxy_upstream_errors_total{status=\"mid_stream\"} 1"};
        QCOMPARE(samplesOf(text, "mistraldesk_proxy_upstream_errors_total"), expected);
        QVERIFY(hasLine(text, "mistraldesk_proxy_client_disconnects_total 2"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_requests_total{" + chatLabels + ",status=\"499\"} 2"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_requests_total{" + chatLabels + ",status=\"200\"} 2"));
    }

    void endpointNormalisation_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("label");
        const QString chatPath = QStringLiteral("/v1/chat/completions");
        const QString models = QStringLiteral("/v1/models");
        const QString other = QStringLiteral("/v1/other");
        QTest::newRow("chat") << chatPath << chatPath;
        QTest::newRow("chat query") << QStringLiteral("/v1/chat/completions?x=1") << chatPath;
        QTest::newRow("fim") << QStringLiteral("/v1/fim/completions") << QStringLiteral("/v1/fim/completions");
        QTest::newRow("embeddings") << QStringLiteral("/v1/embeddings") << QStringLiteral("/v1/embeddings");
        QTest::newRow("models") << models << models;
        QTest::newRow("model id") << QStringLiteral("/v1/models/mistral-large-latest") << models;
        QTest::newRow("model id nested") << QStringLiteral("/v1/models/ft:a:b/x") << models;
        QTest::newRow("models lookalike") << QStringLiteral("/v1/modelsX") << other;
        QTest::newRow("files") << QStringLiteral("/v1/files/abc") << other;
        QTest::newRow("chat subpath") << QStringLiteral("/v1/chat/completions/x") << other;
        QTest::newRow("v1 root") << QStringLiteral("/v1/") << other;
        QTest::newRow("v1 no slash") << QStringLiteral("/v1") << QStringLiteral("other");
        QTest::newRow("health") << QStringLiteral("/health") << QStringLiteral("other");
        QTest::newRow("empty") << QString() << QStringLiteral("other");
        QTest::newRow("random") << QStringLiteral("/wp-admin/x.php") << QStringLiteral("other");
    }
    void endpointNormalisation()
    {
        QFETCH(QString, path);
        QFETCH(QString, label);
        QCOMPARE(ProxyMetrics::endpointLabel(path), label);
    }

    void unboundedPathsShareOneSeries()
    {
        ProxyMetrics m;
        for (int i = 0; i < 200; ++i) {
            m.record(entry(QStringLiteral("/v1/models/model-%1").arg(i), QString(), 404, 1));
            m.record(entry(QStringLiteral("/scan/%1").arg(i), QString(), 404, 1));
        }
        const QByteArray text = m.render();
        QCOMPARE(samplesOf(text, "mistraldesk_proxy_requests_total").size(), 2);
        QVERIFY(hasLine(text,
                        "mistraldesk_proxy_requests_total{endpoint=\"/v1/models\",model=\"none\",status=\"404\"} 200"));
        QVERIFY(
            hasLine(text, "mistraldesk_proxy_requests_total{endpoint=\"other\",model=\"none\",status=\"404\"} 200"));
    }

    void labelEscaping()
    {
        QCOMPARE(ProxyMetrics::escapeLabelValue(u"plain"), QByteArray("plain"));
        // a"b\c<newline>d -> a\"b\\c\nd
        const QString raw = QStringLiteral("a\"b\\c\nd");
        QCOMPARE(ProxyMetrics::escapeLabelValue(raw), QByteArray("a\\\"b\\\\c\\nd"));
        QCOMPARE(ProxyMetrics::escapeLabelValue(QString::fromUtf8("caf\xc3\xa9")), QByteArray("caf\xc3\xa9"));

        ProxyMetrics m;
        m.record(chat(raw));
        const QByteArray text = m.render();
        QVERIFY(hasLine(text,
                        "mistraldesk_proxy_requests_total{endpoint=\"/v1/chat/completions\",model=\"a\\\"b\\\\c\\nd\","
                        "status=\"200\"} 1"));
        QVERIFY(!text.contains("c\nd")); // the newline never breaks a line
    }

    void modelCardinalityIsCapped()
    {
        ProxyMetrics m(3);
        for (const char *model : {"a", "b", "c", "d", "e", "a", "", "e"})
            m.record(chat(QString::fromLatin1(model)));
        const QByteArray text = m.render();
        const QByteArray prefix = "mistraldesk_proxy_requests_total{endpoint=\"/v1/chat/completions\",model=";
        QVERIFY(hasLine(text, prefix + "\"a\",status=\"200\"} 2")); // seen before the cap: keeps its label
        QVERIFY(hasLine(text, prefix + "\"b\",status=\"200\"} 1"));
        QVERIFY(hasLine(text, prefix + "\"c\",status=\"200\"} 1"));
        QVERIFY(hasLine(text, prefix + "\"other\",status=\"200\"} 3")); // d, e, e
        QVERIFY(hasLine(text, prefix + "\"none\",status=\"200\"} 1"));  // no model does not use up the cap
        QCOMPARE(samplesOf(text, "mistraldesk_proxy_requests_total").size(), 5);
        QVERIFY(!text.contains("model=\"d\""));

        ProxyMetrics defaults;
        for (int i = 0; i < 80; ++i)
            defaults.record(chat(QStringLiteral("model-%1").arg(i)));
        QCOMPARE(samplesOf(defaults.render(), "mistraldesk_proxy_requests_total").size(), 51); // 50 + "other"
    }

    void orderIsDeterministic()
    {
        QList<ProxyLogEntry> entries;
        for (const QString &model : {QStringLiteral("zeta"), QStringLiteral("alpha"), QStringLiteral("mid")}) {
            for (const int status : {500, 200, 404}) {
                ProxyLogEntry e = chat(model, status, 30);
                e.usage.promptTokens = 3;
                e.usage.completionTokens = 4;
                e.costUsd = 0.001;
                entries.append(e);
                entries.append(entry(QStringLiteral("/v1/embeddings"), model, status, 12));
            }
        }
        ProxyMetrics forward;
        ProxyMetrics backward;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            forward.record(entries[i]);
            backward.record(entries[entries.size() - 1 - i]);
        }
        QCOMPARE(forward.render(), backward.render());

        const QList<QByteArray> requests = samplesOf(forward.render(), "mistraldesk_proxy_requests_total");
        QList<QByteArray> sorted = requests;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(requests, sorted);
        QVERIFY(requests.first().contains("endpoint=\"/v1/chat/completions\",model=\"alpha\",status=\"200\""));
    }

    void renderFollowsTheTextFormat()
    {
        ProxyMetrics m;
        m.requestStarted();
        ProxyLogEntry a = chat(QStringLiteral("weird \"model\"\\\nname"), 200, 1234);
        a.streamed = true;
        a.firstByteMs = 12;
        a.usage.promptTokens = 10;
        a.usage.completionTokens = 2;
        a.costUsd = 0.1;
        m.record(a);
        m.record(entry(QStringLiteral("/v1/models/x"), QString(), 502, 40));
        m.record(chat(QStringLiteral("m"), 499, 7));
        m.record(entry(QStringLiteral("/nope"), QString(), 404, 0));
        const QByteArray text = m.render();
        QVERIFY(text.endsWith('\n'));

        const QString name = QStringLiteral("[a-zA-Z_:][a-zA-Z0-9_:]*");
        const QString labelValue = QStringLiteral("\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"");
        const QString label = QStringLiteral("[a-zA-Z_][a-zA-Z0-9_]*=") + labelValue;
        const QRegularExpression sampleRe(QStringLiteral("^(") + name + QStringLiteral(")(?:\\{(") + label
                                          + QStringLiteral("(?:,") + label + QStringLiteral(")*)\\})? (\\S+)$"));
        const QRegularExpression helpRe(QStringLiteral("^# HELP (") + name + QStringLiteral(") \\S.*$"));
        const QRegularExpression typeRe(QStringLiteral("^# TYPE (") + name
                                        + QStringLiteral(") (counter|gauge|histogram|summary|untyped)$"));
        QVERIFY(sampleRe.isValid());

        QSet<QString> helped;
        QMap<QString, QString> types;
        QSet<QString> seriesSeen;
        QSet<QString> familiesDone; // a family's samples are contiguous
        QString currentFamily;
        int samples = 0;
        for (const QByteArray &rawLine : lines(text)) {
            const QString line = QString::fromUtf8(rawLine);
            if (const auto h = helpRe.match(line); h.hasMatch()) {
                QVERIFY2(!helped.contains(h.captured(1)), qPrintable(line));
                QVERIFY2(!familiesDone.contains(h.captured(1)), qPrintable(line));
                helped.insert(h.captured(1));
                continue;
            }
            if (const auto t = typeRe.match(line); t.hasMatch()) {
                QVERIFY2(!types.contains(t.captured(1)), qPrintable(line));
                types.insert(t.captured(1), t.captured(2));
                continue;
            }
            QVERIFY2(!line.startsWith(u'#'), qPrintable(line));
            const auto s = sampleRe.match(line);
            QVERIFY2(s.hasMatch(), qPrintable(line));
            ++samples;
            QString familyName = s.captured(1);
            for (const QString &suffix :
                 {QStringLiteral("_bucket"), QStringLiteral("_sum"), QStringLiteral("_count")}) {
                const QString base = familyName.chopped(qMin(familyName.size(), suffix.size()));
                if (familyName.endsWith(suffix) && types.value(base) == QLatin1String("histogram"))
                    familyName = base;
            }
            QVERIFY2(helped.contains(familyName), qPrintable(line));
            QVERIFY2(types.contains(familyName), qPrintable(line));
            if (familyName != currentFamily) {
                QVERIFY2(!familiesDone.contains(familyName), qPrintable(line));
                if (!currentFamily.isEmpty())
                    familiesDone.insert(currentFamily);
                currentFamily = familyName;
            }
            const QString series = s.captured(1) + u'{' + s.captured(2) + u'}';
            QVERIFY2(!seriesSeen.contains(series), qPrintable(line));
            seriesSeen.insert(series);
            const QString value = s.captured(3);
            bool ok = false;
            value.toDouble(&ok);
            QVERIFY2(ok || value == QLatin1String("+Inf") || value == QLatin1String("-Inf")
                         || value == QLatin1String("NaN"),
                     qPrintable(line));
            if (types.value(familyName) == QLatin1String("histogram") && s.captured(1).endsWith(u"_bucket"))
                QVERIFY2(s.captured(2).contains(QLatin1String("le=\"")), qPrintable(line));
        }
        QCOMPARE(types.size(), 8);
        QCOMPARE(helped.size(), 8);
        QVERIFY(samples > 40);
        QCOMPARE(types.value(QStringLiteral("mistraldesk_proxy_active_requests")), QStringLiteral("gauge"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_active_requests 1"));
        QVERIFY(
            hasLine(text, "mistraldesk_proxy_time_to_first_byte_seconds_count{endpoint=\"/v1/chat/completions\"} 1"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_upstream_errors_total{status=\"404\"} 1"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_client_disconnects_total 1"));
        QVERIFY(hasLine(text, "mistraldesk_proxy_cost_usd_total{model=\"weird \\\"model\\\"\\\\\\nname\"} 0.1"));
    }
};

QTEST_GUILESS_MAIN(TestProxyMetrics)
#include "tst_ProxyMetrics.moc"
