#pragma once

#include <QObject>
#include <QProcess>
#include <QString>

class QTimer;

namespace md {

// Runs one tool command: the call's arguments go to its stdin, its stdout (JSON) is the result.
// Bounded in time (killed after the timeout) and in output (1 MiB). The command line runs in the
// system shell (/bin/sh -c, cmd /c on Windows) so that quotes, pipes and variables work as the user
// expects when typing it; only the user types it, and only after allowing it.
class CommandResponder : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kMaxOutputBytes = 1 << 20;

    explicit CommandResponder(QObject *parent = nullptr);
    ~CommandResponder() override;

    // `environment` is added to the app's own (tool name, call id).
    void start(const QString &commandLine, const QByteArray &input, int timeoutMs,
               const QProcessEnvironment &environment = {});
    void cancel();
    bool isRunning() const;

signals:
    void answered(const QString &json);
    // `output` is what the command printed, for the user to fix by hand (empty when nothing came).
    void failed(const QString &problem, const QString &output);

private:
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void fail(const QString &problem, const QString &output = {});

    QProcess *m_process = nullptr;
    QTimer *m_timer = nullptr;
    QString m_program;
    int m_timeoutMs = 0;
    bool m_done = false;
};

} // namespace md
