#include "embeddings/RankingModel.h"

#include <QLocale>

namespace md {

namespace {
QString oneLine(const QString &text)
{
    QString flat = text.simplified();
    return flat.size() > 400 ? flat.left(399) + QChar(0x2026) : flat;
}
} // namespace

RankingModel::RankingModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RankingModel::setRanking(const QList<EmbeddingMatrix::Neighbour> &ranking, const QStringList &texts)
{
    beginResetModel();
    m_ranking = ranking;
    m_pairs.clear();
    m_texts = texts;
    endResetModel();
}

void RankingModel::setPairs(const QList<EmbeddingMatrix::Pair> &pairs, const QStringList &texts)
{
    beginResetModel();
    m_ranking.clear();
    m_pairs = pairs;
    m_texts = texts;
    endResetModel();
}

void RankingModel::clear()
{
    beginResetModel();
    m_ranking.clear();
    m_pairs.clear();
    m_texts.clear();
    endResetModel();
}

int RankingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pairs.isEmpty() ? m_ranking.size() : m_pairs.size());
}

int RankingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RankingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const bool pairs = !m_pairs.isEmpty();
    const int row = index.row();
    const float score = pairs ? m_pairs.at(row).score : m_ranking.at(row).score;
    const int input = pairs ? m_pairs.at(row).a : m_ranking.at(row).index;
    if (role == Qt::UserRole && index.column() == ScoreColumn)
        return double(score);
    if (role == kPairRole)
        return input;
    if (role == Qt::TextAlignmentRole && index.column() != TextColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == TextColumn) {
        if (pairs)
            return QString(m_texts.value(m_pairs.at(row).a) + QStringLiteral("\n\n")
                           + m_texts.value(m_pairs.at(row).b));
        return m_texts.value(input);
    }
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case RankColumn:
        return row + 1;
    case ScoreColumn:
        return locale.toString(score, 'f', 4);
    case IndexColumn:
        if (pairs)
            return QStringLiteral("#%1 ↔ #%2").arg(m_pairs.at(row).a + 1).arg(m_pairs.at(row).b + 1);
        return QStringLiteral("#%1").arg(input + 1);
    case TextColumn:
        if (pairs)
            return QString(oneLine(m_texts.value(m_pairs.at(row).a)) + QStringLiteral("  ↔  ")
                           + oneLine(m_texts.value(m_pairs.at(row).b)));
        return oneLine(m_texts.value(input));
    default:
        return {};
    }
}

QVariant RankingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RankColumn:
        return tr("Rank");
    case ScoreColumn:
        return tr("Cosine");
    case IndexColumn:
        return tr("Input");
    case TextColumn:
        return tr("Text");
    default:
        return {};
    }
}

} // namespace md
