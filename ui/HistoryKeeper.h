#pragma once

#include "api/Usage.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QWidget;

namespace md {

class ConversationStore;
class ModelCatalog;
class PriceTable;
class UsageLedger;
struct ProxyLogEntry;
struct UsageRecord;

// The app's history database: opens it (or says why it cannot, and the app goes on with its tabs
// in QSettings), records every request in the usage ledger, and runs the export and import
// commands of the File menu.
class HistoryKeeper : public QObject {
    Q_OBJECT
public:
    explicit HistoryKeeper(QObject *parent = nullptr);
    ~HistoryKeeper() override;

    bool open(const QString &path);
    QString error() const { return m_error; }
    ConversationStore *store() const; // null when the database could not be opened
    UsageLedger *ledger() const;      // null likewise

    // One request; `source` is chat, compare, embeddings, fim or proxy.
    void record(const QString &source, const QString &endpoint, const QString &model, const Usage &usage,
                std::optional<double> costUsd);
    // A request through the local proxy: its cost at `prices`, its endpoint from the path.
    void recordProxy(const ProxyLogEntry &entry, const PriceTable &prices, const ModelCatalog *catalog);

    // File menu commands; they ask for the file and report in a message box.
    void exportConversation(QWidget *parent, qint64 conversationId, bool markdown);
    void exportAll(QWidget *parent);
    void importFile(QWidget *parent);

signals:
    void recorded();
    void storeFailed(const QString &message);

private:
    void write(const UsageRecord &record);

    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<UsageLedger> m_ledger;
    QString m_error;
};

} // namespace md
