#include "proxy/ToolCallIdMap.h"

#include "api/ToolCall.h"

#include <algorithm>

namespace md {

ToolCallIdMap::ToolCallIdMap(qsizetype capacity, HashFunction hash)
    : m_capacity(std::max<qsizetype>(capacity, 1))
    , m_hash(hash ? hash : &defaultHash)
{
}

QString ToolCallIdMap::toMistral(const QString &clientId)
{
    const auto known = m_toMistral.constFind(clientId);
    if (known != m_toMistral.constEnd())
        return *known;

    QString mistralId;
    if (ToolCall::isValidMistralId(clientId) && !m_toClient.contains(clientId)) {
        // Remembered as an identity mapping so that no derived id can take it later.
        mistralId = clientId;
    } else {
        // Adding `attempt` makes the probe sequence distinct even for a degenerate hash, so the loop
        // ends after at most size() steps; with the real hash it ends at attempt 0 nearly always.
        for (quint32 attempt = 0;; ++attempt) {
            mistralId = encode(m_hash(clientId, attempt) + attempt);
            if (!m_toClient.contains(mistralId))
                break;
        }
    }
    remember(clientId, mistralId);
    return mistralId;
}

QString ToolCallIdMap::toClient(const QString &mistralId) const
{
    return m_toClient.value(mistralId, mistralId);
}

void ToolCallIdMap::remember(const QString &clientId, const QString &mistralId)
{
    m_toMistral.insert(clientId, mistralId);
    m_toClient.insert(mistralId, clientId);
    m_order.push_back(clientId);
    // Oldest first rather than least recently used: a resent client id re-derives the same Mistral id,
    // so forgetting an old but still used mapping costs nothing on the way up.
    while (qsizetype(m_order.size()) > m_capacity) {
        const QString oldest = m_order.front();
        m_order.pop_front();
        m_toClient.remove(m_toMistral.take(oldest));
    }
}

quint64 ToolCallIdMap::defaultHash(QStringView clientId, quint32 attempt)
{
    // FNV-1a over the UTF-16 code units, seeded by the attempt, then the splitmix64 finaliser:
    // FNV alone leaves the low bits weak, and the base-62 digits are taken from the low end.
    quint64 h = 0xcbf29ce484222325ULL ^ (quint64(attempt) * 0x9e3779b97f4a7c15ULL);
    for (const QChar c : clientId) {
        h ^= c.unicode();
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

QString ToolCallIdMap::encode(quint64 value)
{
    static constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id(kIdLength, Qt::Uninitialized);
    for (qsizetype i = kIdLength - 1; i >= 0; --i) {
        id[i] = QLatin1Char(kDigits[value % 62]);
        value /= 62;
    }
    return id;
}

} // namespace md
