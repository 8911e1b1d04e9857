#pragma once

#include "api/Usage.h"

#include <QDate>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace md {

class ModelCatalog;

// USD per million tokens, by model. Editable and dated: prices change often, so they live in data
// the user can correct, never in logic.
class PriceTable {
public:
    struct Price {
        double inputPerMillion = 0.0;
        double outputPerMillion = 0.0;
        friend bool operator==(const Price &, const Price &) = default;
    };

    // The list prices of shared/MISTRAL_API.md, dated when they were read.
    static PriceTable defaults();

    void setPrice(const QString &model, Price price) { m_prices.insert(model, price); }
    void removePrice(const QString &model) { m_prices.remove(model); }
    QStringList models() const { return m_prices.keys(); }
    QDate effectiveDate() const { return m_date; }
    void setEffectiveDate(const QDate &date) { m_date = date; }

    // The price for a model id or alias. Looks for the id itself, then (with a catalog) its card's id
    // and aliases, then the same family ("mistral-large-2512" -> "mistral-large-latest").
    std::optional<Price> price(const QString &model, const ModelCatalog *catalog = nullptr) const;
    // Cost in USD; nullopt when the model has no price.
    std::optional<double> cost(const QString &model, const Usage &usage, const ModelCatalog *catalog = nullptr) const;
    static double cost(const Price &price, qint64 promptTokens, qint64 completionTokens);

    QJsonObject toJson() const;
    static PriceTable fromJson(const QJsonObject &json);
    // "$0.0123" style text for small amounts, "$12.34" for larger ones.
    static QString formatUsd(double usd);

    friend bool operator==(const PriceTable &, const PriceTable &) = default;

private:
    static QString family(const QString &model);

    QMap<QString, Price> m_prices;
    QDate m_date;
};

} // namespace md
