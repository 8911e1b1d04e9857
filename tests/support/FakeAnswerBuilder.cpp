#include "FakeAnswerBuilder.h"

#include "FakeWireFormat.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonValue>
#include <QRandomGenerator>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <vector>

namespace md::test {
namespace {

using Kind = FakeScript::Kind;
using Wire = FakeWireFormat;

struct Piece {
    bool thinking = false;
    QString text;
};

// Splits text into `count` pieces of about the same number of code points, never inside a surrogate pair.
QStringList splitText(const QString &text, int count)
{
    QList<qsizetype> starts;
    for (qsizetype i = 0; i < text.size();) {
        starts.append(i);
        i += (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) ? 2 : 1;
    }
    QStringList out;
    const qsizetype points = starts.size();
    if (points == 0)
        return out;
    const qsizetype n = std::clamp<qsizetype>(count, 1, points);
    for (qsizetype k = 0; k < n; ++k) {
        const qsizetype from = starts.at(k * points / n);
        const qsizetype to = k + 1 == n ? text.size() : starts.at((k + 1) * points / n);
        out.append(text.mid(from, to - from));
    }
    return out;
}

// "word0 word1 word2 café3 word4 word5 🙂6 word7 ...": non-ASCII on purpose (2- and 4-byte UTF-8).
QString generatedToken(int i)
{
    const QString stem = i % 8 == 3 ? QStringLiteral("caf\u00e9")
        : i % 8 == 6                ? QString::fromUtf8("\xF0\x9F\x99\x82")
                                    : QStringLiteral("word");
    return (i == 0 ? QString() : QStringLiteral(" ")) + stem + QString::number(i);
}

// Text of a message for the prompt-token estimate: string content, text/thinking chunks, tool calls.
void collectText(const QJsonValue &v, QByteArray &out)
{
    if (v.isString()) {
        out += v.toString().toUtf8();
    } else if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            collectText(e, out);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        collectText(o.value(QLatin1String("text")), out);
        collectText(o.value(QLatin1String("thinking")), out);
    }
}

int promptTokensFor(const QJsonObject &body, bool fim)
{
    if (fim) {
        return 4 + Wire::estimateTokens(body.value(QLatin1String("prompt")).toString().toUtf8().size())
            + Wire::estimateTokens(body.value(QLatin1String("suffix")).toString().toUtf8().size());
    }
    int total = 0;
    for (const QJsonValue &mv : body.value(QLatin1String("messages")).toArray()) {
        const QJsonObject m = mv.toObject();
        QByteArray text;
        collectText(m.value(QLatin1String("content")), text);
        for (const QJsonValue &tc : m.value(QLatin1String("tool_calls")).toArray()) {
            const QJsonObject f = tc.toObject().value(QLatin1String("function")).toObject();
            text += f.value(QLatin1String("name")).toString().toUtf8();
            const QJsonValue args = f.value(QLatin1String("arguments"));
            text += args.isString() ? args.toString().toUtf8() : Wire::jsonValue(args);
        }
        total += 4 + Wire::estimateTokens(text.size());
    }
    const QJsonValue tools = body.value(QLatin1String("tools"));
    if (tools.isArray() && !tools.toArray().isEmpty())
        total += Wire::estimateTokens(Wire::jsonValue(tools).size());
    return total;
}

QList<FakeScript::ToolCallSpec> toolCallsOf(const FakeScript &s)
{
    if (!s.toolCalls.isEmpty())
        return s.toolCalls;
    return {{QStringLiteral("abcDEF123"), QStringLiteral("get_weather"), QStringLiteral("{\"city\": \"Paris\"}")}};
}

// quint64 FNV-1a: stable across processes (qHash is seeded per process).
quint64 fnv1a(const QByteArray &data)
{
    quint64 h = 1469598103934665603ULL;
    for (const char c : data) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

void appendEmbedding(QByteArray &out, const QString &text, int dimension, bool base64)
{
    const quint64 h = fnv1a(text.toUtf8());
    const std::array<quint32, 2> seed {quint32(h), quint32(h >> 32)};
    QRandomGenerator rng(seed.data(), qsizetype(seed.size()));
    std::vector<double> v(static_cast<size_t>(dimension));
    double norm = 0;
    for (double &x : v) {
        x = rng.generateDouble() * 2.0 - 1.0;
        norm += x * x;
    }
    norm = std::sqrt(norm);
    if (base64) {
        // encoding_format "base64": the float32 values, little-endian, as one base64 string.
        QByteArray raw(qsizetype(v.size() * sizeof(float)), Qt::Uninitialized);
        for (size_t i = 0; i < v.size(); ++i)
            qToLittleEndian(float(norm > 0 ? v[i] / norm : 0.0), raw.data() + i * sizeof(float));
        out += '"' + raw.toBase64() + '"';
        return;
    }
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += ',';
        out += QByteArray::number(norm > 0 ? v[i] / norm : 0.0, 'g', 9);
    }
    out += ']';
}

} // namespace

