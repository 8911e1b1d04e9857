#include "store/FtsQuery.h"

#include <QStringList>

namespace md::FtsQuery {

namespace {

// What the unicode61 tokenizer would split on anyway becomes a space; what is left cannot break
// out of a quoted FTS5 string because it holds no quote.
QString clean(const QString &term)
{
    QString out;
    out.reserve(term.size());
    for (const QChar c : term)
        out += (c.isLetterOrNumber() || c.isMark() || c.isSurrogate()) ? c : QLatin1Char(' ');
    return out.simplified();
}

} // namespace

QString fromUserText(const QString &text)
{
    QStringList terms;
    bool lastIsBareWord = false;
    QString lastBare;
    int i = 0;
    const int n = int(text.size());
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        QString term;
        bool quoted = false;
        if (c == QLatin1Char('"')) {
            // A phrase runs to the closing quote, or to the end when the user has not typed it yet.
            int end = int(text.indexOf(QLatin1Char('"'), i + 1));
            if (end < 0)
                end = n;
            term = text.mid(i + 1, end - i - 1);
            i = end + 1;
            quoted = true;
        } else {
            int end = i;
            while (end < n && !text.at(end).isSpace() && text.at(end) != QLatin1Char('"'))
                ++end;
            term = text.mid(i, end - i);
            i = end;
        }
        const QString cleaned = clean(term);
        if (cleaned.isEmpty())
            continue;
        terms << QLatin1Char('"') + cleaned + QLatin1Char('"');
        lastIsBareWord = !quoted;
        lastBare = cleaned;
    }
    if (terms.isEmpty())
        return {};
    const bool stillTyping = n > 0 && !text.at(n - 1).isSpace();
    if (lastIsBareWord && stillTyping && lastBare.size() >= 2)
        terms.last() += QLatin1Char('*');
    return terms.join(QLatin1Char(' '));
}

} // namespace md::FtsQuery
