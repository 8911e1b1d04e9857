#include "embeddings/EmbeddingExporter.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace md;

// Exported bytes: .npy header and data exactly as NumPy 1.0 format defines them, CSV and JSON.
class TestEmbeddingExporter : public QObject {
    Q_OBJECT
private:
    static EmbeddingExporter::Data sample()
    {
        return {QStringLiteral("mistral-embed"),
                {QStringLiteral("plain"), QStringLiteral("with, comma \"quoted\"\nand a break")},
                {{1.0f, -0.5f, 0.25f}, {0.1f, 2.0f, -3.0f}}};
    }

private slots:
    void npyHeaderAndData()
    {
        const QByteArray npy = EmbeddingExporter::toNpy(sample().vectors);
        QCOMPARE(npy.left(6), QByteArray("\x93NUMPY"));
        QCOMPARE(npy.at(6), char(1)); // version 1.0
        QCOMPARE(npy.at(7), char(0));
        const quint16 headerLength = qFromLittleEndian<quint16>(npy.constData() + 8);
        const QByteArray header = npy.mid(10, headerLength);
        const QByteArray dict("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
        QCOMPARE(header, dict + QByteArray(headerLength - dict.size() - 1, ' ') + '\n');
        QCOMPARE((10 + headerLength) % 64, 0); // data aligned as NumPy writes it
        QCOMPARE(npy.size(), 10 + headerLength + 2 * 3 * 4);
        const char *data = npy.constData() + 10 + headerLength;
        const float expected[] = {1.0f, -0.5f, 0.25f, 0.1f, 2.0f, -3.0f};
        for (int i = 0; i < 6; ++i)
            QCOMPARE(qFromLittleEndian<float>(data + i * 4), expected[i]);
        // Bytes of 1.0f little-endian, to be sure of the byte order itself.
        QCOMPARE(QByteArray(data, 4), QByteArray("\x00\x00\x80\x3f", 4));
    }

    void npyHeaderForALargeShape()
    {
        const QByteArray header = EmbeddingExporter::npyHeader(10000, 1024);
        QCOMPARE(header.size() % 64, 0);
        QVERIFY(header.contains("'shape': (10000, 1024), }"));
        QVERIFY(header.endsWith('\n'));
    }

    void csvHasHeaderQuotingAndFullPrecision()
    {
        const QByteArray csv = EmbeddingExporter::toCsv(sample());
        const QList<QByteArray> lines = csv.split('\n');
        QCOMPARE(lines[0], QByteArray("index,text,d0,d1,d2"));
        QCOMPARE(lines[1], QByteArray("0,plain,1,-0.5,0.25"));
        QVERIFY(csv.contains("1,\"with, comma \"\"quoted\"\"\nand a break\",0.100000001,2,-3\n"));
    }

    void jsonReadsBack()
    {
        const QByteArray json = EmbeddingExporter::toJson(sample());
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(json, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(root.value(QLatin1String("model")).toString(), QStringLiteral("mistral-embed"));
        QCOMPARE(root.value(QLatin1String("dimension")).toInt(), 3);
        const QJsonArray data = root.value(QLatin1String("data")).toArray();
        QCOMPARE(data.size(), 2);
        QCOMPARE(data[1].toObject().value(QLatin1String("text")).toString(), sample().texts[1]);
        QCOMPARE(float(data[1].toObject().value(QLatin1String("embedding")).toArray()[0].toDouble()), 0.1f);
    }

    void writeFilePicksTheFormatAndReportsErrors()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v.npy"));
        QCOMPARE(EmbeddingExporter::formatFor(path), EmbeddingExporter::Format::Npy);
        QString error;
        QVERIFY(EmbeddingExporter::writeFile(sample(), EmbeddingExporter::Format::Npy, path, &error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), EmbeddingExporter::toNpy(sample().vectors));
        QVERIFY(!EmbeddingExporter::writeFile(sample(), EmbeddingExporter::Format::Csv,
                                              dir.filePath(QStringLiteral("missing/dir/v.csv")), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEmbeddingExporter)
#include "tst_EmbeddingExporter.moc"
