#pragma once

#include "store/ConversationStore.h"

#include <QAbstractListModel>
#include <QList>
#include <QPair>

namespace md {

// Full-text search hits for the sidebar: the conversation title above a snippet whose matches the
// delegate highlights. The store marks matches with \x02 ... \x03; highlights() turns those marks
// into (start, length) ranges of the plain text.
class SearchResultModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        ConversationIdRole = Qt::UserRole + 1,
        MessageIdRole,
        SnippetRole,    // plain text, marks removed
        HighlightsRole, // QVariantList of QPoint(start, length) in SnippetRole's text
        TitleHitRole,   // bool: the match is in the title, not in a message
    };

    using QAbstractListModel::QAbstractListModel;

    void setHits(QList<SearchHit> hits);
    const QList<SearchHit> &hits() const { return m_hits; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Removes the \x02 / \x03 marks; `ranges` receives what they enclosed (start, length).
    static QString stripMarks(const QString &snippet, QList<QPair<int, int>> *ranges);

private:
    struct Row {
        QString snippet;
        QList<QPair<int, int>> ranges;
    };
    QList<SearchHit> m_hits;
    QList<Row> m_rows;
};

} // namespace md
