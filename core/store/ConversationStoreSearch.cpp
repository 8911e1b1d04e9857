// ConversationStore, third part: full-text search (see bench/store/README.md for the measurements
// behind the query shapes).
#include "store/ConversationStore.h"

#include "store/FtsQuery.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace md {

QList<SearchHit> ConversationStore::search(const QString &query, int limit) const
{
    QList<SearchHit> hits;
    const QString match = FtsQuery::fromUserText(query);
    if (match.isEmpty() || limit <= 0)
        return hits;

    QSqlQuery &titles = prepared(QStringLiteral(
        "SELECT c.id, c.title, highlight(title_fts, 0, char(2), char(3)) FROM title_fts"
        " JOIN conversations c ON c.id = title_fts.rowid WHERE title_fts MATCH ? AND c.deleted_at IS NULL"
        " ORDER BY title_fts.rank, c.updated_at DESC LIMIT ?"));
    titles.bindValue(0, match);
    titles.bindValue(1, limit);
    if (!run(titles))
        return hits;
    while (titles.next())
        hits << SearchHit {titles.value(0).toLongLong(), 0, titles.value(1).toString(), titles.value(2).toString()};
    titles.finish();
    if (hits.size() >= limit)
        return hits;

    // bm25 over every match costs ~2 us a match: fine for thousands, not for a word in every other
    // message. Past kRankedMatches matches, the newest come first (and the query stops early).
    constexpr int kRankedMatches = 10000;
    QSqlQuery &count = prepared(QStringLiteral("SELECT count(*) FROM (SELECT rowid FROM message_fts"
                                               " WHERE message_fts MATCH ? ORDER BY rowid DESC LIMIT ?)"));
    count.bindValue(0, match);
    count.bindValue(1, kRankedMatches);
    if (!run(count) || !count.next())
        return hits;
    const bool byRank = count.value(0).toInt() < kRankedMatches;
    count.finish();

    // Only the FTS table in these queries, so FTS5 sorts by itself and computes snippet() for the
    // rows returned only. Hits in soft-deleted conversations are dropped afterwards; if that leaves
    // too few, ask again for more.
    QSqlQuery &matches = prepared(
        QStringLiteral("SELECT rowid, rank, snippet(message_fts, 0, char(2), char(3), '\u2026', 16) FROM message_fts"
                       " WHERE message_fts MATCH ? ORDER BY ")
        + (byRank ? QStringLiteral("rank") : QStringLiteral("rowid DESC")) + QStringLiteral(" LIMIT ?"));
    QSqlQuery &owner = prepared(QStringLiteral("SELECT m.conversation_id, c.title FROM messages m JOIN conversations c"
                                               " ON c.id = m.conversation_id WHERE m.id = ? AND c.deleted_at IS NULL"));
    const qsizetype titleHits = hits.size();
    const int wanted = limit - int(titleHits);
    for (int ask = wanted; ask < (1 << 24); ask *= 4) {
        hits.resize(titleHits);
        struct Match {
            qint64 id;
            double rank;
            QString snippet;
        };
        QList<Match> found;
        matches.bindValue(0, match);
        matches.bindValue(1, ask);
        if (!run(matches))
            return hits;
        while (matches.next())
            found.append({matches.value(0).toLongLong(), matches.value(1).toDouble(), matches.value(2).toString()});
        matches.finish();
        // Newest first within equal rank (FTS5 leaves ties in rowid order).
        if (byRank)
            std::stable_sort(found.begin(), found.end(), [](const Match &a, const Match &b) {
                return a.rank != b.rank ? a.rank < b.rank : a.id > b.id;
            });
        for (const Match &m : std::as_const(found)) {
            if (hits.size() - titleHits >= wanted)
                break;
            owner.bindValue(0, m.id);
            if (!run(owner))
                return hits;
            if (owner.next())
                hits << SearchHit {owner.value(0).toLongLong(), m.id, owner.value(1).toString(), m.snippet};
            owner.finish();
        }
        if (hits.size() - titleHits >= wanted || found.size() < ask)
            break;
    }
    return hits;
}

} // namespace md
