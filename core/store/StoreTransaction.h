#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace md {

// All or nothing for a group of statements. Built on a SAVEPOINT, so it nests: a store call that
// needs a transaction works alone and inside a caller's (an import, a benchmark's bulk load).
// Destroyed without commit(), it rolls back.
class StoreTransaction {
public:
    explicit StoreTransaction(const QSqlDatabase &db)
        : m_query(db)
    {
        m_open = m_query.exec(QStringLiteral("SAVEPOINT md_store"));
        if (!m_open)
            m_error = m_query.lastError();
    }
    ~StoreTransaction()
    {
        if (m_open) {
            m_query.exec(QStringLiteral("ROLLBACK TO md_store"));
            m_query.exec(QStringLiteral("RELEASE md_store"));
        }
    }
    StoreTransaction(const StoreTransaction &) = delete;
    StoreTransaction &operator=(const StoreTransaction &) = delete;

    bool isOpen() const { return m_open; }
    QSqlError error() const { return m_error; }
    bool commit()
    {
        if (!m_open)
            return false;
        if (!m_query.exec(QStringLiteral("RELEASE md_store"))) {
            m_error = m_query.lastError();
            return false; // still open: the destructor rolls back
        }
        m_open = false;
        return true;
    }

private:
    QSqlQuery m_query;
    QSqlError m_error;
    bool m_open = false;
};

} // namespace md
