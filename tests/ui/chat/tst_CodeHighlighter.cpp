#include "chat/CodeHighlighter.h"

#include <QRegularExpression>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace md;

namespace {

// The colour the highlighter gave to the first occurrence of `word` in the document's code (or in
// its prose), or an invalid colour when it left that text alone.
QColor colorOf(const QTextDocument &doc, const QString &word, bool inCode = true)
{
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().hasProperty(QTextFormat::BlockCodeFence) != inCode)
            continue;
        const qsizetype at = block.text().indexOf(word);
        if (at < 0)
            continue;
        const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
        for (const QTextLayout::FormatRange &range : formats) {
            if (range.start <= at && at < range.start + range.length
                && range.format.hasProperty(QTextFormat::ForegroundBrush))
                return range.format.foreground().color();
        }
        return {};
    }
    return {};
}

using Token = CodeHighlighter::Token;

} // namespace

class tst_CodeHighlighter : public QObject {
    Q_OBJECT
private slots:
    void languageNames()
    {
        QCOMPARE(CodeHighlighter::languageFor(QStringLiteral("py")), CodeHighlighter::Language::Python);
        QCOMPARE(CodeHighlighter::languageFor(QStringLiteral("C++")), CodeHighlighter::Language::Cpp);
        QCOMPARE(CodeHighlighter::languageFor(QStringLiteral("tsx")), CodeHighlighter::Language::TypeScript);
        QCOMPARE(CodeHighlighter::languageFor(QStringLiteral("shell")), CodeHighlighter::Language::Bash);
        QCOMPARE(CodeHighlighter::languageFor(QStringLiteral("python title=a.py")), CodeHighlighter::Language::Python);
        QCOMPARE(CodeHighlighter::languageFor(QStringLiteral("brainfuck")), CodeHighlighter::Language::None);
    }

