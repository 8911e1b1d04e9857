#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonDocument>
#include <QString>

namespace md {

// Appends `utf8` as a JSON string, escaped as QJsonDocument escapes it (quote, backslash, control
// characters; UTF-8 kept as is). For JSON written by hand where building a QJsonObject per line or
// event would cost more than the rest of the work (the proxy's access log, the fake upstream).
void appendJsonString(QByteArray &out, QByteArrayView utf8);

// Parses `text` as JSON. Returns an empty string and sets `doc` when it parses, otherwise the
// problem where a person can find it in an editor: "Line 3, column 14: unterminated string"
// (columns count characters, not the UTF-8 bytes QJsonParseError's offset counts).
QString parseJsonText(const QString &text, QJsonDocument *doc = nullptr);

} // namespace md
