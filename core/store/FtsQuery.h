#pragma once

#include <QString>

namespace md::FtsQuery {

// Turns whatever the user typed into a valid FTS5 query: every word becomes a quoted term (so
// `AND(`, a stray `"`, `*` or `-` are just text), a "quoted phrase" stays a phrase, terms are ANDed,
// and the last bare word of two or more characters matches as a prefix (search as you type).
// Empty when nothing searchable is left.
QString fromUserText(const QString &text);

} // namespace md::FtsQuery
