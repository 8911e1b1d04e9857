#include "history/SearchResultModel.h"

#include <QPoint>

namespace md {

QString SearchResultModel::stripMarks(const QString &snippet, QList<QPair<int, int>> *ranges)
{
    QString plain;
    plain.reserve(snippet.size());
    int start = -1;
    for (const QChar c : snippet) {
        if (c == QChar(0x02)) {
            start = int(plain.size());
        } else if (c == QChar(0x03)) {
            if (start >= 0 && ranges && plain.size() > start)
                ranges->append({start, int(plain.size()) - start});
            start = -1;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) {
            // A snippet is shown on two lines at most: line breaks of the message would waste them.
            if (!plain.endsWith(QLatin1Char(' ')))
                plain.append(QLatin1Char(' '));
        } else {
            plain.append(c);
        }
    }
    if (start >= 0 && ranges && plain.size() > start) // an unclosed mark: highlight to the end
        ranges->append({start, int(plain.size()) - start});
    return plain;
}

void SearchResultModel::setHits(QList<SearchHit> hits)
{
    beginResetModel();
    m_hits = std::move(hits);
    m_rows.clear();
    m_rows.reserve(m_hits.size());
    for (const SearchHit &hit : std::as_const(m_hits)) {
        Row row;
        row.snippet = stripMarks(hit.snippet, &row.ranges);
        m_rows.append(std::move(row));
    }
    endResetModel();
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_hits.size())
        return {};
    const SearchHit &hit = m_hits.at(index.row());
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return hit.title.isEmpty() ? tr("Untitled conversation") : hit.title;
    case Qt::ToolTipRole:
        return row.snippet;
    case Qt::AccessibleTextRole:
        return hit.messageId == 0 ? tr("Title: %1").arg(row.snippet) : tr("%1: %2").arg(hit.title, row.snippet);
    case ConversationIdRole:
        return hit.conversationId;
    case MessageIdRole:
        return hit.messageId;
    case SnippetRole:
        return row.snippet;
    case HighlightsRole: {
        QVariantList list;
        for (const auto &[start, length] : row.ranges)
            list.append(QPoint(start, length));
        return list;
    }
    case TitleHitRole:
        return hit.messageId == 0;
    default:
        return {};
    }
}

} // namespace md
