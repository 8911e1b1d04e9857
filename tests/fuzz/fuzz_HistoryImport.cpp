// The history import (File → Import) on any file, into a real ConversationStore on a temporary SQLite
// file. What is checked is what the import promises (core/store/README.md): a refused file changes
// nothing and says why; an accepted one adds exactly the conversations it holds; and such a history,
// exported and imported into another store, exports the same again (ids aside).

#include "FuzzSupport.h"

#include "store/ConversationStore.h"
#include "store/HistoryExport.h"
#include "support/ExportWithoutIds.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <memory>

namespace {

std::unique_ptr<md::ConversationStore> g_store, g_copy;

std::unique_ptr<md::ConversationStore> openStore(const QString &path)
{
    auto store = std::make_unique<md::ConversationStore>();
    QString error;
    if (!store->open(path, &error)) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(error));
        std::abort();
    }
    return store;
}

qint64 rows(const md::ConversationStore &store)
{
    qint64 n = 0;
    QSqlQuery q(store.database());
    for (const char *table : {"conversations", "messages", "message_fts", "title_fts"}) {
        q.exec(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table));
        n += q.next() ? q.value(0).toLongLong() : 1000000;
    }
    return n;
}

// Back to an empty history for the next input.
void empty(md::ConversationStore &store)
{
    for (const md::ConversationSummary &s : store.conversations())
        store.deleteConversation(s.id);
    store.purgeDeleted();
    FUZZ_CHECK(rows(store) == 0);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    // One store for the whole run (opening runs the migrations), emptied after each input. Under the
    // system's temporary folder, named after the process so parallel runs do not share it.
    const QString dir
        = QDir::tempPath() + QStringLiteral("/fuzz-HistoryImport-%1").arg(QCoreApplication::applicationPid());
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    g_store = openStore(dir + QStringLiteral("/a.sqlite"));
    g_copy = openStore(dir + QStringLiteral("/b.sqlite"));
    std::atexit([] {
        const QString path = g_store->path();
        g_store.reset();
        g_copy.reset();
        QFileInfo(path).dir().removeRecursively();
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray file(reinterpret_cast<const char *>(data), qsizetype(size));
    md::ConversationStore &store = *g_store;

    QString error;
    const int imported = md::HistoryExport::importJson(store, file, &error);
    // When reproducing by hand: FUZZ_VERBOSE=1 says whether the file was taken, and why not.
    static const bool verbose = qEnvironmentVariableIsSet("FUZZ_VERBOSE");
    if (verbose)
        std::fprintf(stderr, "import: %d %s\n", imported, qPrintable(error));
    if (imported < 0) {
        FUZZ_CHECK(!error.isEmpty());
        FUZZ_CHECK(rows(store) == 0); // all or nothing
        return 0;
    }
    FUZZ_CHECK(error.isEmpty());
    const QList<md::ConversationSummary> list = store.conversations();
    FUZZ_CHECK(list.size() == imported);
    for (const md::ConversationSummary &s : list) {
        const QList<md::StoredMessage> path = store.activePath(s.id);
        FUZZ_CHECK(path.size() == s.messageCount);
        for (qsizetype i = 1; i < path.size(); ++i)
            FUZZ_CHECK(path.at(i).parentId == path.at(i - 1).id);
        (void)md::HistoryExport::toMarkdown(store, s.id);
    }

    // The round trip: what was imported exports, imports elsewhere and exports the same.
    const QJsonObject first = md::HistoryExport::exportAll(store);
    const QByteArray firstFile = QJsonDocument(first).toJson(QJsonDocument::Compact);
    QString copyError;
    FUZZ_CHECK(md::HistoryExport::importJson(*g_copy, firstFile, &copyError) == imported);
    FUZZ_CHECK(md::test::withoutIds(md::HistoryExport::exportAll(*g_copy)) == md::test::withoutIds(first));

    empty(store);
    empty(*g_copy);
    return 0;
}
