#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

// Small helpers for writing request bodies in which an unset field is left out: the Mistral API
// rejects unknown fields and some explicit nulls, so "absent" and "null" must never be confused.
namespace md::json {

template<typename T> inline void putOptional(QJsonObject &object, const QString &key, const std::optional<T> &value)
{
    if (value)
        object.insert(key, QJsonValue(*value));
}

inline void putOptional(QJsonObject &object, const QString &key, const std::optional<qint64> &value)
{
    if (value)
        object.insert(key, QJsonValue(*value));
}

inline void putNonEmpty(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

inline QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

// `stop`: one sequence as a string, several as an array, none left out.
inline void putStop(QJsonObject &object, const QStringList &stop)
{
    if (stop.size() == 1)
        object.insert(QLatin1String("stop"), stop.first());
    else if (!stop.isEmpty())
        object.insert(QLatin1String("stop"), toArray(stop));
}

inline QStringList toStringList(const QJsonValue &value)
{
    QStringList out;
    if (value.isString())
        out.append(value.toString());
    for (const QJsonValue &item : value.toArray())
        out.append(item.toString());
    return out;
}

} // namespace md::json
