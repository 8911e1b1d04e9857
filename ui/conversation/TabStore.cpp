#include "conversation/TabStore.h"

#include <QJsonDocument>
#include <QSettings>

namespace md {

TabStore::TabStore(QString group)
    : m_group(std::move(group))
{
}

QList<QJsonObject> TabStore::load(int *current) const
{
    QSettings settings;
    settings.beginGroup(m_group);
    QList<QJsonObject> tabs;
    const int count = settings.value(QStringLiteral("count"), 0).toInt();
    for (int i = 0; i < count; ++i) {
        const QJsonDocument doc = QJsonDocument::fromJson(settings.value(QString::number(i)).toByteArray());
        if (doc.isObject()) // a damaged entry is skipped, the others still open
            tabs.append(doc.object());
    }
    if (current)
        *current = qBound(0, settings.value(QStringLiteral("current"), 0).toInt(), qMax(0, int(tabs.size()) - 1));
    return tabs;
}

void TabStore::save(const QList<QJsonObject> &tabs, int current) const
{
    QSettings settings;
    settings.remove(m_group);
    settings.beginGroup(m_group);
    settings.setValue(QStringLiteral("count"), int(tabs.size()));
    settings.setValue(QStringLiteral("current"), current);
    for (int i = 0; i < tabs.size(); ++i)
        settings.setValue(QString::number(i), QJsonDocument(tabs.at(i)).toJson(QJsonDocument::Compact));
}

} // namespace md
