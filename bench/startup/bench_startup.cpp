// Cold start of the app to a shown main window, against a bare QMainWindow started the same way in
// the same run, and resident memory with 10 open conversation tabs (issue 3, "Performance").
// See bench/README.md, section "startup".
#include "chat/ConversationModel.h"
#include "params/ChatParameters.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {

struct Sample {
    qint64 startMs = -1; // exec to first paint
    qint64 rssKiB = -1;
};

QString describeFailure(QProcess &process)
{
    return QString::fromLocal8Bit(process.readAllStandardError().right(600));
}

Sample runOnce(const QString &program, const QStringList &arguments, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    const qint64 launchedAt = clock.msecsSinceReference();
    process.start(program, arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(2000);
        std::fprintf(stderr, "%s did not finish in 30 s\n", qPrintable(program));
        return {};
    }
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    static const QRegularExpression line(QStringLiteral("md-startup shown-ms=(\\d+) rss-kb=(-?\\d+)"));
    const QRegularExpressionMatch match = line.match(out);
    if (!match.hasMatch()) {
        std::fprintf(stderr, "%s printed no probe line: %s\n", qPrintable(program),
                     qPrintable(describeFailure(process)));
        return {};
    }
    return {match.captured(1).toLongLong() - launchedAt, match.captured(2).toLongLong()};
}

qint64 median(QList<qint64> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// Ten tabs of 100 messages each (markdown and code), in the app's settings format of before the history
// database; the warm-up run moves them into the database, as an upgraded install would.
void writeTenTabs(const QString &configHome)
{
    qputenv("XDG_CONFIG_HOME", configHome.toLocal8Bit());
    QSettings settings(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("MistralDesk"),
                       QStringLiteral("Mistral Desk"));
    settings.beginGroup(QStringLiteral("conversationTabs"));
    settings.setValue(QStringLiteral("count"), 10);
    settings.setValue(QStringLiteral("current"), 0);
    for (int tab = 0; tab < 10; ++tab) {
        md::ConversationModel model;
        for (int i = 0; i < 50; ++i) {
            md::ChatEntry question;
            question.message = md::ChatMessage::user(
                QStringLiteral("Question %1 of tab %2: how do I parse JSON in C++?").arg(i).arg(tab));
            model.append(question);
            md::ChatEntry answer;
            answer.model = QStringLiteral("mistral-small-latest");
            answer.message = md::ChatMessage::assistant(
                QStringLiteral("Use **Qt's** `QJsonDocument`:\n\n```cpp\nauto doc = QJsonDocument::fromJson(bytes);\n"
                               "if (doc.isObject())\n    use(doc.object());\n```\n\n- fast\n- strict\n\nAnswer %1.")
                    .arg(i));
            model.append(answer);
        }
        md::ChatParameters parameters;
        const QJsonObject state {{QStringLiteral("title"), QStringLiteral("Tab %1").arg(tab)},
                                 {QStringLiteral("parameters"), parameters.toJson()},
                                 {QStringLiteral("messages"), model.toJson()}};
        settings.setValue(QString::number(tab), QJsonDocument(state).toJson(QJsonDocument::Compact));
    }
    settings.sync();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const bool check = app.arguments().contains(QStringLiteral("--check"));
    const int rounds = quick ? 3 : 9;
    const QString dir = QCoreApplication::applicationDirPath();
    const QString desk = QDir(dir).absoluteFilePath(QStringLiteral("../../app/mistral-desk"));
    const QString bare = QDir(dir).absoluteFilePath(QStringLiteral("bench_bare_window"));

    QTemporaryDir emptyHome;
    QTemporaryDir tabsHome;
    writeTenTabs(tabsHome.path() + QStringLiteral("/config"));

    QProcessEnvironment base = QProcessEnvironment::systemEnvironment();
    base.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    base.insert(QStringLiteral("MISTRAL_DESK_EXIT_WHEN_SHOWN"), QStringLiteral("1"));
    base.insert(QStringLiteral("MISTRAL_API_KEY"), QStringLiteral("bench-key")); // no keychain round trip
    base.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    const auto withHome = [&base](const QString &home) {
        QProcessEnvironment env = base;
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        return env;
    };
    // A closed loopback port: the model list request fails at once, never reaching the real API.
    const QStringList deskArgs {QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:9")};

    QList<qint64> bareMs, deskMs, tabsMs, tabsRss, deskRss, bareRss;
    runOnce(bare, {}, withHome(emptyHome.path())); // warm the page cache for both
    runOnce(desk, deskArgs, withHome(emptyHome.path()));
    runOnce(desk, deskArgs, withHome(tabsHome.path())); // moves the tabs from QSettings into the history database
    for (int round = 0; round < rounds; ++round) {
        const Sample b = runOnce(bare, {}, withHome(emptyHome.path()));
        const Sample d = runOnce(desk, deskArgs, withHome(emptyHome.path()));
        const Sample t = runOnce(desk, deskArgs, withHome(tabsHome.path()));
        if (b.startMs < 0 || d.startMs < 0 || t.startMs < 0)
            return 1;
        bareMs << b.startMs;
        deskMs << d.startMs;
        tabsMs << t.startMs;
        bareRss << b.rssKiB;
        deskRss << d.rssKiB;
        tabsRss << t.rssKiB;
    }
    const double ratio = double(median(deskMs)) / double(qMax<qint64>(1, median(bareMs)));
    const double tabsMiB = median(tabsRss) / 1024.0;
    std::printf("startup, offscreen, %d rounds interleaved (median):\n", rounds);
    std::printf("  bare QMainWindow          %5lld ms  %6.1f MiB\n", median(bareMs), median(bareRss) / 1024.0);
    std::printf("  mistral-desk, first run   %5lld ms  %6.1f MiB\n", median(deskMs), median(deskRss) / 1024.0);
    std::printf("  mistral-desk, 10 tabs     %5lld ms  %6.1f MiB  (10 x 100 messages)\n", median(tabsMs), tabsMiB);
    std::printf("  ratio app / bare: %.2f (target <= 2.0)   10-tab resident: %.1f MiB (target < 150)\n", ratio,
                tabsMiB);
    const bool met = ratio <= 2.0 && tabsMiB < 150.0;
    std::printf("  %s\n", met ? "targets met" : "TARGET MISSED");
    return check && !met ? 1 : 0;
}
