#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// Header-only: also used by tests/fuzz, which builds without md_testsupport.
namespace md::test {

// A history export (core/store/README.md) with its ids replaced by their order of appearance and the
// export time dropped, so two exports of equal histories compare equal.
inline QJsonObject withoutIds(QJsonObject o)
{
    o.remove(QStringLiteral("exported_at"));
    QHash<QString, QString> rename;
    auto mapped = [&](const QJsonValue &v) {
        const QString id = v.toString();
        if (!rename.contains(id))
            rename.insert(id, QStringLiteral("#%1").arg(rename.size()));
        return rename.value(id);
    };
    QJsonArray conversations;
    for (const QJsonValue &cv : o.value(QStringLiteral("conversations")).toArray()) {
        QJsonObject c = cv.toObject();
        c.remove(QStringLiteral("id"));
        QJsonArray messages;
        for (const QJsonValue &mv : c.value(QStringLiteral("messages")).toArray()) {
            QJsonObject m = mv.toObject();
            m.insert(QStringLiteral("id"), mapped(m.value(QStringLiteral("id"))));
            if (m.contains(QStringLiteral("parent")))
                m.insert(QStringLiteral("parent"), mapped(m.value(QStringLiteral("parent"))));
            messages.append(m);
        }
        c.insert(QStringLiteral("messages"), messages);
        for (const char *key : {"active_leaf", "forked_from_message"}) {
            if (c.contains(QLatin1String(key)))
                c.insert(QLatin1String(key), mapped(c.value(QLatin1String(key))));
        }
        conversations.append(c);
    }
    o.insert(QStringLiteral("conversations"), conversations);
    return o;
}

} // namespace md::test
