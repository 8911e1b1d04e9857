#include "tools/CommandResponder.h"

#include "api/JsonText.h"

#include <QTimer>

namespace md {

CommandResponder::CommandResponder(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        fail(tr("The command did not answer within %1 s and was stopped.").arg(m_timeoutMs / 1000.0, 0, 'g', 3),
             QString::fromUtf8(m_process ? m_process->readAllStandardOutput() : QByteArray()));
    });
}

CommandResponder::~CommandResponder()
{
    cancel();
}

bool CommandResponder::isRunning() const
{
    return m_process && !m_done;
}

void CommandResponder::start(const QString &commandLine, const QByteArray &input, int timeoutMs,
                             const QProcessEnvironment &environment)
{
    cancel();
    m_done = false;
    if (commandLine.trimmed().isEmpty()) {
        // Reported from the event loop, like every other outcome, so callers see one order of events.
        QTimer::singleShot(0, this, [this] { fail(tr("No command is set for this tool.")); });
        return;
    }
#ifdef Q_OS_WIN
    m_program = QStringLiteral("cmd.exe");
    const QStringList arguments {QStringLiteral("/d"), QStringLiteral("/s"), QStringLiteral("/c"), commandLine};
#else
    m_program = QStringLiteral("/bin/sh");
    const QStringList arguments {QStringLiteral("-c"), commandLine};
#endif
    m_timeoutMs = timeoutMs;
    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(environment);
    m_process->setProcessEnvironment(env);
    connect(m_process, &QProcess::finished, this, &CommandResponder::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("Could not start the shell (%1): %2").arg(m_program, m_process->errorString()));
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        if (m_process->bytesAvailable() > kMaxOutputBytes)
            fail(tr("The command printed more than 1 MiB and was stopped."));
    });
    m_process->start(m_program, arguments);
    m_process->write(input);
    m_process->closeWriteChannel();
    m_timer->start(timeoutMs);
}

void CommandResponder::cancel()
{
    m_timer->stop();
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(1000);
    }
    m_process->deleteLater();
    m_process = nullptr;
}

void CommandResponder::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_done)
        return;
    const QString output = QString::fromUtf8(m_process->readAllStandardOutput()).trimmed();
    if (status == QProcess::CrashExit) {
        fail(tr("The command crashed."), output);
        return;
    }
    if (exitCode != 0) {
        QString error = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
        if (error.size() > 300)
            error = QStringLiteral("…") + error.right(300);
        fail(error.isEmpty() ? tr("The command exited with code %1.").arg(exitCode)
                             : tr("The command exited with code %1: %2").arg(exitCode).arg(error),
             output);
        return;
    }
    if (output.isEmpty()) {
        fail(tr("The command printed nothing; it must print the result as JSON."));
        return;
    }
    if (const QString problem = parseJsonText(output); !problem.isEmpty()) {
        fail(tr("The command printed text that is not JSON (%1).").arg(problem), output);
        return;
    }
    m_done = true;
    m_timer->stop();
    emit answered(output);
}

void CommandResponder::fail(const QString &problem, const QString &output)
{
    if (m_done)
        return;
    m_done = true;
    cancel();
    emit failed(problem, output);
}

} // namespace md
