#include "ChildProcess.h"

#include "RawHttp.h"

#include <QElapsedTimer>
#include <QFile>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace bench {
namespace {

QString readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace

// utime + stime of /proc/<pid>/stat, in seconds.
double processCpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return 0;
    // After "pid (comm) ": state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    const double ticks = double(::sysconf(_SC_CLK_TCK));
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;
}

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name :
         {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"})
        env.remove(QString::fromLatin1(name));
    return env;
}

bool ChildProcess::start(const QString &program, const QStringList &arguments, const QProcessEnvironment &env,
                         const QString &logDir, const QRegularExpression &ready, std::uint16_t fixedPort,
                         bool discardStdout, int timeoutMs, QString *error)
{
    m_outPath = logDir + QLatin1Char('/') + m_name + QStringLiteral(".out");
    m_errPath = logDir + QLatin1Char('/') + m_name + QStringLiteral(".err");
    m_process.setProgram(program);
    m_process.setArguments(arguments);
    m_process.setProcessEnvironment(env);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setStandardOutputFile(discardStdout ? QProcess::nullDevice() : m_outPath);
    m_process.setStandardErrorFile(m_errPath);
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        *error = QStringLiteral("%1: cannot start %2: %3").arg(m_name, program, m_process.errorString());
        return false;
    }
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < timeoutMs) {
        if (m_process.waitForFinished(20)) {
            *error = QStringLiteral("%1 exited with %2 at start:\n%3")
                         .arg(m_name)
                         .arg(m_process.exitCode())
                         .arg(logTail());
            return false;
        }
        if (ready.pattern().isEmpty()) {
            const int fd = connectLoopback(fixedPort, 1000);
            if (fd >= 0) {
                ::close(fd);
                m_port = fixedPort;
                return true;
            }
            continue;
        }
        for (const QString &path : {m_outPath, m_errPath}) {
            const QRegularExpressionMatch m = ready.match(readAll(path));
            if (m.hasMatch()) {
                m_port = std::uint16_t(m.captured(1).toUInt());
                return true;
            }
        }
    }
    *error = QStringLiteral("%1 did not get ready within %2 ms:\n%3").arg(m_name).arg(timeoutMs).arg(logTail());
    stop();
    return false;
}

void ChildProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

double ChildProcess::cpuSeconds() const
{
    const qint64 id = m_process.processId();
    if (id <= 0)
        return 0;
    double total = processCpuSeconds(id);
    QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(id));
    if (children.open(QIODevice::ReadOnly)) {
        for (const QByteArray &child : children.readAll().simplified().split(' ')) {
            if (!child.isEmpty())
                total += processCpuSeconds(child.toLongLong());
        }
    }
    return total;
}

QString ChildProcess::logTail() const
{
    QString text;
    for (const QString &path : {m_outPath, m_errPath})
        text += readAll(path).right(2000);
    return text;
}

} // namespace bench
