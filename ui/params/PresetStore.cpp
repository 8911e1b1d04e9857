#include "params/PresetStore.h"

#include "store/ConversationStore.h"

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
    if (m_store) {
        m_store->removePreset(name.trimmed());
        emit changed();
        return;
    }
    writeAll(all);
}

void PresetStore::useStore(ConversationStore *store)
{
    QSettings settings;
    const QJsonObject kept = QJsonDocument::fromJson(settings.value(kKey).toByteArray()).object();
    for (auto it = kept.begin(); it != kept.end(); ++it) {
        if (!store->savePreset(it.key(), it.value().toObject()))
            return; // stay on QSettings: nothing is lost, the next start tries again
    }
    settings.remove(kKey);
    m_store = store;
    emit changed();
}

QJsonObject PresetStore::readAll() const
{
    if (m_store) {
        QJsonObject all;
        const QMap<QString, QJsonObject> presets = m_store->presets();
        for (auto it = presets.begin(); it != presets.end(); ++it)
            all.insert(it.key(), it.value());
        return all;
    }
    const QSettings settings;
    return QJsonDocument::fromJson(settings.value(kKey).toByteArray()).object();
}

void PresetStore::writeAll(const QJsonObject &all)
{
    if (m_store) {
        for (auto it = all.begin(); it != all.end(); ++it)
            m_store->savePreset(it.key(), it.value().toObject());
        emit changed();
        return;
    }
    QSettings settings;
    settings.setValue(kKey, QJsonDocument(all).toJson(QJsonDocument::Compact));
    emit changed();
}

} // namespace md
