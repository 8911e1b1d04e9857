#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace md {

// Texts to embed, read from a file: .txt (one text per non-empty line), .csv (one column of a table
// with a header row; RFC 4180 quoting, so a quoted field may hold commas and line breaks) or .jsonl
// (one JSON object per line: its "text" field, else its first string field). Anything the file
// does not hold the way it should is an error with the line number; nothing is half-loaded.
class EmbeddingInputFile {
    Q_DECLARE_TR_FUNCTIONS(EmbeddingInputFile)
public:
    enum class Format { Text, Csv, JsonLines };

    // False with `error` set (the object is then unchanged). Reads at most `maxBytes`.
    bool load(const QString &path, QString *error, qint64 maxBytes = 256 * 1024 * 1024);
    bool parse(const QByteArray &data, Format format, QString *error);
    static Format formatFor(const QString &path); // by extension; unknown = Text

    Format format() const { return m_format; }
    QStringList columns() const { return m_columns; }     // CSV header; empty otherwise
    int defaultColumn() const { return m_defaultColumn; } // CSV: "text" if present, else the widest column
    QStringList texts(int column = -1) const;             // CSV: that column (-1 = defaultColumn())
    qsizetype skippedEmpty() const { return m_skippedEmpty; }

    static QList<QStringList> parseCsv(const QString &text, QString *error);

private:
    bool parseText(const QString &text, QString *error);
    bool parseCsvTable(const QString &text, QString *error);
    bool parseJsonLines(const QByteArray &data, QString *error);

    Format m_format = Format::Text;
    QStringList m_columns;
    QList<QStringList> m_rows; // CSV data rows
    QStringList m_texts;       // txt / jsonl
    int m_defaultColumn = 0;
    qsizetype m_skippedEmpty = 0;
};

} // namespace md
