#pragma once

#include "tools/ToolSpec.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace md {

// Reading and writing tool sets as JSON files, and the ready-made examples.
// The file is the `tools` array of a chat request (what other playgrounds and SDK code hold), each
// tool possibly carrying an "x-mistral-desk" object with its responder; {"tools": [...]} is read too.
class ToolSet {
public:
    static QByteArray toJson(const QList<ToolSpec> &tools);
    // Every tool or nothing: on a problem returns false with `error` naming the tool and why.
    // Commands come in not allowed: a file cannot grant itself the right to run a program.
    static bool fromJson(const QByteArray &json, QList<ToolSpec> *tools, QString *error);

    // A weather lookup, a calculator and a web search, with fixed answers a test conversation can use.
    static QList<ToolSpec> examples();
    // `name` when no tool in `tools` has it, else name_2, name_3...
    static QString uniqueName(const QList<ToolSpec> &tools, const QString &name);
};

} // namespace md
