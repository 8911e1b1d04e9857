// ChatStream decoding throughput against bare JSON parsing of the same payloads.
//
// A stream in Mistral's exact wire format (role chunk, one chunk per token, usage on the last
// content chunk, [DONE]) is synthesised with a fixed seed, about 10 MB. Each round measures
//   A) QJsonDocument::fromJson over every event payload, nothing else, and
//   B) ChatStream fed the raw bytes in random-sized reads (1..4096 bytes), with a slot connected
//      to textDelta, i.e. SSE framing + JSON + field extraction + accumulation + signals.
// Rounds alternate A and B so that machine noise hits both; the medians' ratio is the figure.
// Target (issue 2): B's throughput >= 0.75 x A's.

#include "api/ChatStream.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Recording {
    QByteArray stream;                // the bytes on the wire
    std::vector<QByteArray> payloads; // the JSON of each event
};

Recording synthesise(qsizetype targetBytes)
{
    static const char *const words[]
        = {"the",    "model", "streams", "tokens", "quickly", "café", "naïve",      "données", "🙂",
           "```cpp", "int",   "main()",  "{",      "}",       "\\n",  "\"quoted\"", "résumé",  "ok"};
    QRandomGenerator random(42);
    Recording r;
    const QByteArray head = QByteArrayLiteral(
        "{\"id\":\"4f1c0b6e8d2a4e5c9b7a3d2e1f0c9b8a\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
        "\"model\":\"mistral-small-2603\",\"choices\":[{\"index\":0,\"delta\":");
    auto add = [&r](const QByteArray &json) {
        r.payloads.push_back(json);
        r.stream += "data: " + json + "\n\n";
    };
    add(head + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
    int tokens = 0;
    while (r.stream.size() < targetBytes) {
        const QByteArray word = QByteArray(words[random.bounded(int(std::size(words)))]);
        const QByteArray text = (tokens % 7 == 0 ? QByteArray() : QByteArray(" ")) + word;
        QByteArray escaped = text;
        escaped.replace("\"", "\\\"");
        add(head + "{\"content\":\"" + escaped + "\"},\"finish_reason\":null}]}");
        ++tokens;
    }
    add(head + "{\"content\":\".\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":"
        + QByteArray::number(tokens + 1) + ",\"total_tokens\":" + QByteArray::number(tokens + 13) + "}}");
    r.stream += "data: [DONE]\n\n";
    return r;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool check = args.contains(QStringLiteral("--check"));
    const qsizetype megabytes = args.contains(QStringLiteral("--quick")) ? 2 : 10;
    const int rounds = args.contains(QStringLiteral("--quick")) ? 3 : 7;

    const Recording rec = synthesise(megabytes * 1000 * 1000);
    const double mb = double(rec.stream.size()) / 1e6;
    const double events = double(rec.payloads.size());

    // Read sizes drawn once, reused by every round.
    std::vector<qsizetype> reads;
    QRandomGenerator random(7);
    for (qsizetype pos = 0; pos < rec.stream.size();) {
        const qsizetype n = std::min<qsizetype>(1 + random.bounded(4096), rec.stream.size() - pos);
        reads.push_back(n);
        pos += n;
    }

    std::vector<double> jsonSeconds, streamSeconds;
    qint64 sink = 0;
    for (int round = 0; round < rounds; ++round) {
        QElapsedTimer t;
        t.start();
        for (const QByteArray &payload : rec.payloads)
            sink += QJsonDocument::fromJson(payload).isObject() ? 1 : 0;
        jsonSeconds.push_back(double(t.nsecsElapsed()) / 1e9);

        md::ChatStream stream;
        qint64 deltaBytes = 0;
        QObject::connect(&stream, &md::ChatStream::textDelta,
                         [&deltaBytes](const QString &d) { deltaBytes += d.size(); });
        bool finished = false;
        QObject::connect(&stream, &md::ChatStream::finished, [&finished] { finished = true; });
        t.restart();
        qsizetype pos = 0;
        for (const qsizetype n : reads) {
            stream.feed(QByteArrayView(rec.stream.constData() + pos, n));
            pos += n;
        }
        stream.endOfStream();
        streamSeconds.push_back(double(t.nsecsElapsed()) / 1e9);
        if (!finished || stream.result().usage.completionTokens == 0 || deltaBytes == 0) {
            std::fprintf(stderr, "ChatStream did not decode the recording\n");
            return 1;
        }
        sink += deltaBytes;
    }

    const double a = median(jsonSeconds);
    const double b = median(streamSeconds);
    const double ratio = a / b;
    std::printf("recording: %.1f MB, %.0f events, %zu reads of 1..4096 bytes, %d rounds (medians)\n", mb, events,
                reads.size(), rounds);
    std::printf("%-34s %9.1f MB/s %12.0f chunks/s\n", "QJsonDocument::fromJson alone", mb / a, events / a);
    std::printf("%-34s %9.1f MB/s %12.0f chunks/s\n", "ChatStream (framing+JSON+signals)", mb / b, events / b);
    std::printf("ratio ChatStream / JSON alone: %.2f (target >= 0.75) %s\n", ratio, ratio >= 0.75 ? "MET" : "MISSED");
    if (sink == 42)
        std::puts("");
    return check && ratio < 0.75 ? 1 : 0;
}
