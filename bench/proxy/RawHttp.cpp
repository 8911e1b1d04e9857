#include "RawHttp.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace bench {
namespace {

sockaddr_in loopback(std::uint16_t port)
{
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

bool iequalsPrefix(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    }
    return true;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool containsNoCase(std::string_view text, std::string_view word)
{
    for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
        if (iequalsPrefix(text.substr(i), word))
            return true;
    }
    return false;
}

bool writeAll(int fd, const char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= std::size_t(n);
    }
    return true;
}

} // namespace

int connectLoopback(std::uint16_t port, int timeoutMs)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const sockaddr_in a = loopback(port);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (timeoutMs > 0) {
        timeval tv {};
        tv.tv_sec = timeoutMs / 1000;
        tv.tv_usec = (timeoutMs % 1000) * 1000;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    }
    return fd;
}

std::uint16_t freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    std::uint16_t port = 0;
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

// ---- ResponseParser

void ResponseParser::reset()
{
    m_state = State::Head;
    m_line.clear();
    m_remaining = 0;
    m_status = 0;
    m_close = false;
}

bool ResponseParser::parseHead()
{
    const std::string_view head(m_line);
    const std::size_t firstEnd = head.find("\r\n");
    const std::string_view statusLine = head.substr(0, firstEnd);
    if (!statusLine.starts_with("HTTP/1.") || statusLine.size() < 12)
        return false;
    m_status = std::atoi(std::string(statusLine.substr(9, 3)).c_str());
    bool chunked = false;
    bool haveLength = false;
    std::uint64_t length = 0;
    std::size_t pos = firstEnd + 2;
    while (pos < head.size()) {
        std::size_t end = head.find("\r\n", pos);
        if (end == std::string_view::npos)
            end = head.size();
        const std::string_view line = head.substr(pos, end - pos);
        pos = end + 2;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trim(line.substr(colon + 1));
        if (name.size() == 14 && iequalsPrefix(name, "content-length")) {
            haveLength = true;
            length = std::strtoull(std::string(value).c_str(), nullptr, 10);
        } else if (name.size() == 17 && iequalsPrefix(name, "transfer-encoding")) {
            chunked = containsNoCase(value, "chunked");
        } else if (name.size() == 10 && iequalsPrefix(name, "connection")) {
            m_close = containsNoCase(value, "close");
        }
    }
    m_line.clear();
    if (chunked) {
        m_state = State::ChunkSize;
    } else if (haveLength) {
        m_remaining = length;
        m_state = length == 0 ? State::Done : State::Body;
    } else if (m_status == 204 || m_status == 304 || m_status / 100 == 1) {
        m_state = State::Done;
    } else {
        return false; // a body delimited by the close: none of the servers measured here does that
    }
    return true;
}

std::size_t ResponseParser::feed(const char *data, std::size_t size, const Sink &sink)
{
    std::size_t i = 0;
    while (i < size && m_state != State::Done && m_state != State::Error) {
        switch (m_state) {
        case State::Head: {
            // Bytes up to the blank line; the head is small, so append and look.
            const std::size_t before = m_line.size();
            m_line.append(data + i, size - i);
            const std::size_t from = before >= 3 ? before - 3 : 0;
            const std::size_t end = m_line.find("\r\n\r\n", from);
            if (end == std::string::npos) {
                i = size;
                if (m_line.size() > 64 * 1024)
                    m_state = State::Error;
                break;
            }
            const std::size_t used = end + 4 - before;
            m_line.resize(end + 2);
            i += used;
            if (!parseHead()) {
                m_state = State::Error;
                break;
            }
            if (m_status == 100) { // "100 Continue": the real head follows
                m_state = State::Head;
                m_status = 0;
            }
            break;
        }
        case State::Body: {
            const std::size_t n = std::size_t(std::min<std::uint64_t>(m_remaining, size - i));
            if (sink)
                sink(std::string_view(data + i, n));
            i += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = State::Done;
            break;
        }
        case State::ChunkSize:
        case State::Trailer: {
            const char c = data[i++];
            if (c != '\n') {
                m_line.push_back(c);
                if (m_line.size() > 1024)
                    m_state = State::Error;
                break;
            }
            const std::string_view line = trim(m_line);
            if (m_state == State::Trailer) {
                if (line.empty())
                    m_state = State::Done;
                m_line.clear();
                break;
            }
            char *end = nullptr;
            const std::string text(line.substr(0, line.find(';')));
            m_remaining = std::strtoull(text.c_str(), &end, 16);
            if (text.empty() || end == text.c_str()) {
                m_state = State::Error;
                break;
            }
            m_line.clear();
            m_state = m_remaining == 0 ? State::Trailer : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const std::size_t n = std::size_t(std::min<std::uint64_t>(m_remaining, size - i));
            if (sink)
                sink(std::string_view(data + i, n));
            i += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            const char c = data[i++];
            if (c == '\n')
                m_state = State::ChunkSize;
            else if (c != '\r')
                m_state = State::Error;
            break;
        }
        case State::Done:
        case State::Error:
            break;
        }
    }
    return i;
}

// ---- Connection

Connection::~Connection()
{
    close();
}

void Connection::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

bool Connection::ensureConnected()
{
    if (m_fd < 0)
        m_fd = connectLoopback(m_port, 15000);
    return m_fd >= 0;
}