FakeAnswer FakeAnswerBuilder::completion(const QJsonObject &body, const FakeScript &s, bool fim)
{
    const bool streamed = body.value(QLatin1String("stream")).toBool();
    const QString model = body.value(QLatin1String("model")).toString();
    const QByteArray id = Wire::randomHex32();
    const qint64 created = QDateTime::currentSecsSinceEpoch();
    const int promptTokens = promptTokensFor(body, fim);
    const QByteArray prefix = Wire::chunkPrefix(id, created, model);
    QList<FakeHttpConnection::Frame> frames;
    frames.append({Wire::chunkEvent(prefix, "{\"role\":\"assistant\",\"content\":\"\"}", nullptr, {}), 0});

    if (s.kind == Kind::ToolCalls && !fim) {
        const QList<FakeScript::ToolCallSpec> calls = toolCallsOf(s);
        int completionTokens = 0;
        QByteArray array = "[";
        for (qsizetype i = 0; i < calls.size(); ++i) {
            const qsizetype bytes = (calls.at(i).name + calls.at(i).arguments).toUtf8().size();
            completionTokens += std::max(1, Wire::estimateTokens(bytes));
            if (i)
                array += ',';
            array += Wire::toolCallJson(calls.at(i), int(i));
        }
        array += ']';
        const QByteArray usage = s.omitUsage ? QByteArray() : Wire::usageJson(promptTokens, completionTokens);
        const qint64 tokens = promptTokens + completionTokens;
        if (!streamed) {
            const QByteArray message
                = "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":" + array + ",\"prefix\":false}";
            return {false, Wire::completionBody(id, created, model, message, "tool_calls", usage), {}, tokens};
        }
        if (!s.fragmentedToolCalls) {
            frames.append(
                {Wire::chunkEvent(prefix, "{\"content\":\"\",\"tool_calls\":" + array + '}', "tool_calls", usage), 1});
        } else {
            int slot = 0;
            for (qsizetype i = 0; i < calls.size(); ++i) {
                const FakeScript::ToolCallSpec &t = calls.at(i);
                const QByteArray index = QByteArray::number(i);
                frames.append(
                    {Wire::chunkEvent(prefix,
                                      "{\"tool_calls\":[{\"index\":" + index + ",\"id\":" + Wire::jsonString(t.id)
                                          + ",\"type\":\"function\",\"function\":{\"name\":" + Wire::jsonString(t.name)
                                          + ",\"arguments\":\"\"}}]}",
                                      nullptr, {}),
                     ++slot});
                for (const QString &piece : splitText(t.arguments, 4))
                    frames.append(
                        {Wire::chunkEvent(prefix,
                                          "{\"tool_calls\":[{\"index\":" + index
                                              + ",\"function\":{\"arguments\":" + Wire::jsonString(piece) + "}}]}",
                                          nullptr, {}),
                         ++slot});
            }
            frames.append({Wire::chunkEvent(prefix, "{}", "tool_calls", usage), slot});
        }
        return {true, {}, std::move(frames), tokens};
    }

    // max_tokens cuts the answer (thinking included) short with finish_reason "length". Generated
    // words are only made up to the cut, so a big default (--tokens) stays cheap for short requests.
    const QJsonValue maxTokens = body.value(QLatin1String("max_tokens"));
    const qint64 limit = maxTokens.isDouble() ? std::max<qint64>(0, maxTokens.toInteger()) : qint64(INT_MAX);
    QList<Piece> pieces;
    qint64 available = 0;
    if (!s.thinking.isEmpty()) {
        const QStringList thinking = splitText(s.thinking, std::max(1, s.tokens));
        available += thinking.size();
        for (const QString &p : thinking)
            pieces.append({true, p});
    }
    if (!s.text.isEmpty()) {
        const QStringList text = splitText(s.text, std::max(1, s.tokens));
        available += text.size();
        for (const QString &p : text)
            pieces.append({false, p});
    } else {
        available += std::max(0, s.tokens);
        const qint64 wanted = std::min<qint64>(std::max(0, s.tokens), std::max<qint64>(0, limit - pieces.size()));
        pieces.reserve(pieces.size() + wanted);
        for (int i = 0; i < wanted; ++i)
            pieces.append({false, generatedToken(i)});
    }
    const char *finishReason = "stop";
    if (limit < available) {
        pieces.resize(std::min<qsizetype>(pieces.size(), limit));
        finishReason = "length";
    }
    const int completionTokens = int(pieces.size());
    const QByteArray usage = s.omitUsage ? QByteArray() : Wire::usageJson(promptTokens, completionTokens);
    const qint64 tokens = promptTokens + completionTokens;

    if (!streamed) {
        QString thinking;
        QString text;
        for (const Piece &p : std::as_const(pieces))
            (p.thinking ? thinking : text) += p.text;
        const QByteArray content = s.thinking.isEmpty()
            ? Wire::jsonString(text)
            : "[" + Wire::thinkingChunk(thinking) + ",{\"type\":\"text\",\"text\":" + Wire::jsonString(text) + "}]";
        const QByteArray message
            = "{\"role\":\"assistant\",\"content\":" + content + ",\"tool_calls\":null,\"prefix\":false}";
        return {false, Wire::completionBody(id, created, model, message, finishReason, usage), {}, tokens};
    }
    frames.reserve(pieces.size() + 3);
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        const Piece &p = pieces.at(i);
        const QByteArray delta = p.thinking ? QByteArray("{\"content\":[" + Wire::thinkingChunk(p.text) + "]}")
                                            : QByteArray("{\"content\":" + Wire::jsonString(p.text) + '}');
        const bool last = i + 1 == pieces.size();
        frames.append(
            {Wire::chunkEvent(prefix, delta, last ? finishReason : nullptr, last ? usage : QByteArray()), int(i) + 1});
    }
    if (pieces.isEmpty())
        frames.append({Wire::chunkEvent(prefix, "{\"content\":\"\"}", finishReason, usage), 1});
    return {true, {}, std::move(frames), tokens};
}

QByteArray FakeAnswerBuilder::embeddings(const QStringList &inputs, const QString &model, int dimension, qint64 tokens,
                                         bool omitUsage, bool base64)
{
    QByteArray out;
    out.reserve(inputs.size() * (dimension * 13 + 64) + 256);
    out += "{\"id\":\"" + Wire::randomHex32() + "\",\"object\":\"list\",\"data\":[";
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        if (i)
            out += ',';
        out += "{\"object\":\"embedding\",\"embedding\":";
        appendEmbedding(out, inputs.at(i), dimension, base64);
        out += ",\"index\":" + QByteArray::number(i) + '}';
    }
    out += "],\"model\":" + Wire::jsonString(model);
    if (!omitUsage)
        out += ",\"usage\":" + Wire::usageJson(int(tokens), 0);
    out += '}';
    return out;
}

} // namespace md::test
