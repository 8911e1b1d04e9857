#pragma once

#include <QList>
#include <QString>

namespace md {

// Ready-made client setups for the local proxy. They name the token only through the
// MISTRAL_DESK_TOKEN environment variable, so a snippet can be pasted into a chat, an issue or a
// repository without leaking it, and they never hold the user's Mistral key.
class ProxySnippets {
public:
    struct Snippet {
        QString id;    // "curl", "python-openai"...
        QString title; // shown in the picker
        QString text;
    };

    static inline const QString kTokenVariable = QStringLiteral("MISTRAL_DESK_TOKEN");

    // `host` and `port` are where this computer reaches the proxy (127.0.0.1 even when it listens
    // on all interfaces); `model` is used in the examples.
    static QList<Snippet> build(const QString &host, quint16 port,
                                const QString &model = QStringLiteral("mistral-small-latest"));
};

} // namespace md
