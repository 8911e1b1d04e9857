#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

// The committed translations: French (translations/mistral-desk_fr.ts, every message) and English
// (mistral-desk_en.ts, the plural forms only) complete, in sync with the sources, and keeping every
// placeholder. A new tr() string without a French translation fails here.
class TestTranslationFile : public QObject {
    Q_OBJECT
private:
    struct Message {
        QString context;
        QString source;
        QString comment;
        QString type; // "unfinished", "vanished", "obsolete" or empty
        bool numerus = false;
        QStringList forms; // the translation, or its numerus forms
        QString key() const { return context + QLatin1String(" | ") + source + QLatin1String(" | ") + comment; }
    };

    static QList<Message> read(const QString &path, QString *error)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = file.errorString();
            return {};
        }
        QList<Message> messages;
        QXmlStreamReader xml(&file);
        QString context;
        Message message;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            const QStringView name = xml.name();
            if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                message = Message();
                message.context = context;
                message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("source")) {
                message.source = xml.readElementText();
            } else if (name == QLatin1String("comment")) {
                message.comment = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                message.type = xml.attributes().value(QLatin1String("type")).toString();
                if (message.numerus) {
                    while (xml.readNextStartElement())
                        message.forms << xml.readElementText();
                } else {
                    message.forms << xml.readElementText();
                }
                messages << message;
            }
        }
        if (xml.hasError())
            *error = xml.errorString();
        return messages;
    }

    static QStringList placeholders(const QString &text)
    {
        static const QRegularExpression re(QStringLiteral("%L?(\\d|n)"));
        QStringList found;
        for (const QRegularExpressionMatch &m : re.globalMatch(text))
            found << m.captured(0);
        found.sort();
        found.removeDuplicates();
        return found;
    }

    // A menu or button mnemonic: "&F", not "&&" nor an entity such as "&amp;".
    static bool hasMnemonic(QString text)
    {
        static const QRegularExpression notMnemonics(QStringLiteral("&&|&#?\\w+;"));
        static const QRegularExpression mnemonic(QStringLiteral("&\\S"));
        return text.remove(notMnemonics).contains(mnemonic);
    }

    static void addFiles()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("pluralOnly");
        QTest::addColumn<int>("atLeast");
        QTest::newRow("fr") << QStringLiteral(MD_TRANSLATIONS_DIR "/mistral-desk_fr.ts") << false << 900;
        QTest::newRow("en") << QStringLiteral(MD_TRANSLATIONS_DIR "/mistral-desk_en.ts") << true << 5;
    }

    static QList<Message> readFile(const QString &path, int atLeast)
    {
        QString error;
        const QList<Message> messages = read(path, &error);
        if (!error.isEmpty() || messages.size() < atLeast)
            qWarning("%s: %s (%d messages)", qPrintable(path), qPrintable(error), int(messages.size()));
        return messages;
    }

private slots:
    void everyMessageHasAFinishedTranslation_data() { addFiles(); }
    void everyMessageHasAFinishedTranslation()
    {
        QFETCH(QString, path);
        QFETCH(bool, pluralOnly);
        QFETCH(int, atLeast);
        const QList<Message> messages = readFile(path, atLeast);
        QVERIFY(messages.size() >= atLeast);
        QStringList problems;
        for (const Message &m : messages) {
            if (pluralOnly && !m.numerus)
                problems << QLatin1String("not a plural: ") + m.key();
            else if (!m.type.isEmpty())
                problems << m.type + QLatin1String(": ") + m.key();
            else if (m.numerus && m.forms.size() != 2) // French and English: singular and plural
                problems << QStringLiteral("%1 numerus forms: ").arg(m.forms.size()) + m.key();
            else if (m.forms.isEmpty() || m.forms.contains(QString()))
                problems << QLatin1String("empty: ") + m.key();
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void translationsKeepPlaceholdersAndMnemonics_data() { addFiles(); }
    void translationsKeepPlaceholdersAndMnemonics()
    {
        QFETCH(QString, path);
        QFETCH(int, atLeast);
        const QList<Message> messages = readFile(path, atLeast);
        QVERIFY(messages.size() >= atLeast);
        QStringList problems;
        for (const Message &m : messages) {
            const QStringList expected = placeholders(m.source);
            for (const QString &form : m.forms) {
                if (placeholders(form) != expected)
                    problems << QStringLiteral("placeholders %1 -> %2: ")
                                    .arg(expected.join(QLatin1Char(' ')), placeholders(form).join(QLatin1Char(' ')))
                            + m.key();
                if (hasMnemonic(m.source) != hasMnemonic(form))
                    problems << QLatin1String("mnemonic: ") + m.key() + QLatin1String(" -> ") + form;
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // lupdate over the sources, into a copy: a string added to the code comes out "unfinished", one
    // removed from it "vanished". Either means the committed file needs `cmake --build --target
    // update_translations` and a translation.
    void fileIsInSyncWithTheSources_data() { addFiles(); }
    void fileIsInSyncWithTheSources()
    {
        QFETCH(QString, path);
        QFETCH(bool, pluralOnly);
        QFETCH(int, atLeast);
        const QList<Message> committed = readFile(path, atLeast);
        QVERIFY(committed.size() >= atLeast);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QFileInfo(path).fileName());
        QVERIFY(QFile::copy(path, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(MD_SOURCE_DIR));
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        QStringList arguments {QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-extensions"),
                               QStringLiteral("cpp,h"),      QStringLiteral("-I"),   QStringLiteral("core"),
                               QStringLiteral("-I"),         QStringLiteral("ui"),   QStringLiteral("-I"),
                               QStringLiteral("app"),        QStringLiteral("app"),  QStringLiteral("core"),
                               QStringLiteral("ui"),         QStringLiteral("-ts"),  copy};
        if (pluralOnly)
            arguments.prepend(QStringLiteral("-pluralonly"));
        lupdate.start(QStringLiteral(MD_LUPDATE), arguments);
        QVERIFY2(lupdate.waitForFinished(60000), qPrintable(lupdate.errorString()));
        const QString output = QString::fromLocal8Bit(lupdate.readAll());
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, qPrintable(output));
        // A tr() in a class without Q_OBJECT or Q_DECLARE_TR_FUNCTIONS lands under a context that
        // is not the one used at run time.
        QVERIFY2(!output.contains(QLatin1String("lacks Q_OBJECT")), qPrintable(output));

        QString error;
        const QList<Message> scanned = read(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList problems;
        for (const Message &m : scanned) {
            if (m.type == QLatin1String("unfinished"))
                problems << QLatin1String("new in the sources, not translated: ") + m.key();
            else if (!m.type.isEmpty())
                problems << QLatin1String("gone from the sources (") + m.type + QLatin1String("): ") + m.key();
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(scanned.size(), committed.size());
    }
};

QTEST_GUILESS_MAIN(TestTranslationFile)
#include "tst_TranslationFile.moc"
