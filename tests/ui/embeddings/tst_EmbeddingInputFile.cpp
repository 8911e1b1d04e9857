#include "embeddings/EmbeddingInputFile.h"
#include "embeddings/EmbeddingsInputPanel.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

// Loading texts from .txt, .csv and .jsonl files, the errors of bad files, and the input panel
// that shows them (a bad file leaves the texts as they were).
class TestEmbeddingInputFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        return path;
    }

private slots:
    void textFileIsOneTextPerLine()
    {
        EmbeddingInputFile file;
        QString error;
        QVERIFY(file.load(write(QStringLiteral("a.txt"),
                                "\xEF\xBB\xBF"
                                "first\r\n\r\nsecond line\n  \nthird"),
                          &error));
        QCOMPARE(file.texts(),
                 QStringList({QStringLiteral("first"), QStringLiteral("second line"), QStringLiteral("third")}));
        QCOMPARE(file.skippedEmpty(), 2);
    }

    void csvPicksTheTextColumnAndHonoursQuotes()
    {
        EmbeddingInputFile file;
        QString error;
        const QByteArray csv = "id,text,label\n"
                               "1,\"Hello, world\",greeting\n"
                               "2,\"She said \"\"hi\"\"\nand left\",story\r\n"
                               "3,,empty\n";
        QVERIFY2(file.load(write(QStringLiteral("b.csv"), csv), &error), qPrintable(error));
        QCOMPARE(file.columns(), QStringList({QStringLiteral("id"), QStringLiteral("text"), QStringLiteral("label")}));
        QCOMPARE(file.defaultColumn(), 1);
        QCOMPARE(file.texts(),
                 QStringList({QStringLiteral("Hello, world"), QStringLiteral("She said \"hi\"\nand left")}));
        QCOMPARE(file.texts(2),
                 QStringList({QStringLiteral("greeting"), QStringLiteral("story"), QStringLiteral("empty")}));
    }

    void csvWithoutATextColumnDefaultsToTheWidest()
    {
        EmbeddingInputFile file;
        QString error;
        QVERIFY(file.load(write(QStringLiteral("c.csv"), "n,body\n1,a long sentence here\n2,another one\n"), &error));
        QCOMPARE(file.defaultColumn(), 1);
    }

    void badFilesSayWhatIsWrong_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ragged csv") << "r.csv" << QByteArray("a,b\n1,2\n3\n") << "Row 3 has 1 fields";
        QTest::newRow("open quote") << "q.csv" << QByteArray("a\n\"never closed\n") << "never closed";
        QTest::newRow("header only") << "h.csv" << QByteArray("a,b\n") << "header row and at least one row";
        QTest::newRow("jsonl not json") << "j.jsonl" << QByteArray("{\"text\":\"ok\"}\n{broken\n")
                                        << "Line 2 is not JSON";
        QTest::newRow("jsonl array") << "k.jsonl" << QByteArray("[1,2]\n") << "Line 1 is not a JSON object";
        QTest::newRow("jsonl no string") << "s.jsonl" << QByteArray("{\"n\":1}\n") << "Line 1 has no string field";
        QTest::newRow("binary") << "x.txt" << QByteArray("\xff\xfe\x00\x41", 4) << "not UTF-8";
        QTest::newRow("empty") << "e.txt" << QByteArray("\n\n") << "no text";
    }

    void badFilesSayWhatIsWrong()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        EmbeddingInputFile file;
        QString error;
        QVERIFY(file.parse("ok\n", EmbeddingInputFile::Format::Text, &error));
        QVERIFY(!file.load(write(name, content), &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QCOMPARE(file.texts(), QStringList({QStringLiteral("ok")})); // unchanged
    }

    void jsonLinesTakeTextElseTheFirstStringField()
    {
        EmbeddingInputFile file;
        QString error;
        const QByteArray jsonl = "{\"id\":1,\"text\":\"from text\",\"a\":\"x\"}\n"
                                 "\n"
                                 "{\"id\":2,\"zeta\":\"first in the line\",\"alpha\":\"second\"}\n";
        QVERIFY2(file.load(write(QStringLiteral("d.jsonl"), jsonl), &error), qPrintable(error));
        QCOMPARE(file.texts(), QStringList({QStringLiteral("from text"), QStringLiteral("first in the line")}));
    }

    void panelLoadsAndKeepsTextsOnError()
    {
        EmbeddingsInputPanel panel;
        panel.setTexts({QStringLiteral("typed one"), QStringLiteral("typed two")});
        QVERIFY(!panel.loadFile(write(QStringLiteral("bad.jsonl"), "nope\n")));
        QVERIFY(panel.lastError().contains(QLatin1String("Line 1")));
        QVERIFY(!panel.errorLabel()->isHidden());
        QCOMPARE(panel.texts(), QStringList({QStringLiteral("typed one"), QStringLiteral("typed two")}));

        const QString csv = write(QStringLiteral("p.csv"), "title,text\nA,\"multi\nline\"\nB,plain\n");
        QVERIFY(panel.loadFile(csv));
        QVERIFY(panel.errorLabel()->isHidden());
        QVERIFY(!panel.columnPicker()->isHidden());
        // The file's texts keep their line break; the editor shows one per line.
        QCOMPARE(panel.texts(), QStringList({QStringLiteral("multi\nline"), QStringLiteral("plain")}));
        QCOMPARE(panel.editor()->toPlainText(), QStringLiteral("multi line\nplain"));
        panel.columnPicker()->setCurrentIndex(0);
        QCOMPARE(panel.texts(), QStringList({QStringLiteral("A"), QStringLiteral("B")}));
        // Editing by hand makes the editor's lines the texts.
        panel.editor()->appendPlainText(QStringLiteral("C"));
        QCOMPARE(panel.texts(), QStringList({QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}));
    }
};

QTEST_MAIN(TestEmbeddingInputFile)
#include "tst_EmbeddingInputFile.moc"
