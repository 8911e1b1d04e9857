#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace md {

// Where the open conversation tabs are kept between runs: one compact JSON document per tab in
// QSettings, in order, and which one was current. (The history issue moves this into SQLite.)
class TabStore {
public:
    explicit TabStore(QString group = QStringLiteral("conversationTabs"));

    QList<QJsonObject> load(int *current = nullptr) const;
    void save(const QList<QJsonObject> &tabs, int current) const;

private:
    QString m_group;
};

} // namespace md
