// HistorySidebar: what the context menu and the keys do to a conversation.
#include "history/HistorySidebar.h"

#include "history/HistoryListModel.h"
#include "history/UndoBar.h"
#include "store/ConversationStore.h"
#include "store/HistoryExport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>

namespace md {

namespace {

QString fileNameFor(const QString &title, const QString &suffix)
{
    QString name = title.simplified();
    // Characters that some file systems or shells refuse.
    static const QString bad = QStringLiteral("/\\\\:*?\"<>|");
    for (QChar &c : name) {
        if (bad.contains(c) || c.unicode() < 0x20)
            c = QLatin1Char('-');
    }
    if (name.isEmpty())
        name = QCoreApplication::translate("md::HistorySidebar", "conversation");
    return name.left(80) + suffix;
}

} // namespace

void HistorySidebar::showContextMenu(const QModelIndex &index, const QPoint &globalPos)
{
    const ConversationSummary *summary = m_listModel->summaryAt(index.row());
    if (!summary)
        return;
    const qint64 id = summary->id;
    const bool pinned = summary->pinned;
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("historyContextMenu"));
    connect(menu.addAction(tr("Open")), &QAction::triggered, this, [this, id] {
        m_currentId = id;
        emit openRequested(id, 0);
    });
    QAction *rename = menu.addAction(tr("Rename…"));
    rename->setShortcut(QKeySequence(Qt::Key_F2));
    connect(rename, &QAction::triggered, this, [this, id] { renameConversation(id); });
    connect(menu.addAction(pinned ? tr("Unpin") : tr("Pin")), &QAction::triggered, this,
            [this, id] { togglePinned(id); });
    connect(menu.addAction(tr("Duplicate")), &QAction::triggered, this, [this, id] { duplicateConversation(id); });
    QMenu *exportMenu = menu.addMenu(tr("Export"));
    connect(exportMenu->addAction(tr("As Markdown…")), &QAction::triggered, this,
            [this, id] { exportConversation(id, ExportFormat::Markdown); });
    connect(exportMenu->addAction(tr("As JSON…")), &QAction::triggered, this,
            [this, id] { exportConversation(id, ExportFormat::Json); });
    menu.addSeparator();
    QAction *remove = menu.addAction(tr("Delete"));
    remove->setShortcut(QKeySequence(QKeySequence::Delete));
    connect(remove, &QAction::triggered, this, [this, id] { deleteConversation(id); });
    menu.exec(globalPos);
}

void HistorySidebar::renameConversation(qint64 id)
{
    const int row = m_listModel->rowOfConversation(id);
    if (row < 0)
        return;
    if (!m_search->text().isEmpty())
        m_search->clear(); // the list must be showing to edit in place
    const QModelIndex index = m_listModel->index(row);
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
    m_list->setFocus(Qt::OtherFocusReason);
    m_list->edit(index);
}

void HistorySidebar::togglePinned(qint64 id)
{
    const int row = m_listModel->rowOfConversation(id);
    const ConversationSummary *summary = m_listModel->summaryAt(row);
    if (summary && !m_store->setPinned(id, !summary->pinned))
        QMessageBox::warning(this, tr("Could not pin"), m_store->lastError());
}

void HistorySidebar::duplicateConversation(qint64 id)
{
    const qint64 copy = m_store->duplicateConversation(id);
    if (copy == 0) {
        QMessageBox::warning(this, tr("Could not duplicate"), m_store->lastError());
        return;
    }
    m_currentId = copy;
    reload();
    emit openRequested(copy, 0);
}

void HistorySidebar::deleteConversation(qint64 id)
{
    const std::optional<ConversationSummary> summary = m_store->conversation(id);
    if (!summary)
        return;
    // Keep the keyboard in the list: the next conversation takes the deleted one's place.
    const int row = m_listModel->rowOfConversation(id);
    if (!m_store->deleteConversation(id)) {
        QMessageBox::warning(this, tr("Could not delete"), m_store->lastError());
        return;
    }
    m_undoBar->showFor(id, summary->title.isEmpty() ? tr("Untitled conversation") : summary->title);
    if (m_currentId == id)
        m_currentId = 0;
    reload();
    if (row >= 0 && m_listModel->rowCount() > 0) {
        int next = std::min(row, m_listModel->rowCount() - 1);
        while (next < m_listModel->rowCount() - 1 && !m_listModel->conversationAt(next))
            ++next;
        while (next > 0 && !m_listModel->conversationAt(next))
            --next;
        if (m_listModel->conversationAt(next))
            m_list->setCurrentIndex(m_listModel->index(next));
    }
    emit conversationDeleted(id);
}

void HistorySidebar::undoDelete()
{
    const qint64 id = m_undoBar->pendingConversation();
    m_undoBar->dismiss();
    if (id && m_store->restoreConversation(id)) {
        reload();
        emit conversationRestored(id);
    }
}

void HistorySidebar::exportConversation(qint64 id, ExportFormat format)
{
    const std::optional<ConversationSummary> summary = m_store->conversation(id);
    if (!summary)
        return;
    const bool markdown = format == ExportFormat::Markdown;
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    const QString suggested
        = QDir(dir).filePath(fileNameFor(summary->title, markdown ? QStringLiteral(".md") : QStringLiteral(".json")));
    const QString path = QFileDialog::getSaveFileName(
        this, markdown ? tr("Export conversation as Markdown") : tr("Export conversation as JSON"), suggested,
        markdown ? tr("Markdown (*.md);;All files (*)") : tr("JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportConversationTo(id, format, path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

bool HistorySidebar::exportConversationTo(qint64 id, ExportFormat format, const QString &path, QString *error)
{
    QByteArray bytes;
    if (format == ExportFormat::Markdown) {
        bytes = HistoryExport::toMarkdown(*m_store, id).toUtf8();
    } else {
        // The documented exchange format (envelope + this one conversation): Import reads it back.
        const QJsonObject file = HistoryExport::exportConversation(*m_store, id);
        if (!file.value(QStringLiteral("conversations")).toArray().isEmpty())
            bytes = QJsonDocument(file).toJson(QJsonDocument::Indented);
    }
    if (bytes.isEmpty()) {
        if (error)
            *error = m_store->lastError().isEmpty() ? tr("The conversation could not be read.") : m_store->lastError();
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace md
