// History store benchmark (issue 5): search latency and loading a long conversation on a generated
// database of 10,000 conversations / 200,000 messages. See README.md for what it measures.
#include "store/ConversationStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <cstdio>

using namespace md;

namespace {

struct Config {
    int conversations;
    int messagesPerConversation; // average; the long conversation comes on top
    int longConversation;
    QString tag() const
    {
        return QStringLiteral("v3:%1:%2:%3").arg(conversations).arg(messagesPerConversation).arg(longConversation);
    }
};

// A vocabulary with a Zipf-like use: a few words are everywhere, most are rare, so queries range
// from "matches half the database" to "matches three messages".
class TextMaker {
public:
    TextMaker()
        : m_rng(42)
    {
        const QStringList common
            = QStringLiteral("the of and to in is that for it with as was on be by this are from at or an "
                             "which can function value model token request answer code error file list "
                             "data time user server python rust query table index memory thread stream")
                  .split(QLatin1Char(' '));
        m_words = common;
        const QStringList syllables
            = QStringLiteral("ka lo mi ne su ra te vo zi pa do ge hu ba fi re sa no ti ma").split(QLatin1Char(' '));
        while (m_words.size() < 6000) {
            QString w;
            const int n = 2 + int(m_rng.bounded(3));
            for (int i = 0; i < n; ++i)
                w += syllables.at(int(m_rng.bounded(qsizetype(syllables.size()))));
            m_words << w;
        }
    }
    QString word()
    {
        // Inverse-power pick: index ~ N * u^3 favours the first (common) words.
        const double u = m_rng.generateDouble();
        return m_words.at(int(double(m_words.size() - 1) * u * u * u));
    }
    QString text(int words)
    {
        QString t;
        t.reserve(words * 7);
        for (int i = 0; i < words; ++i) {
            if (i)
                t += (i % 13 == 0) ? QStringLiteral(". ") : QStringLiteral(" ");
            t += word();
        }
        if (m_rng.bounded(8) == 0)
            t += QStringLiteral("\n\n```python\ndef ") + word() + QStringLiteral("(x):\n    return x\n```\n");
        return t;
    }
    int bounded(int lo, int hi) { return lo + int(m_rng.bounded(hi - lo + 1)); }

private:
    QRandomGenerator m_rng;
    QStringList m_words;
};

ChatEntry makeEntry(bool user, const QString &text)
{
    ChatEntry e;
    e.message = user ? ChatMessage::user(text) : ChatMessage::assistant(text);
    if (!user) {
        e.model = QStringLiteral("mistral-large-latest");
        e.usage = Usage {500, 200, 700};
        e.hasUsage = true;
        e.costUsd = 0.0012;
        e.finishReason = QStringLiteral("stop");
    }
    return e;
}

QString generatedTag(const ConversationStore &store)
{
    QSqlQuery q(store.database());
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'bench_generated'")) && q.next())
        return q.value(0).toString();
    return {};
}

// Returns the id of the long conversation.
qint64 generate(ConversationStore &store, const Config &config)
{
    TextMaker maker;
    QSqlDatabase db = store.database();
    QSqlQuery q(db);
    q.exec(QStringLiteral("BEGIN"));
    qint64 total = 0;
    for (int c = 0; c < config.conversations; ++c) {
        const qint64 id = store.createConversation(maker.text(maker.bounded(2, 6)));
        const int n = maker.bounded(config.messagesPerConversation / 2, config.messagesPerConversation * 3 / 2);
        qint64 parent = 0;
        for (int m = 0; m < n; ++m) {
            const bool user = m % 2 == 0;
            // Now and then a regenerated answer: a sibling branch off the active path.
            if (!user && maker.bounded(0, 9) == 0) {
                store.appendMessage(id, parent, makeEntry(false, maker.text(maker.bounded(30, 120))));
                ++total;
            }
            parent = store.appendMessage(id, parent,
                                         makeEntry(user, maker.text(maker.bounded(user ? 8 : 30, user ? 40 : 120))));
            ++total;
        }
    }
    const qint64 longId = store.createConversation(QStringLiteral("The very long conversation"));
    qint64 parent = 0;
    for (int m = 0; m < config.longConversation; ++m) {
        parent = store.appendMessage(longId, parent, makeEntry(m % 2 == 0, maker.text(maker.bounded(10, 60))));
        ++total;
    }
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('bench_generated', ?)"));
    q.addBindValue(config.tag());
    q.exec();
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('bench_long', ?)"));
    q.addBindValue(longId);
    q.exec();
    q.exec(QStringLiteral("COMMIT"));
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    std::printf("generated %lld messages\n", static_cast<long long>(total));
    return longId;
}

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const qsizetype i = std::min(v.size() - 1, qsizetype(p * double(v.size() - 1) + 0.5));
    return v.at(i);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("History store benchmark"));
    parser.addHelpOption();
    QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("Smaller database (1,000 conversations) for CI."));
    QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database file (cached between runs)."),
                                QStringLiteral("path"));
    parser.addOptions({quick, dbOption});
    parser.process(app);

    const bool isQuick = parser.isSet(quick);
    const Config config = isQuick ? Config {1000, 15, 5000} : Config {10000, 20, 5000};
    const QString path = parser.isSet(dbOption) ? parser.value(dbOption)
                                                : QCoreApplication::applicationDirPath()
            + (isQuick ? QStringLiteral("/bench_store_quick.sqlite") : QStringLiteral("/bench_store_full.sqlite"));

    QElapsedTimer timer;
    ConversationStore store;
    QString error;
    timer.start();
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    const double openMs = double(timer.nsecsElapsed()) / 1e6;
    qint64 longId = 0;
    if (generatedTag(store) != config.tag()) {
        store.close();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        store.open(path, &error);
        timer.start();
        longId = generate(store, config);
        std::printf("generation: %.1f s (one transaction, store API, prepared statements)\n",
                    double(timer.elapsed()) / 1000.0);
    } else {
        QSqlQuery q(store.database());
        q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'bench_long'"));
        q.next();
        longId = q.value(0).toLongLong();
        std::printf("reusing cached database (open %.1f ms)\n", openMs);
    }
    {
        QSqlQuery q(store.database());
        q.exec(QStringLiteral("SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM messages)"));
        q.next();
        std::printf("database: %s, %lld conversations, %lld messages, %.0f MB%s\n", qPrintable(path),
                    q.value(0).toLongLong(), q.value(1).toLongLong(), double(QFileInfo(path).size()) / 1e6,
                    isQuick ? " (--quick: smaller than the 10,000 / 200,000 target)" : "");
    }

    // Search: 20 varied queries, one warm-up round, then 3 timed rounds.
    const QStringList queries = {
        QStringLiteral("function"),
        QStringLiteral("the"),
        QStringLiteral("model token"),
        QStringLiteral("kalomi"),
        QStringLiteral("zisuti"),
        QStringLiteral("\"error code\""),
        QStringLiteral("pytho"),
        QStringLiteral("ra"),
        QStringLiteral("AND("),
        QStringLiteral("\""),
        QStringLiteral("rust memory thread"),
        QStringLiteral("nosuchwordanywhere"),
        QStringLiteral("def"),
        QStringLiteral("vobafi nemi"),
        QStringLiteral("server request answer"),
        QStringLiteral("table index"),
        QStringLiteral("very long"),
        QStringLiteral("stream*"),
        QStringLiteral("te vo"),
        QStringLiteral("user data file list"),
    };
    QList<double> samples;
    QList<double> perQuery(queries.size(), 0.0);
    QList<int> hitCounts(queries.size(), 0);
    for (int round = 0; round < 4; ++round) {
        for (qsizetype i = 0; i < queries.size(); ++i) {
            timer.start();
            const QList<SearchHit> hits = store.search(queries.at(i), 50);
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            if (round == 0)
                continue;
            samples << ms;
            perQuery[i] = std::max(perQuery[i], ms);
            hitCounts[i] = int(hits.size());
        }
    }
    std::printf("\nsearch (limit 50, worst of 3 runs per query):\n");
    for (qsizetype i = 0; i < queries.size(); ++i)
        std::printf("  %-24s %7.2f ms  %2d hits\n", qPrintable(queries.at(i)), perQuery.at(i), hitCounts.at(i));
    const double median = percentile(samples, 0.5);
    const double p95 = percentile(samples, 0.95);
    std::printf("search median %.2f ms, p95 %.2f ms over %lld runs (target < 100 ms): %s\n", median, p95,
                static_cast<long long>(samples.size()), p95 < 100.0 ? "ok" : "TOO SLOW");

    // Loading the long conversation, as opening its tab does.
    QList<double> loads;
    qsizetype pathSize = 0;
    for (int i = 0; i < 7; ++i) {
        timer.start();
        pathSize = store.activePath(longId).size();
        loads << double(timer.nsecsElapsed()) / 1e6;
    }
    std::printf("activePath of a %lld-message conversation: median %.1f ms\n", static_cast<long long>(pathSize),
                percentile(loads, 0.5));

    QList<double> lists;
    qsizetype listSize = 0;
    for (int i = 0; i < 5; ++i) {
        timer.start();
        listSize = store.conversations().size();
        lists << double(timer.nsecsElapsed()) / 1e6;
    }
    std::printf("conversations() listing %lld: median %.1f ms\n", static_cast<long long>(listSize),
                percentile(lists, 0.5));

    // A streamed answer: 500 updates growing to ~12 KB, then the final one that indexes it.
    const qint64 conv = store.createConversation(QStringLiteral("bench stream"));
    ChatEntry e = makeEntry(false, QString());
    e.state = ChatEntry::State::Streaming;
    const qint64 id = store.appendMessage(conv, 0, e);
    TextMaker maker;
    QList<double> updates;
    for (int i = 0; i < 500; ++i) {
        e.message.content += maker.text(3) + QLatin1Char(' ');
        timer.start();
        store.updateMessage(id, e);
        updates << double(timer.nsecsElapsed()) / 1e3;
    }
    e.state = ChatEntry::State::Done;
    timer.start();
    store.updateMessage(id, e);
    const double finalUs = double(timer.nsecsElapsed()) / 1e3;
    std::printf(
        "streaming updateMessage (text up to %lld chars): median %.0f us, p95 %.0f us; final (indexing) %.0f us\n",
        static_cast<long long>(e.message.content.size()), percentile(updates, 0.5), percentile(updates, 0.95), finalUs);
    store.deleteConversation(conv);
    store.purgeDeleted();
    return p95 < 100.0 ? 0 : 1;
}