Connection::Result Connection::exchange(const std::string &request, bool keepBody, const TimedSink &sink,
                                        std::int64_t *sentNs)
{
    Result r;
    if (!ensureConnected())
        return r;
    m_parser.reset();
    if (sentNs)
        *sentNs = nowNs();
    if (!writeAll(m_fd, request.data(), request.size())) {
        close();
        return r;
    }
    std::int64_t readAt = 0;
    const ResponseParser::Sink bodySink = [&](std::string_view piece) {
        if (keepBody)
            r.body.append(piece);
        if (sink)
            sink(piece, readAt);
    };
    while (!m_parser.done()) {
        const ssize_t n = ::recv(m_fd, m_buffer.data(), m_buffer.size(), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            close();
            return r;
        }
        readAt = nowNs();
        const std::size_t used = m_parser.feed(m_buffer.data(), std::size_t(n), bodySink);
        if (m_parser.failed() || used != std::size_t(n)) { // nothing may follow an answer we did not ask for
            close();
            return r;
        }
    }
    r.ok = true;
    r.status = m_parser.status();
    if (m_parser.closeAfter())
        close();
    return r;
}

// ---- closed-loop load

namespace {

struct LoadConn {
    int fd = -1;
    std::size_t sent = 0; // bytes of the request written
    ResponseParser parser;
};

} // namespace

LoadResult runClosedLoop(std::uint16_t port, const std::string &request, int connections, double warmupSeconds,
                         double measureSeconds)
{
    LoadResult result;
    const int ep = ::epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0)
        return result;
    std::vector<LoadConn> conns(std::size_t(std::max(1, connections)));
    std::vector<char> buffer(64 * 1024);

    const auto arm = [&](std::size_t index, std::uint32_t events, int op) {
        epoll_event ev {};
        ev.events = events;
        ev.data.u64 = index;
        ::epoll_ctl(ep, op, conns[index].fd, &ev);
    };
    // Writes what is left of the request; false if the socket failed.
    const auto pushRequest = [&](std::size_t index) {
        LoadConn &c = conns[index];
        while (c.sent < request.size()) {
            const ssize_t n = ::send(c.fd, request.data() + c.sent, request.size() - c.sent, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                arm(index, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
                return true;
            }
            if (n <= 0)
                return false;
            c.sent += std::size_t(n);
        }
        arm(index, EPOLLIN, EPOLL_CTL_MOD);
        return true;
    };
    const auto open = [&](std::size_t index) {
        LoadConn &c = conns[index];
        c.fd = connectLoopback(port, 0);
        if (c.fd < 0)
            return false;
        ::fcntl(c.fd, F_SETFL, ::fcntl(c.fd, F_GETFL) | O_NONBLOCK);
        c.sent = 0;
        c.parser.reset();
        arm(index, EPOLLIN, EPOLL_CTL_ADD);
        return pushRequest(index);
    };
    const auto reopen = [&](std::size_t index) {
        LoadConn &c = conns[index];
        if (c.fd >= 0) {
            ::epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
            ::close(c.fd);
            c.fd = -1;
        }
        ++result.reconnects;
        return open(index);
    };

    const std::int64_t start = nowNs();
    const std::int64_t measureFrom = start + std::int64_t(warmupSeconds * 1e9);
    const std::int64_t measureTo = measureFrom + std::int64_t(measureSeconds * 1e9);
    bool ok = true;
    for (std::size_t i = 0; i < conns.size() && ok; ++i)
        ok = open(i);
    std::vector<epoll_event> events(conns.size());
    const ResponseParser::Sink discard;
    while (ok) {
        const std::int64_t now = nowNs();
        if (now >= measureTo)
            break;
        const int n = ::epoll_wait(ep, events.data(), int(events.size()), 50);
        if (n < 0 && errno != EINTR)
            break;
        for (int k = 0; k < n; ++k) {
            const std::size_t index = std::size_t(events[std::size_t(k)].data.u64);
            LoadConn &c = conns[index];
            if (events[std::size_t(k)].events & EPOLLOUT) {
                if (!pushRequest(index) && !reopen(index)) {
                    ok = false;
                    break;
                }
                continue;
            }
            for (;;) {
                const ssize_t got = ::recv(c.fd, buffer.data(), buffer.size(), 0);
                if (got < 0 && errno == EINTR)
                    continue;
                if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                    break;
                if (got <= 0) { // closed by the server between or during answers
                    if (!c.parser.done())
                        ++result.errors;
                    if (!reopen(index))
                        ok = false;
                    break;
                }
                const std::size_t used = c.parser.feed(buffer.data(), std::size_t(got), discard);
                if (c.parser.failed() || (c.parser.done() && used != std::size_t(got))) {
                    ++result.errors;
                    if (!reopen(index))
                        ok = false;
                    break;
                }
                if (!c.parser.done())
                    continue;
                const std::int64_t at = nowNs();
                if (c.parser.status() != 200)
                    ++result.errors;
                else if (at >= measureFrom && at < measureTo)
                    ++result.completed;
                if (c.parser.closeAfter()) {
                    if (!reopen(index))
                        ok = false;
                    break;
                }
                c.parser.reset();
                c.sent = 0;
                if (!pushRequest(index) && !reopen(index))
                    ok = false;
                break;
            }
            if (!ok)
                break;
        }
    }
    result.seconds = double(std::min(nowNs(), measureTo) - measureFrom) / 1e9;
    for (LoadConn &c : conns) {
        if (c.fd >= 0)
            ::close(c.fd);
    }
    ::close(ep);
    return result;
}

std::string buildRequest(const std::string &method, const std::string &path, std::uint16_t port,
                         const std::string &bearer, const std::string &body, bool acceptEventStream)
{
    std::string r;
    r.reserve(256 + body.size());
    r += method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n";
    if (!bearer.empty())
        r += "Authorization: Bearer " + bearer + "\r\n";
    r += acceptEventStream ? "Accept: text/event-stream\r\n" : "Accept: application/json\r\n";
    if (method != "GET" || !body.empty())
        r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    r += "\r\n";
    r += body;
    return r;
}

} // namespace bench
