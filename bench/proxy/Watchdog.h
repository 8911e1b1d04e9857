#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

// Ends the process after `seconds` whatever it is doing (children get SIGTERM through PDEATHSIG), so
// that a wedged server never holds a benchmark run for long. `message` is printed on stdout first.
// Exit code 0: a benchmark that could not finish reports no figure rather than failing the run.
class Watchdog {
public:
    Watchdog(int seconds, const char *message)
        : m_thread([this, seconds, message] {
            std::unique_lock lock(m_mutex);
            if (!m_done.wait_for(lock, std::chrono::seconds(seconds), [this] { return m_finished; })) {
                std::printf("%s (after %d s)\n", message, seconds);
                std::fflush(stdout);
                std::_Exit(0);
            }
        })
    {
    }
    ~Watchdog()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_finished = true;
        }
        m_done.notify_all();
        m_thread.join();
    }
    Watchdog(const Watchdog &) = delete;
    Watchdog &operator=(const Watchdog &) = delete;

private:
    std::mutex m_mutex;
    std::condition_variable m_done;
    bool m_finished = false;
    std::thread m_thread;
};
