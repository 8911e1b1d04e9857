#include "params/ModelListModel.h"

#include "catalog/ModelCatalog.h"

#include <QLocale>
#include <QRegularExpression>

#include <numeric>

namespace md {

namespace {
// Finds the group a model belongs to (union-find over cards that share an id or alias).
int findRoot(QList<int> &parent, int i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

QString primaryName(const QStringList &names, const QString &fallback)
{
    // "-latest" is the name people type and the one the price table knows; pinned versions stay
    // reachable by typing them.
    QString best;
    for (const QString &name : names) {
        if (name.endsWith(QLatin1String("-latest")) && (best.isEmpty() || name.size() < best.size()))
            best = name;
    }
    return best.isEmpty() ? fallback : best;
}

QString usd(double value)
{
    return QStringLiteral("$") + QLocale::c().toString(value, 'g', 4);
}
} // namespace

ModelListModel::ModelListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ModelListModel::setCatalog(const ModelCatalog *catalog, const PriceTable *prices)
{
    beginResetModel();
    m_entries.clear();
    const QList<ModelInfo> cards = catalog ? catalog->models() : QList<ModelInfo>();
    QList<int> parent(cards.size());
    std::iota(parent.begin(), parent.end(), 0);
    QHash<QString, int> owner;
    for (int i = 0; i < cards.size(); ++i) {
        QStringList names = cards[i].aliases;
        names.prepend(cards[i].id);
        for (const QString &name : std::as_const(names)) {
            const auto it = owner.constFind(name);
            if (it == owner.constEnd())
                owner.insert(name, i);
            else
                parent[findRoot(parent, i)] = findRoot(parent, *it);
        }
    }
    QHash<int, QList<int>> groups;
    QList<int> order;
    for (int i = 0; i < cards.size(); ++i) {
        const int root = findRoot(parent, i);
        if (!groups.contains(root))
            order.append(root);
        groups[root].append(i);
    }
    for (int root : std::as_const(order)) {
        const QList<int> &members = groups[root];
        // The newest card speaks for the group (its capabilities and deprecation are current).
        int speaker = members.first();
        for (int i : members) {
            if (cards[i].created > cards[speaker].created)
                speaker = i;
        }
        QStringList names;
        for (int i : members) {
            if (!names.contains(cards[i].id))
                names.append(cards[i].id);
            for (const QString &alias : cards[i].aliases) {
                if (!names.contains(alias))
                    names.append(alias);
            }
        }
        Entry entry;
        entry.info = cards[speaker];
        entry.primary = primaryName(names, entry.info.id);
        names.removeAll(entry.primary);
        names.prepend(entry.primary);
        entry.names = names;
        if (prices)
            entry.price = prices->price(entry.primary, catalog);
        m_entries.append(entry);
    }
    // Current models first, then by name: deprecated ones are still listed, at the end.
    std::sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) {
        if (a.info.isDeprecated() != b.info.isDeprecated())
            return !a.info.isDeprecated();
        return a.primary < b.primary;
    });
    m_rows.clear();
    rebuildRows();
    endResetModel();
}

void ModelListModel::setCurrentModel(const QString &id)
{
    m_current = id;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {CurrentRole});
}

void ModelListModel::setFilter(const QString &text, int capabilities)
{
    if (text == m_text && capabilities == m_capabilities)
        return;
    beginResetModel();
    m_text = text;
    m_capabilities = capabilities;
    rebuildRows();
    endResetModel();
}

void ModelListModel::rebuildRows()
{
    m_rows.clear();
    const QString typed = m_text.trimmed();
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    const QStringList words = typed.split(spaces, Qt::SkipEmptyParts);
    bool exact = false;
    QList<Row> others;
    for (int i = 0; i < m_entries.size(); ++i) {
        const Entry &e = m_entries[i];
        if (!hasCapabilities(e.info, m_capabilities))
            continue;
        const QString haystack = e.names.join(QLatin1Char(' ')) + QLatin1Char(' ') + e.info.name;
        const bool matches = std::all_of(words.cbegin(), words.cend(), [&haystack](const QString &w) {
            return haystack.contains(w, Qt::CaseInsensitive);
        });
        if (!matches)
            continue;
        // Typing a pinned name exactly chooses that name, not the row's "-latest" one.
        QString id = e.primary;
        for (const QString &name : e.names) {
            if (name.compare(typed, Qt::CaseInsensitive) == 0) {
                id = name;
                exact = true;
            }
        }
        // Names that start with what was typed come first: "pix" puts pixtral on top.
        const bool prefix = !words.isEmpty()
            && std::any_of(e.names.cbegin(), e.names.cend(),
                           [&words](const QString &n) { return n.startsWith(words.first(), Qt::CaseInsensitive); });
        (prefix ? m_rows : others).append({i, id});
    }
    m_rows.append(others);
    if (!exact && !typed.isEmpty() && !typed.contains(QLatin1Char(' ')))
        m_rows.append({-1, typed});
}

int ModelListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ModelListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    if (row.entry < 0) {
        switch (role) {
        case Qt::DisplayRole:
            return tr("Use “%1” as the model id").arg(row.id);
        case Qt::ToolTipRole:
            return tr("Sends this id as it is; the model list does not hold it.");
        case IdRole:
            return row.id;
        case FreeTypedRole:
            return true;
        case CurrentRole:
            return row.id == m_current;
        default:
            return {};
        }
    }
    const Entry &e = m_entries[row.entry];
    switch (role) {
    case Qt::DisplayRole:
    case IdRole:
        return row.id;
    case Qt::ToolTipRole:
        return e.info.description.isEmpty() ? row.id : e.info.description;
    case Qt::AccessibleTextRole: {
        QStringList parts {row.id, e.info.capabilityLabels().join(QStringLiteral(", ")),
                           contextText(e.info.maxContextLength), priceText(e.price)};
        if (e.info.isDeprecated())
            parts.append(deprecationText(e.info));
        parts.removeAll(QString());
        return parts.join(QStringLiteral("; "));
    }
    case AliasesRole: {
        QStringList others = e.names;
        others.removeAll(row.id);
        return others;
    }
    case BadgesRole:
        return e.info.capabilityLabels();
    case ContextRole:
        return contextText(e.info.maxContextLength);
    case PriceRole:
        return priceText(e.price);
    case DeprecationRole:
        return deprecationText(e.info);
    case FreeTypedRole:
        return false;
    case CurrentRole:
        return !m_current.isEmpty() && e.names.contains(m_current);
    default:
        return {};
    }
}

int ModelListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows[i];
        if (row.id == id || (row.entry >= 0 && m_entries[row.entry].names.contains(id)))
            return i;
    }
    return -1;
}

QString ModelListModel::contextText(qint64 tokens)
{
    if (tokens <= 0)
        return {};
    if (tokens >= 1024 * 1024 && tokens % (1024 * 1024) == 0)
        return QStringLiteral("%1M").arg(tokens / (1024 * 1024));
    if (tokens % 1024 == 0)
        return QStringLiteral("%1k").arg(tokens / 1024);
    if (tokens >= 1000)
        return QStringLiteral("%1k").arg(qRound64(double(tokens) / 1000));
    return QString::number(tokens);
}

QString ModelListModel::priceText(const std::optional<PriceTable::Price> &price)
{
    if (!price)
        return tr("no price");
    if (price->inputPerMillion == 0 && price->outputPerMillion == 0)
        return tr("free");
    if (price->outputPerMillion == 0)
        return tr("%1 in per M").arg(usd(price->inputPerMillion));
    return tr("%1 / %2 per M").arg(usd(price->inputPerMillion), usd(price->outputPerMillion));
}

QString ModelListModel::deprecationText(const ModelInfo &info)
{
    if (!info.isDeprecated())
        return {};
    const QString date = info.deprecation.toString(Qt::ISODate);
    const QString when = info.deprecation > QDate::currentDate() ? tr("Deprecated, retires %1").arg(date)
                                                                 : tr("Deprecated since %1").arg(date);
    return info.deprecationReplacement.isEmpty() ? when : tr("%1: use %2").arg(when, info.deprecationReplacement);
}

bool ModelListModel::hasCapabilities(const ModelInfo &info, int capabilities)
{
    const ModelCapabilities &c = info.capabilities;
    return (!(capabilities & Chat) || c.chat) && (!(capabilities & Tools) || c.functionCalling)
        && (!(capabilities & Vision) || c.vision) && (!(capabilities & Fim) || c.fim)
        && (!(capabilities & Reasoning) || c.reasoning);
}

} // namespace md
