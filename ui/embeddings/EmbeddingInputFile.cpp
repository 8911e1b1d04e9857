#include "embeddings/EmbeddingInputFile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

namespace md {

namespace {
bool decodeUtf8(const QByteArray &data, QString *out, QString *error)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QByteArrayView bytes(data);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3); // a BOM, as spreadsheet programs write
    *out = decoder.decode(bytes);
    if (decoder.hasError()) {
        *error = EmbeddingInputFile::tr("The file is not UTF-8 text.");
        return false;
    }
    return true;
}
} // namespace

EmbeddingInputFile::Format EmbeddingInputFile::formatFor(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return Format::Csv;
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson"))
        return Format::JsonLines;
    return Format::Text;
}

bool EmbeddingInputFile::load(const QString &path, QString *error, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
        return false;
    }
    if (file.size() > maxBytes) {
        *error = tr("%1 is too large (%2 MB; at most %3 MB).")
                     .arg(QFileInfo(path).fileName())
                     .arg(file.size() / (1024 * 1024))
                     .arg(maxBytes / (1024 * 1024));
        return false;
    }
    return parse(file.readAll(), formatFor(path), error);
}

bool EmbeddingInputFile::parse(const QByteArray &data, Format format, QString *error)
{
    EmbeddingInputFile next;
    next.m_format = format;
    bool ok = false;
    if (format == Format::JsonLines) {
        ok = next.parseJsonLines(data, error);
    } else {
        QString text;
        if (!decodeUtf8(data, &text, error))
            return false;
        ok = format == Format::Csv ? next.parseCsvTable(text, error) : next.parseText(text, error);
    }
    if (ok)
        *this = std::move(next);
    return ok;
}

bool EmbeddingInputFile::parseText(const QString &text, QString *error)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (QString line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty())
            ++m_skippedEmpty;
        else
            m_texts.append(line);
    }
    if (m_texts.isEmpty()) {
        *error = tr("The file holds no text.");
        return false;
    }
    return true;
}

QList<QStringList> EmbeddingInputFile::parseCsv(const QString &text, QString *error)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    int line = 1;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                    field.append(c);
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || fieldWasQuoted) {
                *error = tr("Line %1: a quote inside an unquoted field.").arg(line);
                return {};
            }
            quoted = true;
            fieldWasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
            fieldWasQuoted = false;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            row.append(field);
            field.clear();
            fieldWasQuoted = false;
            if (!(row.size() == 1 && row.constFirst().isEmpty()))
                rows.append(row);
            row.clear();
            ++line;
        } else {
            if (fieldWasQuoted) {
                *error = tr("Line %1: text after a closing quote.").arg(line);
                return {};
            }
            field.append(c);
        }
    }
    if (quoted) {
        *error = tr("Line %1: a quoted field is never closed.").arg(line);
        return {};
    }
    if (!field.isEmpty() || fieldWasQuoted || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

bool EmbeddingInputFile::parseCsvTable(const QString &text, QString *error)
{
    QString csvError;
    QList<QStringList> rows = parseCsv(text, &csvError);
    if (!csvError.isEmpty()) {
        *error = csvError;
        return false;
    }
    if (rows.size() < 2) {
        *error = tr("The CSV file needs a header row and at least one row of data.");
        return false;
    }
    m_columns = rows.takeFirst();
    for (int r = 0; r < rows.size(); ++r) {
        if (rows.at(r).size() != m_columns.size()) {
            *error = tr("Row %1 has %2 fields; the header has %3.")
                         .arg(r + 2)
                         .arg(rows.at(r).size())
                         .arg(m_columns.size());
            return false;
        }
    }
    m_rows = std::move(rows);
    m_defaultColumn = -1;
    for (int c = 0; c < m_columns.size(); ++c) {
        if (m_columns.at(c).trimmed().compare(QLatin1String("text"), Qt::CaseInsensitive) == 0)
            m_defaultColumn = c;
    }
    if (m_defaultColumn < 0) {
        // The column with the most characters is the likeliest to hold the texts (not ids or labels).
        qsizetype best = -1;
        for (int c = 0; c < m_columns.size(); ++c) {
            qsizetype chars = 0;
            for (const QStringList &row : std::as_const(m_rows))
                chars += row.at(c).size();
            if (chars > best) {
                best = chars;
                m_defaultColumn = c;
            }
        }
    }
    return true;
}

bool EmbeddingInputFile::parseJsonLines(const QByteArray &data, QString *error)
{
    const QList<QByteArray> lines = data.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            *error = parseError.error != QJsonParseError::NoError
                ? tr("Line %1 is not JSON: %2.").arg(i + 1).arg(parseError.errorString())
                : tr("Line %1 is not a JSON object.").arg(i + 1);
            return false;
        }
        const QJsonObject object = doc.object();
        QString text;
        if (object.value(QLatin1String("text")).isString()) {
            text = object.value(QLatin1String("text")).toString();
        } else {
            // QJsonObject keeps keys sorted: find the string field that comes first in the line itself.
            qsizetype first = -1;
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                if (!it.value().isString())
                    continue;
                const QByteArray quotedKey = '"' + it.key().toUtf8() + '"';
                qsizetype at = line.indexOf(quotedKey);
                if (at < 0)
                    at = line.size(); // an escaped key: keep it as a fallback
                if (first < 0 || at < first) {
                    first = at;
                    text = it.value().toString();
                }
            }
            if (first < 0) {
                *error = tr("Line %1 has no string field to embed.").arg(i + 1);
                return false;
            }
        }
        if (text.trimmed().isEmpty())
            ++m_skippedEmpty;
        else
            m_texts.append(text);
    }
    if (m_texts.isEmpty()) {
        *error = tr("The file holds no text.");
        return false;
    }
    return true;
}

QStringList EmbeddingInputFile::texts(int column) const
{
    if (m_format != Format::Csv)
        return m_texts;
    const int c = column < 0 ? m_defaultColumn : column;
    QStringList out;
    if (c < 0 || c >= m_columns.size())
        return out;
    for (const QStringList &row : m_rows) {
        if (!row.at(c).trimmed().isEmpty())
            out.append(row.at(c));
    }
    return out;
}

} // namespace md
