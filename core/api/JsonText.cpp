#include "api/JsonText.h"

#include <QCoreApplication>

namespace md {

void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    out += '"';
    qsizetype plainFrom = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out += utf8.sliced(plainFrom, i - plainFrom);
        plainFrom = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default: {
            static constexpr char kHex[] = "0123456789abcdef";
            const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
            out += QByteArrayView(escaped, 6);
        }
        }
    }
    out += utf8.sliced(plainFrom);
    out += '"';
}

QString parseJsonText(const QString &text, QJsonDocument *doc)
{
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error {};
    QJsonDocument parsed = QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError) {
        if (doc)
            *doc = std::move(parsed);
        return {};
    }
    const QByteArray before = utf8.left(error.offset);
    const int line = int(before.count('\n')) + 1;
    const int column = int(QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size()) + 1;
    return QCoreApplication::translate("md::JsonText", "Line %1, column %2: %3")
        .arg(line)
        .arg(column)
        .arg(error.errorString());
}

} // namespace md
