#pragma once

#include "params/ChatParameters.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace md {

class ConversationStore;

// Named parameter presets (system prompt and parameters, never the model: a preset is applied to
// whatever model a tab uses). Kept in the history database when the app has one (useStore), else in
// QSettings under one key, so every tab and every run of the app sees the same list. One store is
// shared by all tabs.
class PresetStore : public QObject {
    Q_OBJECT
public:
    explicit PresetStore(QObject *parent = nullptr);

    // Sorted case-insensitively.
    QStringList names() const;
    // The preset's parameters; its `model` is empty since presets do not hold one.
    std::optional<ChatParameters> preset(const QString &name) const;
    bool contains(const QString &name) const { return preset(name).has_value(); }
    // Adds or replaces. Names are trimmed; an empty name is ignored.
    void save(const QString &name, const ChatParameters &parameters);
    void remove(const QString &name);
    // Keeps the presets in `store` from now on; those in QSettings move there, once.
    void useStore(ConversationStore *store);

signals:
    void changed();

private:
    QJsonObject readAll() const;
    void writeAll(const QJsonObject &all);

    ConversationStore *m_store = nullptr;
};

} // namespace md