    void fencedBlocksPerLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<QString>("string");
        QTest::addColumn<QString>("comment");
        QTest::addColumn<QString>("number");
        QTest::newRow("python") << "python"
                                << "def f(x):\n    return \"hi\" + 42  # note"
                                << "def"
                                << "\"hi\""
                                << "# note"
                                << "42";
        QTest::newRow("js") << "js"
                            << "const a = 'q'; // c\nlet n = 3.5;"
                            << "const"
                            << "'q'"
                            << "// c"
                            << "3.5";
        QTest::newRow("ts") << "ts"
                            << "interface A { s: string }\nconst x = \"v\"; /* c */ 7"
                            << "interface"
                            << "\"v\""
                            << "/* c */"
                            << "7";
        QTest::newRow("cpp") << "cpp"
                             << "#include <x>\nint main() { return 0; } // done\nauto s = \"t\";"
                             << "return"
                             << "\"t\""
                             << "// done"
                             << "0";
        QTest::newRow("c") << "c"
                           << "static int v = 10; /* c */ char *s = \"z\";"
                           << "static"
                           << "\"z\""
                           << "/* c */"
                           << "10";
        QTest::newRow("rust") << "rust"
                              << "fn main() { let x = \"s\"; } // c\nlet y = 5;"
                              << "fn"
                              << "\"s\""
                              << "// c"
                              << "5";
        QTest::newRow("go") << "go"
                            << "func main() { s := \"g\" } // c\nvar n = 12"
                            << "func"
                            << "\"g\""
                            << "// c"
                            << "12";
        QTest::newRow("java") << "java"
                              << "public class A { String s = \"j\"; } // c\nint n = 9;"
                              << "public"
                              << "\"j\""
                              << "// c"
                              << "9";
        QTest::newRow("bash") << "bash"
                              << "if [ -f x ]; then echo \"b\"; fi # c\nexit 3"
                              << "then"
                              << "\"b\""
                              << "# c"
                              << "3";
        QTest::newRow("sql") << "sql"
                             << "SELECT name FROM t WHERE v = 'x' -- c\nLIMIT 20"
                             << "SELECT"
                             << "'x'"
                             << "-- c"
                             << "20";
    }

    void fencedBlocksPerLanguage()
    {
        QFETCH(QString, language);
        QFETCH(QString, code);
        QFETCH(QString, keyword);
        QFETCH(QString, string);
        QFETCH(QString, comment);
        QFETCH(QString, number);
        QTextDocument doc;
        doc.setMarkdown(QStringLiteral("Intro with def and \"quotes\".\n\n```") + language + QLatin1Char('\n') + code
                        + QStringLiteral("\n```\n"));
        CodeHighlighter highlighter(&doc);
        highlighter.rehighlight();
        QCOMPARE(colorOf(doc, keyword + QLatin1Char(' ')), CodeHighlighter::color(Token::Keyword, false));
        QCOMPARE(colorOf(doc, string), CodeHighlighter::color(Token::String, false));
        QCOMPARE(colorOf(doc, comment), CodeHighlighter::color(Token::Comment, false));
        QCOMPARE(colorOf(doc, QLatin1Char(' ') + number).isValid(), false); // the space before is not coloured
        // The number itself.
        for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
            const QRegularExpression re(QStringLiteral("\\b") + QRegularExpression::escape(number)
                                        + QStringLiteral("\\b"));
            const QRegularExpressionMatch m = re.match(block.text());
            if (!m.hasMatch() || block.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage).isEmpty())
                continue;
            bool found = false;
            for (const QTextLayout::FormatRange &range : block.layout()->formats())
                found = found
                    || (range.start == m.capturedStart()
                        && range.format.foreground().color() == CodeHighlighter::color(Token::Number, false));
            QVERIFY2(found, qPrintable(block.text()));
        }
        // Prose outside the fence is left alone.
        QVERIFY(!colorOf(doc, QStringLiteral("def"), false).isValid());
        QVERIFY(!colorOf(doc, QStringLiteral("\"quotes\""), false).isValid());
    }

    void jsonKeysAndValues()
    {
        QTextDocument doc;
        doc.setMarkdown(QStringLiteral("```json\n{\"city\": \"Paris\", \"n\": 3, \"ok\": true}\n```\n"));
        CodeHighlighter highlighter(&doc);
        highlighter.setDark(true);
        highlighter.rehighlight();
        QCOMPARE(colorOf(doc, QStringLiteral("\"city\"")), CodeHighlighter::color(Token::Type, true));
        QCOMPARE(colorOf(doc, QStringLiteral("\"Paris\"")), CodeHighlighter::color(Token::String, true));
        QCOMPARE(colorOf(doc, QStringLiteral("true")), CodeHighlighter::color(Token::Type, true));
    }

    void multiLineStatesCarryOverLines()
    {
        QTextDocument doc;
        doc.setMarkdown(QStringLiteral("```python\nx = \"\"\"first\nsecond line\n\"\"\"\ny = 1\n```\n\n"
                                       "```c\n/* open\nstill comment */ int z;\n```\n"));
        CodeHighlighter highlighter(&doc);
        highlighter.rehighlight();
        QCOMPARE(colorOf(doc, QStringLiteral("second")), CodeHighlighter::color(Token::String, false));
        QCOMPARE(colorOf(doc, QStringLiteral("still")), CodeHighlighter::color(Token::Comment, false));
        QCOMPARE(colorOf(doc, QStringLiteral("int z")), CodeHighlighter::color(Token::Type, false));
    }

    void plainCodeDocumentWithDefaultLanguage()
    {
        QTextDocument doc;
        doc.setPlainText(QStringLiteral("for x in y:\n    print('a')"));
        CodeHighlighter highlighter(&doc);
        highlighter.setDefaultLanguage(CodeHighlighter::Language::Python);
        highlighter.rehighlight();
        QCOMPARE(colorOf(doc, QStringLiteral("for"), false), CodeHighlighter::color(Token::Keyword, false));
        QCOMPARE(colorOf(doc, QStringLiteral("'a'"), false), CodeHighlighter::color(Token::String, false));
    }

    void paletteColoursDifferForDark()
    {
        for (Token t : {Token::Keyword, Token::String, Token::Comment, Token::Number})
            QVERIFY(CodeHighlighter::color(t, true) != CodeHighlighter::color(t, false));
        // Dark colours are light and light colours are dark enough to read on their backgrounds.
        QVERIFY(CodeHighlighter::color(Token::Keyword, true).lightnessF() > 0.55);
        QVERIFY(CodeHighlighter::color(Token::Keyword, false).lightnessF() < 0.5);
    }
};

QTEST_MAIN(tst_CodeHighlighter)
#include "tst_CodeHighlighter.moc"
