#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace md {

// Appends `utf8` as a JSON string, escaped as QJsonDocument escapes it (quote, backslash, control
// characters; UTF-8 kept as is). For JSON written by hand where building a QJsonObject per line or
// event would cost more than the rest of the work (the proxy's access log, the fake upstream).
void appendJsonString(QByteArray &out, QByteArrayView utf8);

} // namespace md
