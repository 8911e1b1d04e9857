#pragma once

#include <QJsonObject>

namespace md {

// Token counts of one call, as the API reports them in `usage`.
struct Usage {
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 totalTokens = 0;

    bool isEmpty() const { return promptTokens == 0 && completionTokens == 0 && totalTokens == 0; }
    Usage &operator+=(const Usage &other);
    friend Usage operator+(Usage a, const Usage &b) { return a += b; }
    friend bool operator==(const Usage &, const Usage &) = default;

    static Usage fromJson(const QJsonObject &usage);
    QJsonObject toJson() const;
};

} // namespace md
