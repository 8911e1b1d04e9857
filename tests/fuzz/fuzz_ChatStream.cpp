// ChatStream fed the input as a streamed response (SSE bytes from the server), and as a non-streamed
// completion body. What is checked: the call ends exactly once (finished or failed) and says nothing
// after that; the deltas it announced add up to the result; and the outcome does not depend on how
// the network cut the bytes into reads, nor on a retry (restart()) after a partial attempt.

#include "FuzzSupport.h"

#include "api/ChatStream.h"

#include <cstring>
#include <memory>

namespace {

// Everything the stream told its listener, and the result it ended with.
struct Outcome {
    QString text, thinking;
    QList<md::ToolCall> calls;
    int finished = 0, failed = 0, afterEnd = 0, started = 0;
    md::ApiError error;
    md::ChatResult result;
};

void listen(md::ChatStream &stream, Outcome &o)
{
    auto ended = [&o] { return o.finished + o.failed > 0; };
    QObject::connect(&stream, &md::ChatStream::contentStarted, [&o, ended] {
        o.afterEnd += ended();
        ++o.started;
    });
    QObject::connect(&stream, &md::ChatStream::textDelta, [&o, ended](const QString &t) {
        o.afterEnd += ended();
        FUZZ_CHECK(!t.isEmpty());
        o.text += t;
    });
    QObject::connect(&stream, &md::ChatStream::thinkingDelta, [&o, ended](const QString &t) {
        o.afterEnd += ended();
        o.thinking += t;
    });
    QObject::connect(&stream, &md::ChatStream::toolCallReceived, [&o, ended](const md::ToolCall &c) {
        o.afterEnd += ended();
        o.calls.append(c);
    });
    QObject::connect(&stream, &md::ChatStream::finished, [&o](const md::ChatResult &r) {
        ++o.finished;
        o.result = r;
    });
    QObject::connect(&stream, &md::ChatStream::failed, [&o](const md::ApiError &e) {
        ++o.failed;
        o.error = e;
    });
}

// The checks that hold for any single call, however it was fed.
void checkOne(const md::ChatStream &stream, const Outcome &o)
{
    FUZZ_CHECK(stream.isFinished());
    FUZZ_CHECK(o.finished + o.failed == 1);
    FUZZ_CHECK(o.afterEnd == 0);
    FUZZ_CHECK(o.started <= 1);
    const md::ChatResult &r = stream.result();
    FUZZ_CHECK(r.durationMs >= 0);
    FUZZ_CHECK(r.tokensPerSecond >= 0.0);
    if (o.finished) {
        FUZZ_CHECK(o.text == r.content);
        FUZZ_CHECK(o.thinking == r.thinking);
        FUZZ_CHECK(o.calls == r.toolCalls);
        FUZZ_CHECK(o.result.content == r.content);
    } else {
        FUZZ_CHECK(!o.error.message.isEmpty());
    }
    FUZZ_CHECK(stream.hasDeliveredContent() == (o.started == 1));
}

Outcome stream(QByteArrayView input, const QList<qsizetype> &sizes, qsizetype restartAfter = -1)
{
    md::ChatStream s;
    Outcome o;
    // A first attempt that breaks off, then the retry from the start, as MistralClient does it.
    if (restartAfter >= 0) {
        s.feed(input.first(restartAfter));
        if (s.isFinished())
            return {};
        s.restart();
    }
    if (restartAfter < 0)
        listen(s, o);
    else
        QObject::connect(&s, &md::ChatStream::finished, [&o](const md::ChatResult &) { ++o.finished; });
    qsizetype at = 0;
    for (const qsizetype n : sizes) {
        // Each read in its own block, freed at once: nothing may keep pointing into it.
        const auto block = std::make_unique<char[]>(size_t(n));
        std::memcpy(block.get(), input.data() + at, size_t(n));
        s.feed(QByteArrayView(block.get(), n));
        at += n;
    }
    s.endOfStream();
    s.feed("data: {\"choices\":[{\"delta\":{\"content\":\"late\"}}]}\n\n"); // ignored: the call ended
    s.endOfStream();
    s.cancel();
    if (restartAfter < 0)
        checkOne(s, o);
    o.result = s.result();
    o.failed = s.isFinished() && !o.finished;
    return o;
}

// What must not depend on the cuts (timings do).
bool sameOutcome(const Outcome &a, const Outcome &b)
{
    return a.finished == b.finished && a.failed == b.failed && a.result.content == b.result.content
        && a.result.thinking == b.result.thinking && a.result.toolCalls == b.result.toolCalls
        && a.result.finishReason == b.result.finishReason && a.result.usage == b.result.usage
        && a.result.hasUsage == b.result.hasUsage && a.result.id == b.result.id && a.result.model == b.result.model
        && a.result.created == b.result.created;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));

    const Outcome whole = stream(input, input.isEmpty() ? QList<qsizetype>() : QList<qsizetype> {input.size()});
    FUZZ_CHECK(sameOutcome(whole, stream(input, fuzz::readSizes(input, 48))));
    if (size <= 1024)
        FUZZ_CHECK(sameOutcome(whole, stream(input, QList<qsizetype>(input.size(), 1))));
    // The retry: a restart() forgets the first attempt completely.
    const Outcome retried = stream(input, fuzz::readSizes(input, 300), input.size() / 2);
    if (retried.finished || retried.failed)
        FUZZ_CHECK(sameOutcome(whole, retried));

    // The same bytes as a non-streamed answer (ChatResult::fromCompletionJson).
    md::ChatStream s;
    Outcome o;
    listen(s, o);
    s.completeWith(input.toByteArray());
    checkOne(s, o);
    return 0;
}
