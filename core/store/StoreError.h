#pragma once

#include <QString>

class QSqlError;

namespace md::StoreError {

// SQLite's primary result code of a failed call (extended codes folded), 0 when there is none.
int sqliteCode(const QSqlError &error);

// A sentence for the user about a failed database call: what happened and what to do about it,
// with SQLite's own words in parentheses for a bug report.
QString sentence(const QSqlError &error);

} // namespace md::StoreError
