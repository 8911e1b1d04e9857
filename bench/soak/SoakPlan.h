#pragma once

// bench_soak's requests: what each one is, how it is written, and what must come back. The mix is
// fixed by the request's index, so every outcome is known before the request is sent.

#include <array>
#include <cstdint>
#include <string>

namespace soak {

inline constexpr const char *kProxyToken = "soak-proxy-token";

// What a request is and what must come back.
enum class Kind {
    Chat,          // non-streamed chat, 200 with usage
    Stream,        // streamed chat, 200, usage on the last chunk, [DONE]
    Embed,         // embeddings, 200 with usage
    Fail,          // upstream error: `status` as a JSON error answer (streamed or not)
    StreamDropped, // upstream drops a stream after its head: 200, an error event, a proper end
    ChatDropped,   // upstream drops a non-streamed answer halfway: 502
    Leave,         // the client closes after two events of a stream: nothing expected
    LeaveEarly,    // the client closes while the upstream has not answered yet: nothing expected
};
inline constexpr std::array<const char *, 8> kKindNames {
    "chat", "stream", "embeddings", "upstream error", "stream drop", "answer drop", "client leaves", "leaves early"};
inline constexpr std::int64_t kLeaveEarlyNs = 30'000'000; // after the request is written; the upstream waits 300 ms

struct Plan {
    Kind kind = Kind::Chat;
    bool stream = false;
    int tokens = 8;
    int status = 200;      // expected status
    int logStatus = 200;   // expected status in the access log
    std::string directive; // the fake's inline script
};

// Deterministic mix per 100 requests: 84 successes (39 chat, 35 streams, 10 embeddings), 10 failing
// upstream (3x 503 and 2x 500 answered at once with Retry-After: 0, 2x 429 Retry-After: 0, 1x 503
// with the proxy's own backoff, a stream dropped after two events, an answer dropped halfway),
// 5 clients leaving mid-stream, 1 leaving before the upstream's first byte.
Plan planFor(std::uint64_t i);

// The HTTP request for plan p (index i: the prompt's varying length), to the proxy on 127.0.0.1:port.
std::string requestFor(std::uint64_t i, const Plan &p, std::uint16_t port);

struct Tokens {
    std::int64_t prompt = 0;
    std::int64_t completion = 0;
};

// Checks a whole answer against its plan; usage of a success is added to `usage`.
// Returns an empty string when it is what was expected, else why not.
std::string verify(const Plan &p, int status, const std::string &body, Tokens &usage);

} // namespace soak
