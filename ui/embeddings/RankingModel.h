#pragma once

#include "embeddings/EmbeddingMatrix.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace md {

// A ranked list of inputs with their cosine score against something (a chosen text, a query, or
// the other text of a near-duplicate pair): rank, score, input number and text. The score column
// carries the value in Qt::UserRole for ScoreBarDelegate.
class RankingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RankColumn, ScoreColumn, IndexColumn, TextColumn, ColumnCount };
    static constexpr int kPairRole = Qt::UserRole + 1; // the input row in IndexColumn (int)

    explicit RankingModel(QObject *parent = nullptr);

    void setRanking(const QList<EmbeddingMatrix::Neighbour> &ranking, const QStringList &texts);
    // Pairs: IndexColumn shows "a ↔ b" and TextColumn both texts.
    void setPairs(const QList<EmbeddingMatrix::Pair> &pairs, const QStringList &texts);
    void clear();
    const QList<EmbeddingMatrix::Neighbour> &ranking() const { return m_ranking; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<EmbeddingMatrix::Neighbour> m_ranking;
    QList<EmbeddingMatrix::Pair> m_pairs;
    QStringList m_texts;
};

} // namespace md
