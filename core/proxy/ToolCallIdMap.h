#pragma once

#include <QHash>
#include <QString>
#include <QStringView>

#include <deque>

namespace md {

// Mistral accepts tool-call ids of exactly 9 characters of [a-zA-Z0-9]; OpenAI-style clients send
// ids such as "call_abc123...". The proxy maps client ids to Mistral's form on the way up and back
// on the way down, so a multi-turn tool conversation from an OpenAI client round-trips.
//
// A derived id comes from a fixed hash (not qHash, whose seed changes per process), so a client id
// whose mapping was evicted maps to the same Mistral id again when the client resends it. Only the
// reverse direction (toClient) truly needs memory, and it only matters for recent ids.
//
// Thread-compatible: one instance belongs to one thread (the proxy's event loop).
class ToolCallIdMap {
public:
    // (client id, attempt) -> 64 bits; `attempt` grows while the derived id is taken by another client id.
    // Replaceable so tests can force collisions.
    using HashFunction = quint64 (*)(QStringView clientId, quint32 attempt);
    static constexpr qsizetype kDefaultCapacity = 100000;
    static constexpr qsizetype kIdLength = 9;

    explicit ToolCallIdMap(qsizetype capacity = kDefaultCapacity, HashFunction hash = &defaultHash);

    // A valid Mistral id passes through unchanged (unless a derived id already took it: then it is
    // mapped like any other, so toClient stays unambiguous). Any other id gets a stable 9-char id.
    QString toMistral(const QString &clientId);
    // The client id that `mistralId` was derived from; `mistralId` itself when it is not a mapped id.
    QString toClient(const QString &mistralId) const;

    qsizetype size() const { return m_toMistral.size(); }
    qsizetype capacity() const { return m_capacity; }

    static quint64 defaultHash(QStringView clientId, quint32 attempt);
    // The low 9 base-62 digits of `value`.
    static QString encode(quint64 value);

private:
    void remember(const QString &clientId, const QString &mistralId);

    QHash<QString, QString> m_toMistral;
    QHash<QString, QString> m_toClient;
    std::deque<QString> m_order; // client ids, oldest first, for eviction
    qsizetype m_capacity;
    HashFunction m_hash;
};

} // namespace md
