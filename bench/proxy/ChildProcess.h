#pragma once

// The servers bench_proxy measures, each in its own process so that none shares an event loop or
// a thread with another or with the client: fake-mistral, `mistral-desk --serve`, nginx.

#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace bench {

class ChildProcess {
public:
    explicit ChildProcess(QString name)
        : m_name(std::move(name))
    {
    }
    ~ChildProcess() { stop(); }
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    // Starts `program` with its stdout and stderr in files under logDir (stdout to /dev/null when
    // discardStdout: the proxy's access log), then waits up to timeoutMs for `ready` to match a line
    // of either file (its first capture group is the port) or, with an empty pattern, for
    // 127.0.0.1:fixedPort to accept a connection. The child is sent SIGTERM if this process dies.
    bool start(const QString &program, const QStringList &arguments, const QProcessEnvironment &env,
               const QString &logDir, const QRegularExpression &ready, std::uint16_t fixedPort, bool discardStdout,
               int timeoutMs, QString *error);
    void stop();
    bool running() const { return m_process.state() == QProcess::Running; }
    // After stop(): the exit code, or -1 when it crashed or had to be killed.
    int exitCode() const
    {
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    std::uint16_t port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    // CPU seconds (user + system) of the process and its direct children (nginx's worker).
    double cpuSeconds() const;
    QString logTail() const;

private:
    QString m_name;
    QProcess m_process;
    QString m_outPath;
    QString m_errPath;
    std::uint16_t m_port = 0;
};

// CPU seconds (user + system) of one process, from /proc; 0 if it is gone.
double processCpuSeconds(qint64 pid);

// The environment for the children: this one without proxy variables (everything is loopback).
QProcessEnvironment childEnvironment();

} // namespace bench
