#include "TapRelay.h"

#include "RawHttp.h"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bench {

TapRelay::~TapRelay()
{
    stop();
}

bool TapRelay::start(std::uint16_t upstreamPort)
{
    m_upstreamPort = upstreamPort;
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listenFd < 0)
        return false;
    const int one = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(m_listenFd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0 || ::listen(m_listenFd, 64) != 0
        || ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&a), &len) != 0) {
        ::close(m_listenFd);
        m_listenFd = -1;
        return false;
    }
    m_port = ntohs(a.sin_port);
    m_acceptor = std::thread([this] { acceptLoop(); });
    return true;
}

void TapRelay::stop()
{
    if (m_listenFd < 0)
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (const int fd : m_sockets)
            ::shutdown(fd, SHUT_RDWR); // wakes the pumps
    }
    ::shutdown(m_listenFd, SHUT_RDWR); // wakes accept()
    if (m_acceptor.joinable())
        m_acceptor.join();
    for (std::thread &t : m_pumps) {
        if (t.joinable())
            t.join();
    }
    for (const int fd : m_sockets)
        ::close(fd);
    m_pumps.clear();
    m_sockets.clear();
    ::close(m_listenFd);
    m_listenFd = -1;
}

void TapRelay::clearMarks()
{
    const std::lock_guard lock(m_mutex);
    m_marks.clear();
}

std::vector<std::int64_t> TapRelay::marks() const
{
    const std::lock_guard lock(m_mutex);
    return m_marks;
}

void TapRelay::acceptLoop()
{
    for (;;) {
        const int downstream = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (downstream < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            return;
        }
        const int one = 1;
        ::setsockopt(downstream, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        const int upstream = connectLoopback(m_upstreamPort, 0);
        const std::lock_guard lock(m_mutex);
        if (m_stopping || upstream < 0) {
            ::close(downstream);
            if (upstream >= 0)
                ::close(upstream);
            if (m_stopping)
                return;
            continue;
        }
        m_sockets.push_back(downstream);
        m_sockets.push_back(upstream);
        m_pumps.emplace_back([this, downstream, upstream] { pump(downstream, upstream, false); });
        m_pumps.emplace_back([this, downstream, upstream] { pump(upstream, downstream, true); });
    }
}

void TapRelay::pump(int from, int to, bool mark)
{
    std::vector<char> buffer(256 * 1024);
    EventCounter counter;
    std::vector<std::int64_t> pending;
    for (;;) {
        const ssize_t n = ::recv(from, buffer.data(), buffer.size(), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        const char *p = buffer.data();
        std::size_t left = std::size_t(n);
        bool failed = false;
        while (left > 0) {
            const ssize_t w = ::send(to, p, left, MSG_NOSIGNAL);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                failed = true;
                break;
            }
            p += w;
            left -= std::size_t(w);
        }
        if (failed)
            break;
        if (mark) {
            const std::int64_t at = nowNs();
            std::size_t ended = 0;
            counter.scan(std::string_view(buffer.data(), std::size_t(n)), [&ended](std::size_t) { ++ended; });
            if (ended > 0) {
                const std::lock_guard lock(m_mutex);
                m_marks.insert(m_marks.end(), ended, at);
            }
        }
    }
    // One side is gone: end both directions, so that the other pump and the peers see it.
    ::shutdown(from, SHUT_RDWR);
    ::shutdown(to, SHUT_RDWR);
}

} // namespace bench
