#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace md {

class ConversationStore;

// The documented exchange format (see core/store/README.md):
// {"format":"mistral-desk-history","version":1,"exported_at":"<ISO 8601>","conversations":[...]}
namespace HistoryExport {
inline constexpr char kFormatName[] = "mistral-desk-history";
inline constexpr int kFormatVersion = 1;
QJsonObject exportConversation(const ConversationStore &store, qint64 id);
QJsonObject exportAll(const ConversationStore &store);
QString toMarkdown(const ConversationStore &store, qint64 id); // the active path, readable
// All or nothing, in one transaction: a malformed or foreign file changes nothing and `error` says why
// in a sentence. Imported conversations get new ids; returns how many were imported (-1 on error).
int importJson(ConversationStore &store, const QByteArray &json, QString *error);
} // namespace HistoryExport

} // namespace md
