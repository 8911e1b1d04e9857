#pragma once

#include <QByteArray>
#include <QString>

namespace md {

class ConversationStore;

// HistoryExport::importJson's work: checks the whole file first, then writes it in one transaction.
class HistoryImport {
public:
    static int run(ConversationStore &store, const QByteArray &json, QString *error);
};

} // namespace md
