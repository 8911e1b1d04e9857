#include "catalog/PriceTable.h"

#include "catalog/ModelCatalog.h"

#include <QRegularExpression>

namespace md {

PriceTable PriceTable::defaults()
{
    PriceTable table;
    table.m_date = QDate(2026, 11, 1);
    const struct {
        const char *model;
        double in;
        double out;
    } list[] = {
        {"mistral-large-latest", 0.5, 1.5},
        {"mistral-large-2512", 0.5, 1.5},
        {"mistral-medium-latest", 1.5, 7.5},
        {"mistral-medium-3-5", 1.5, 7.5},
        {"mistral-small-latest", 0.15, 0.6},
        {"mistral-small-2603", 0.15, 0.6},
        {"ministral-3b-latest", 0.1, 0.1},
        {"ministral-8b-latest", 0.15, 0.15},
        {"ministral-14b-latest", 0.2, 0.2},
        {"codestral-latest", 0.3, 0.9},
        {"codestral-2508", 0.3, 0.9},
        {"devstral-latest", 0.4, 2.0},
        {"magistral-medium-latest", 2.0, 5.0},
        {"magistral-small-latest", 0.5, 1.5},
        {"pixtral-large-latest", 2.0, 6.0},
        {"open-mistral-nemo", 0.15, 0.15},
        {"mistral-embed", 0.1, 0.0},
        {"codestral-embed", 0.15, 0.0},
        {"mistral-moderation-latest", 0.0, 0.0},
    };
    for (const auto &entry : list)
        table.m_prices.insert(QString::fromLatin1(entry.model), Price {entry.in, entry.out});
    return table;
}

QString PriceTable::family(const QString &model)
{
    // Drop a version suffix: "-latest", "-2512", "-2407", "-3-5" style dates and revisions.
    static const QRegularExpression suffix(QStringLiteral("(-latest|-\\d{4}|-\\d+-\\d+)$"));
    QString f = model;
    f.remove(suffix);
    return f;
}

std::optional<PriceTable::Price> PriceTable::price(const QString &model, const ModelCatalog *catalog) const
{
    if (const auto it = m_prices.constFind(model); it != m_prices.cend())
        return *it;
    if (catalog) {
        if (const ModelInfo *info = catalog->find(model)) {
            if (const auto it = m_prices.constFind(info->id); it != m_prices.cend())
                return *it;
            for (const QString &alias : info->aliases) {
                if (const auto it = m_prices.constFind(alias); it != m_prices.cend())
                    return *it;
            }
        }
    }
    const QString wanted = family(model);
    if (wanted.isEmpty())
        return std::nullopt;
    for (auto it = m_prices.cbegin(); it != m_prices.cend(); ++it) {
        if (family(it.key()) == wanted)
            return it.value();
    }
    return std::nullopt;
}

double PriceTable::cost(const Price &price, qint64 promptTokens, qint64 completionTokens)
{
    return (double(promptTokens) * price.inputPerMillion + double(completionTokens) * price.outputPerMillion) / 1e6;
}

std::optional<double> PriceTable::cost(const QString &model, const Usage &usage, const ModelCatalog *catalog) const
{
    const auto p = price(model, catalog);
    if (!p)
        return std::nullopt;
    return cost(*p, usage.promptTokens, usage.completionTokens);
}

QJsonObject PriceTable::toJson() const
{
    QJsonObject prices;
    for (auto it = m_prices.cbegin(); it != m_prices.cend(); ++it) {
        prices.insert(it.key(),
                      QJsonObject {{QLatin1String("input"), it->inputPerMillion},
                                   {QLatin1String("output"), it->outputPerMillion}});
    }
    return {{QLatin1String("currency"), QLatin1String("USD")},
            {QLatin1String("unit"), QLatin1String("per million tokens")},
            {QLatin1String("date"), m_date.toString(Qt::ISODate)},
            {QLatin1String("prices"), prices}};
}

PriceTable PriceTable::fromJson(const QJsonObject &json)
{
    PriceTable table;
    table.m_date = QDate::fromString(json.value(QLatin1String("date")).toString(), Qt::ISODate);
    const QJsonObject prices = json.value(QLatin1String("prices")).toObject();
    for (auto it = prices.begin(); it != prices.end(); ++it) {
        const QJsonObject p = it.value().toObject();
        const double in = p.value(QLatin1String("input")).toDouble(-1);
        const double out = p.value(QLatin1String("output")).toDouble(0);
        if (in < 0 || out < 0)
            continue; // a broken entry is dropped, not read as free
        table.m_prices.insert(it.key(), Price {in, out});
    }
    return table;
}

QString PriceTable::formatUsd(double usd)
{
    if (usd == 0.0)
        return QStringLiteral("$0");
    if (usd < 0.01)
        return QStringLiteral("$") + QString::number(usd, 'f', 6);
    if (usd < 1.0)
        return QStringLiteral("$") + QString::number(usd, 'f', 4);
    return QStringLiteral("$") + QString::number(usd, 'f', 2);
}

} // namespace md
