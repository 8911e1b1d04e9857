#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace md::StoreSchema {

// The history database's schema as the list of steps that built it, kept verbatim: step N (1-based)
// takes a database from PRAGMA user_version N-1 to N. Released steps are never edited, only appended,
// so a file written by any earlier version can be brought up to date, and tests can build one.
QList<QStringList> steps();
int latestVersion();
qint64 applicationId(); // PRAGMA application_id of a history file

// The schema version stored in the file (0 for a new one); -1 with `error` when it cannot be read.
int version(const QSqlDatabase &db, QString *error);

// Applies steps version+1..target, each in its own transaction together with its user_version bump,
// so an interrupted migration leaves the file at the last complete step.
bool migrate(QSqlDatabase &db, int target, QString *error);

} // namespace md::StoreSchema
