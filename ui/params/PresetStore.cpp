#include "params/PresetStore.h"

#include <QJsonDocument>
#include <QSettings>

namespace md {

namespace {
// One JSON document rather than a settings group per preset: preset names are free text, and
// QSettings gives '/' and '\' in keys a meaning of their own.
const QString kKey = QStringLiteral("parameters/presets");
const QLatin1String kModel("model");
} // namespace

PresetStore::PresetStore(QObject *parent)
    : QObject(parent)
{
}

QStringList PresetStore::names() const
{
    QStringList list = readAll().keys();
    list.sort(Qt::CaseInsensitive);
    return list;
}

std::optional<ChatParameters> PresetStore::preset(const QString &name) const
{
    const QJsonValue value = readAll().value(name.trimmed());
    if (!value.isObject())
        return std::nullopt;
    ChatParameters parameters = ChatParameters::fromJson(value.toObject());
    parameters.model.clear();
    return parameters;
}

void PresetStore::save(const QString &name, const ChatParameters &parameters)
{
    const QString key = name.trimmed();
    if (key.isEmpty())
        return;
    QJsonObject json = parameters.toJson();
    json.remove(kModel);
    QJsonObject all = readAll();
    all.insert(key, json);
    writeAll(all);
}

void PresetStore::remove(const QString &name)
{
    QJsonObject all = readAll();
    if (!all.contains(name.trimmed()))
        return;
    all.remove(name.trimmed());
    writeAll(all);
}

QJsonObject PresetStore::readAll() const
{
    const QSettings settings;
    return QJsonDocument::fromJson(settings.value(kKey).toByteArray()).object();
}

void PresetStore::writeAll(const QJsonObject &all)
{
    QSettings settings;
    settings.setValue(kKey, QJsonDocument(all).toJson(QJsonDocument::Compact));
    emit changed();
}

} // namespace md
