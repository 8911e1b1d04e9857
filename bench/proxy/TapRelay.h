#pragma once

// A timestamping TCP relay for bench_proxy's per-event forwarding delay: it sits between a proxy
// under test and the fake upstream (proxy -> tap -> fake) and notes, for each SSE event the fake
// sends, the moment its bytes had been handed to the proxy's socket (after send() returned, i.e.
// when they sit in the proxy's receive queue). The client in the same process notes when each
// event comes out of the proxy, on the same monotonic clock; the difference is the proxy's delay
// plus one loopback hop and the client's wake-up, which the "floor" row (client straight on the
// tap) measures on its own.

#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace bench {

class TapRelay {
public:
    TapRelay() = default;
    ~TapRelay();
    TapRelay(const TapRelay &) = delete;
    TapRelay &operator=(const TapRelay &) = delete;

    // Listens on 127.0.0.1 (any free port) and relays every connection to 127.0.0.1:upstreamPort.
    bool start(std::uint16_t upstreamPort);
    void stop();
    std::uint16_t port() const { return m_port; }

    // Times (nowNs) at which each SSE event from upstream had been passed downstream, in order,
    // since the last clearMarks().
    void clearMarks();
    std::vector<std::int64_t> marks() const;

private:
    void acceptLoop();
    void pump(int from, int to, bool mark);

    std::uint16_t m_upstreamPort = 0;
    std::uint16_t m_port = 0;
    int m_listenFd = -1;
    std::thread m_acceptor;
    mutable std::mutex m_mutex;
    std::vector<std::thread> m_pumps;
    std::vector<int> m_sockets;
    std::vector<std::int64_t> m_marks;
    bool m_stopping = false;
};

} // namespace bench
