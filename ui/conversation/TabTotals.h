#pragma once

#include <QJsonObject>
#include <QtGlobal>

#include <optional>

namespace md {

// Running totals of one tab (or the whole session): every finished call counts, also answers that
// were later regenerated or deleted, since they were paid for.
struct TabTotals {
    qint64 calls = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    double costUsd = 0.0;
    qint64 unpricedCalls = 0; // calls to models without a price: not in costUsd

    void add(qint64 prompt, qint64 completion, std::optional<double> cost)
    {
        ++calls;
        promptTokens += prompt;
        completionTokens += completion;
        if (cost)
            costUsd += *cost;
        else
            ++unpricedCalls;
    }
    QJsonObject toJson() const
    {
        return {{QStringLiteral("calls"), calls},
                {QStringLiteral("prompt_tokens"), promptTokens},
                {QStringLiteral("completion_tokens"), completionTokens},
                {QStringLiteral("cost_usd"), costUsd},
                {QStringLiteral("unpriced_calls"), unpricedCalls}};
    }
    static TabTotals fromJson(const QJsonObject &json)
    {
        TabTotals totals;
        totals.calls = json.value(QStringLiteral("calls")).toInteger();
        totals.promptTokens = json.value(QStringLiteral("prompt_tokens")).toInteger();
        totals.completionTokens = json.value(QStringLiteral("completion_tokens")).toInteger();
        totals.costUsd = json.value(QStringLiteral("cost_usd")).toDouble();
        totals.unpricedCalls = json.value(QStringLiteral("unpriced_calls")).toInteger();
        return totals;
    }
};

} // namespace md
