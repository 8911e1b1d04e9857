#include "SampleConversation.h"

#include <QRandomGenerator>
#include <QStringList>

namespace md::bench {

namespace {

const char *const kWords[]
    = {"the",   "model", "returns", "a",       "list",    "of",      "tokens",  "when",   "stream", "is",    "true",
       "and",   "each",  "chunk",   "carries", "usage",   "request", "handler", "cache",  "layout", "width", "function",
       "value", "error", "retry",   "after",   "seconds", "because", "memory",  "thread", "queue",  "faster"};

const char *const kCode[] = {
    "```python\nimport json\n\ndef load(path: str) -> dict:\n    \"\"\"Read a JSON file.\"\"\"\n    with open(path) as "
    "f:\n"
    "        return json.load(f)  # may raise\n```",
    "```js\nconst res = await fetch(url, { method: 'POST', body: JSON.stringify(payload) });\nif (!res.ok) throw new "
    "Error(`HTTP ${res.status}`);\nconst data = await res.json();\n```",
    "```cpp\n#include <vector>\n\nint sum(const std::vector<int> &v) {\n    int total = 0;\n    for (int x : v)\n"
    "        total += x; // no overflow check\n    return total;\n}\n```",
    "```bash\ncurl -s https://api.example.com/v1/models \\\n  -H \"Authorization: Bearer $KEY\" | jq '.data[].id'\n```",
    "```sql\nSELECT model, COUNT(*) AS calls, SUM(cost) FROM usage\nWHERE day >= '2025-01-01'\nGROUP BY model ORDER "
    "BY 3 DESC;\n```",
    "```rust\nfn main() {\n    let v: Vec<u64> = (1..=10).collect();\n    println!(\"{}\", "
    "v.iter().sum::<u64>());\n}\n```",
};

QString sentence(QRandomGenerator &random, int words)
{
    QStringList parts;
    for (int i = 0; i < words; ++i) {
        QString w = QString::fromLatin1(kWords[random.bounded(int(std::size(kWords)))]);
        if (i == 0)
            w[0] = w[0].toUpper();
        if (random.bounded(12) == 0)
            w = QStringLiteral("**") + w + QStringLiteral("**");
        else if (random.bounded(14) == 0)
            w = QLatin1Char('`') + w + QLatin1Char('`');
        parts << w;
    }
    return parts.join(QLatin1Char(' ')) + QLatin1Char('.');
}

QString paragraph(QRandomGenerator &random)
{
    QStringList s;
    const int n = 2 + random.bounded(4);
    for (int i = 0; i < n; ++i)
        s << sentence(random, 6 + random.bounded(12));
    return s.join(QLatin1Char(' '));
}

QString answer(QRandomGenerator &random, int targetChars)
{
    QStringList blocks;
    qsizetype size = 0;
    while (size < targetChars) {
        QString block;
        switch (random.bounded(8)) {
        case 0:
            block = QStringLiteral("### ") + sentence(random, 3 + random.bounded(3));
            break;
        case 1:
        case 2:
            block = QString::fromUtf8(kCode[random.bounded(int(std::size(kCode)))]);
            break;
        case 3: {
            QStringList items;
            for (int i = 0, n = 2 + random.bounded(4); i < n; ++i)
                items << QStringLiteral("- ") + sentence(random, 4 + random.bounded(8));
            block = items.join(QLatin1Char('\n'));
            break;
        }
        case 4:
            if (random.bounded(3) == 0) {
                block
                    = QStringLiteral("| model | calls | cost |\n|---|---:|---:|\n| small | 120 | $0.01 |\n| large | 14 "
                                     "| $0.20 |");
                break;
            }
            Q_FALLTHROUGH();
        default:
            block = paragraph(random);
        }
        size += block.size();
        blocks << block;
    }
    return blocks.join(QStringLiteral("\n\n"));
}

} // namespace

QList<ChatEntry> sampleConversation(int count, quint32 seed)
{
    QRandomGenerator random(seed);
    QList<ChatEntry> list;
    list.reserve(count);
    for (int i = 0; i < count; ++i) {
        ChatEntry e;
        if (i % 2 == 0) {
            e.message = ChatMessage::user(
                sentence(random, 5 + random.bounded(25)).replace(QLatin1Char('.'), QLatin1Char('?')));
        } else {
            e.message = ChatMessage::assistant(answer(random, 300 + random.bounded(1800)));
            e.model = QStringLiteral("mistral-medium-latest");
            e.usage = {qint64(500 + i * 40), qint64(100 + random.bounded(600)), 0};
            e.usage.totalTokens = e.usage.promptTokens + e.usage.completionTokens;
            e.hasUsage = true;
            e.costUsd = 0.0004 * (1 + random.bounded(20));
            e.timeToFirstTokenMs = 200 + random.bounded(600);
            e.tokensPerSecond = 40 + random.bounded(60);
            e.finishReason = QStringLiteral("stop");
        }
        list << e;
    }
    return list;
}

QString sampleAnswer(int tokens, quint32 seed)
{
    QRandomGenerator random(seed);
    // About 4.5 characters per token in English prose and code.
    return answer(random, tokens * 9 / 2);
}

} // namespace md::bench
