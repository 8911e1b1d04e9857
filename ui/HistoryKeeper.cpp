#include "HistoryKeeper.h"

#include "catalog/PriceTable.h"
#include "proxy/ProxyUsage.h"
#include "store/ConversationStore.h"
#include "store/HistoryExport.h"
#include "store/UsageLedger.h"

#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>

namespace md {

namespace {
bool writeFile(QWidget *parent, const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    QMessageBox::warning(parent, HistoryKeeper::tr("Export failed"),
                         HistoryKeeper::tr("Could not write %1: %2").arg(path, file.errorString()));
    return false;
}
} // namespace

HistoryKeeper::HistoryKeeper(QObject *parent)
    : QObject(parent)
{
}

HistoryKeeper::~HistoryKeeper() = default;

bool HistoryKeeper::open(const QString &path)
{
    auto store = std::make_unique<ConversationStore>();
    if (!store->open(path, &m_error))
        return false;
    m_store = std::move(store);
    m_store->purgeDeleted(); // deletions of the last run can no longer be undone
    m_ledger = std::make_unique<UsageLedger>(m_store.get());
    return true;
}

ConversationStore *HistoryKeeper::store() const
{
    return m_store.get();
}

UsageLedger *HistoryKeeper::ledger() const
{
    return m_ledger.get();
}

void HistoryKeeper::record(const QString &source, const QString &endpoint, const QString &model, const Usage &usage,
                           std::optional<double> costUsd)
{
    UsageRecord record;
    record.time = QDateTime::currentDateTimeUtc();
    record.source = source;
    record.endpoint = endpoint;
    record.model = model;
    record.promptTokens = usage.promptTokens;
    record.completionTokens = usage.completionTokens;
    record.costUsd = costUsd;
    write(record);
}

void HistoryKeeper::recordProxy(const ProxyLogEntry &entry, const PriceTable &prices, const ModelCatalog *catalog)
{
    if (const std::optional<UsageRecord> record = ProxyUsage::recordOf(entry, prices, catalog))
        write(*record); // /health, /v1/models, errors: nothing was spent, no row
}

void HistoryKeeper::write(const UsageRecord &record)
{
    if (!m_ledger)
        return;
    if (!m_ledger->record(record)) {
        emit storeFailed(m_ledger->lastError());
        return;
    }
    emit recorded();
}

void HistoryKeeper::exportConversation(QWidget *parent, qint64 conversationId, bool markdown)
{
    if (!m_store || conversationId == 0)
        return;
    const auto summary = m_store->conversation(conversationId);
    QString title = summary ? summary->title : tr("conversation");
    title.replace(QLatin1Char('/'), QLatin1Char('-'));
    const QString base = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/') + title;
    const QString path = QFileDialog::getSaveFileName(
        parent, tr("Export conversation"), base + (markdown ? QStringLiteral(".md") : QStringLiteral(".json")),
        markdown ? tr("Markdown (*.md)") : tr("Mistral Desk history (*.json)"));
    if (path.isEmpty())
        return;
    writeFile(parent, path,
              markdown ? HistoryExport::toMarkdown(*m_store, conversationId).toUtf8()
                       : QJsonDocument(HistoryExport::exportConversation(*m_store, conversationId)).toJson());
}

void HistoryKeeper::exportAll(QWidget *parent)
{
    if (!m_store)
        return;
    const QString path
        = QFileDialog::getSaveFileName(parent, tr("Export all conversations"),
                                       QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                           + QStringLiteral("/mistral-desk-history.json"),
                                       tr("Mistral Desk history (*.json)"));
    if (!path.isEmpty())
        writeFile(parent, path, QJsonDocument(HistoryExport::exportAll(*m_store)).toJson());
}

void HistoryKeeper::importFile(QWidget *parent)
{
    if (!m_store)
        return;
    const QString path = QFileDialog::getOpenFileName(
        parent, tr("Import conversations"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("Mistral Desk history (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(parent, tr("Import failed"), tr("Could not read %1: %2").arg(path, file.errorString()));
        return;
    }
    QString error;
    const int imported = HistoryExport::importJson(*m_store, file.readAll(), &error);
    if (imported < 0)
        QMessageBox::warning(parent, tr("Import failed"), tr("%1\n\nNothing was changed.").arg(error));
    else
        QMessageBox::information(parent, tr("Import"), tr("%n conversation(s) imported.", nullptr, imported));
}

} // namespace md
