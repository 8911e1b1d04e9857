#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

class QIODevice;

namespace md {

// Writes embeddings as the API returned them (before normalisation) for other tools:
// CSV (index, text, one column per dimension), JSON (model, dimension and one object per input),
// and NumPy .npy (format 1.0: little-endian float32, shape (n, d), C order), which
// numpy.load() reads without options. Pure functions, safe to run on a worker thread.
class EmbeddingExporter {
public:
    enum class Format { Csv, Json, Npy };

    struct Data {
        QString model;
        QStringList texts;
        QList<QVector<float>> vectors;
    };

    static bool write(const Data &data, Format format, QIODevice *device, QString *error);
    static bool writeFile(const Data &data, Format format, const QString &path, QString *error);
    static Format formatFor(const QString &path); // by extension; unknown = Csv

    static QByteArray npyHeader(qsizetype rows, qsizetype columns);
    static QByteArray toNpy(const QList<QVector<float>> &vectors);
    static QByteArray toCsv(const Data &data);
    static QByteArray toJson(const Data &data);
};

} // namespace md
