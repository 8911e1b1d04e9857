#include "store/StoreError.h"

#include <QCoreApplication>
#include <QSqlError>

namespace md::StoreError {

namespace {

// SQLite result codes (sqlite3.h), primary part only.
enum Code {
    Busy = 5,
    Locked = 6,
    NoMem = 7,
    ReadOnly = 8,
    IoErr = 10,
    Corrupt = 11,
    Full = 13,
    CantOpen = 14,
    NotADb = 26,
};

// lupdate files the messages of this file under the context named here (no Q_OBJECT class).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::StoreError)
};

} // namespace

int sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : 0;
}

QString sentence(const QSqlError &error)
{
    QString what;
    switch (sqliteCode(error)) {
    case Busy:
    case Locked:
        what = Tr::tr("The history database is locked by another program (perhaps another Mistral Desk); "
                      "close it and try again.");
        break;
    case ReadOnly:
        what = Tr::tr("The history database cannot be written (the file or its folder is read-only); "
                      "check its permissions.");
        break;
    case Full:
        what = Tr::tr("The disk is full, so the history could not be saved; free some space and try again.");
        break;
    case Corrupt:
    case NotADb:
        what = Tr::tr("The history file is damaged or is not a Mistral Desk database; move it aside to "
                      "start a new history.");
        break;
    case CantOpen:
        what = Tr::tr("The history file cannot be opened; check that its folder exists and is writable.");
        break;
    case IoErr:
        what = Tr::tr("The disk reported an error while reading or writing the history.");
        break;
    case NoMem:
        what = Tr::tr("There is not enough memory to use the history database.");
        break;
    default:
        what = Tr::tr("The history database reported an error.");
        break;
    }
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (detail.trimmed().isEmpty())
        return what;
    return what + QStringLiteral(" (") + detail.trimmed() + QStringLiteral(")");
}

} // namespace md::StoreError
