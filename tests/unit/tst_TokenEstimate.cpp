#include "catalog/TokenEstimate.h"

#include <QTest>

using namespace md;

class TestTokenEstimate : public QObject {
    Q_OBJECT
private slots:
    void emptyTextIsZero() { QCOMPARE(TokenEstimate::forText(u""), 0); }

    void englishProseIsAboutFourCharactersPerToken()
    {
        // 90 ASCII characters; Tekken gives 19 tokens for this sentence.
        const QString text = QStringLiteral(
            "The quick brown fox jumps over the lazy dog while the cat watches from the warm windowsill.");
        const qint64 estimate = TokenEstimate::forText(text);
        QVERIFY2(estimate >= 17 && estimate <= 26, qPrintable(QString::number(estimate)));
    }

    void nonAsciiCostsMorePerCharacter()
    {
        const qint64 ascii = TokenEstimate::forText(u"aaaaaaaa");
        const qint64 accented = TokenEstimate::forText(u"éééééééé");
        const qint64 cjk = TokenEstimate::forText(u"日本語のテキスト");
        QCOMPARE(ascii, 2);
        QCOMPARE(accented, 4);
        QCOMPARE(cjk, 8);
        // An emoji is one code point (a surrogate pair in UTF-16), counted once.
        QCOMPARE(TokenEstimate::forText(u"\U0001F600"), 1);
    }

    void imagesAreCountedInPatchesOfTheScaledImage()
    {
        QCOMPARE(TokenEstimate::forImage(QSize()), 0);
        QCOMPARE(TokenEstimate::forImage(QSize(16, 16)), 2); // one patch + one row break
        QCOMPARE(TokenEstimate::forImage(QSize(1024, 512)), 64 * 32 + 32);
        // 4096x2048 scales to 1024x512: same count.
        QCOMPARE(TokenEstimate::forImage(QSize(4096, 2048)), 64 * 32 + 32);
    }

    void messagesAddOverheadAndEveryPart()
    {
        ChatMessage withImage = ChatMessage::user(QString());
        withImage.chunks = {ContentChunk::fromText(QStringLiteral("abcdefgh")),
                            ContentChunk::image(QStringLiteral("data:image/png;base64,AAAA"))};
        const qint64 total = TokenEstimate::forMessages({ChatMessage::system(QStringLiteral("abcd")), withImage});
        QCOMPARE(total, (4 + 1) + (4 + 2 + TokenEstimate::forImage(QSize(512, 512))));
    }
};

QTEST_GUILESS_MAIN(TestTokenEstimate)
#include "tst_TokenEstimate.moc"
