#pragma once

// A lean HTTP/1.1 client for bench_proxy on plain POSIX sockets: no Qt, no allocation per request
// beyond the response buffer, so that what it measures is the servers' time, not its own.
// 127.0.0.1 only.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

using Clock = std::chrono::steady_clock;

inline std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// A connected TCP socket to 127.0.0.1:port with TCP_NODELAY; -1 on failure. timeoutMs bounds
// blocking reads and writes (0 = none).
int connectLoopback(std::uint16_t port, int timeoutMs);
// A port that was free a moment ago (bind to port 0, read it, close).
std::uint16_t freeLoopbackPort();

// Incremental HTTP/1.1 response parser: Content-Length and chunked bodies. The body (de-chunked)
// goes to a sink with each piece; nothing is copied unless the caller keeps it.
class ResponseParser {
public:
    using Sink = std::function<void(std::string_view)>;

    void reset();
    // Consumes bytes of `data` (at most up to the end of this response) and returns how many.
    std::size_t feed(const char *data, std::size_t size, const Sink &sink);
    bool done() const { return m_state == State::Done; }
    bool failed() const { return m_state == State::Error; }
    int status() const { return m_status; }
    bool closeAfter() const { return m_close; }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Done, Error };
    bool parseHead();

    State m_state = State::Head;
    std::string m_line; // the head, or the current chunk-size / trailer line
    std::uint64_t m_remaining = 0;
    int m_status = 0;
    bool m_close = false;
};

// One keep-alive connection used one request at a time (blocking I/O).
class Connection {
public:
    explicit Connection(std::uint16_t port)
        : m_port(port)
    {
    }
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    struct Result {
        bool ok = false;
        int status = 0;
        std::string body; // kept only when keepBody
    };
    // Body pieces with the time (nowNs) the read that carried them returned.
    using TimedSink = std::function<void(std::string_view, std::int64_t)>;

    // Sends `request` (reconnecting first if needed) and reads the whole response.
    // sentNs: time just before the request was written.
    Result exchange(const std::string &request, bool keepBody, const TimedSink &sink = {},
                    std::int64_t *sentNs = nullptr);
    void close();

private:
    bool ensureConnected();

    std::uint16_t m_port;
    int m_fd = -1;
    std::vector<char> m_buffer = std::vector<char>(256 * 1024);
    ResponseParser m_parser;
};

// Closed-loop load: `connections` keep-alive connections, each sending the next request as soon as
// the previous answer is complete, for warmup + measure seconds, in one epoll thread (the caller's).
struct LoadResult {
    std::uint64_t completed = 0; // answers completed within the measured window
    std::uint64_t errors = 0;    // non-200 answers, parse errors, resets (whole run)
    std::uint64_t reconnects = 0;
    double seconds = 0;
    double requestsPerSecond() const { return seconds > 0 ? double(completed) / seconds : 0; }
};
LoadResult runClosedLoop(std::uint16_t port, const std::string &request, int connections, double warmupSeconds,
                         double measureSeconds);

// A request for the fake's control endpoint or any small JSON POST/GET.
std::string buildRequest(const std::string &method, const std::string &path, std::uint16_t port,
                         const std::string &bearer, const std::string &body, bool acceptEventStream = false);

// Counts SSE event ends ("\n\n") across body pieces, however the bytes were split.
class EventCounter {
public:
    // Calls onEvent(index) for each event that ends in `piece`.
    template<typename F> void scan(std::string_view piece, F &&onEvent)
    {
        for (const char c : piece) {
            if (c == '\n' && m_lastWasNewline) {
                onEvent(m_events++);
                m_lastWasNewline = false;
            } else {
                m_lastWasNewline = c == '\n';
            }
        }
    }
    std::size_t events() const { return m_events; }
    void reset()
    {
        m_events = 0;
        m_lastWasNewline = false;
    }

private:
    std::size_t m_events = 0;
    bool m_lastWasNewline = false;
};

} // namespace bench
