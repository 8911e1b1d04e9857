#include "net/HttpResponseParser.h"

#include <QTest>

using namespace md;

namespace {

using Step = HttpResponseParser::Step;

struct Parsed {
    int heads = 0;
    int status = 0;
    QByteArray body;
    int bodyPieces = 0;
    bool complete = false;
    bool error = false;
    bool keepAlive = false;
    qsizetype unread = 0;
};

void drain(HttpResponseParser &parser, Parsed &out)
{
    for (;;) {
        switch (parser.next()) {
        case Step::NeedMore:
            return;
        case Step::Head:
            ++out.heads;
            out.status = parser.head().status;
            out.keepAlive = parser.head().keepAlive;
            break;
        case Step::Body:
            out.body += parser.takeBody();
            ++out.bodyPieces;
            break;
        case Step::Complete:
            out.complete = true;
            out.unread = parser.unreadBytes();
            return;
        case Step::Error:
            out.error = true;
            return;
        }
    }
}

// Feeds `bytes` cut at `cuts`; then, if `eof`, tells the parser that the connection closed.
Parsed parse(const QByteArray &bytes, const QList<qsizetype> &cuts = {}, bool eof = false, bool head = false)
{
    HttpResponseParser parser;
    parser.reset(head);
    Parsed out;
    qsizetype start = 0;
    for (const qsizetype cut : cuts) {
        parser.append(bytes.mid(start, cut - start));
        drain(parser, out);
        start = cut;
    }
    parser.append(bytes.mid(start));
    drain(parser, out);
    if (eof && !out.complete && !out.error) {
        if (parser.finishAtEndOfStream() == Step::Complete)
            out.complete = true;
        else
            out.error = true;
    }
    return out;
}

// Three events in three chunks cut across event boundaries, with extensions and a trailer.
const QByteArray kChunkedBody = QByteArrayLiteral("data: a\n\ndata: b\n\ndata: ccccccccccccccccc\n\n");
const QByteArray kChunked = QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                              "Transfer-Encoding: chunked\r\n\r\n")
    + "8;name=value\r\n" + kChunkedBody.mid(0, 8) + "\r\n" + "A ; x=\"y\"\r\n" + kChunkedBody.mid(8, 10) + "\r\n"
    + QByteArray::number(kChunkedBody.size() - 18, 16).toUpper() + "\r\n" + kChunkedBody.mid(18) + "\r\n"
    + "0\r\nX-Trailer: t\r\n\r\n";

} // namespace

class TestHttpResponseParser : public QObject {
    Q_OBJECT
private slots:
    void chunkedWithExtensionsAndTrailers()
    {
        const Parsed p = parse(kChunked);
        QVERIFY(p.complete);
        QCOMPARE(p.status, 200);
        QCOMPARE(p.body, kChunkedBody);
        QCOMPARE(p.bodyPieces, 1); // one read, one piece, across chunk boundaries
        QVERIFY(p.keepAlive);
        QCOMPARE(p.unread, 0);
    }

    void chunkedSplitAnywhere()
    {
        // Every single cut point: inside the status line, a header, the blank line, a chunk size,
        // an extension, a chunk's CRLF, the trailers.
        for (qsizetype cut = 1; cut < kChunked.size(); ++cut) {
            const Parsed p = parse(kChunked, {cut});
            QVERIFY2(p.complete && !p.error, qPrintable(QString::number(cut)));
            QCOMPARE(p.body, kChunkedBody);
            QCOMPARE(p.heads, 1);
        }
        QList<qsizetype> everyByte;
        for (qsizetype i = 1; i < kChunked.size(); ++i)
            everyByte << i;
        const Parsed bytewise = parse(kChunked, everyByte);
        QVERIFY(bytewise.complete);
        QCOMPARE(bytewise.body, kChunkedBody);
    }

    void aBufferTheCallerStillHoldsIsNotWritten()
    {
        // De-chunking in place is for a buffer handed over (the connection's reads); one the
        // caller keeps sharing must come out as it went in.
        const QByteArray wire(kChunked.constData(), kChunked.size());
        HttpResponseParser parser;
        parser.reset();
        parser.append(wire);
        Parsed out;
        drain(parser, out);
        QVERIFY(out.complete);
        QCOMPARE(out.body, kChunkedBody);
        QCOMPARE(wire, kChunked);
    }

    void contentLength()
    {
        const QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        for (qsizetype cut = 1; cut < answer.size(); ++cut) {
            const Parsed p = parse(answer, {cut});
            QVERIFY(p.complete);
            QCOMPARE(p.body, QByteArray("hello"));
            QVERIFY(p.keepAlive);
        }
    }

    void bytesAfterTheAnswerAreLeftUnread()
    {
        const Parsed p = parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n");
        QVERIFY(p.complete);
        QCOMPARE(p.body, QByteArray("ok"));
        QVERIFY(p.unread > 0); // the connection must not be reused
    }

    void shortContentLengthIsAnErrorAtEof()
    {
        const Parsed p = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", {}, true);
        QVERIFY(p.error);
        QCOMPARE(p.body, QByteArray("abc"));
    }

    void closeDelimitedBody()
    {
        const Parsed p = parse("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end", {}, true);
        QVERIFY(p.complete);
        QCOMPARE(p.body, QByteArray("until the end"));
        QVERIFY(!p.keepAlive);
    }

    void cutChunkedBodyIsAnErrorAtEof()
    {
        const Parsed p = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", {}, true);
        QVERIFY(p.error);
    }

    void connectionClose_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("1.1") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << true;
        QTest::newRow("1.1 close") << QByteArray("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n") << false;
        QTest::newRow("1.1 Close, other tokens")
            << QByteArray("HTTP/1.1 204 No Content\r\nConnection: Upgrade, Close\r\n\r\n") << false;
        QTest::newRow("1.0") << QByteArray("HTTP/1.0 204 No Content\r\n\r\n") << false;
        QTest::newRow("1.0 keep-alive") << QByteArray("HTTP/1.0 204 No Content\r\nConnection: keep-alive\r\n\r\n")
                                        << true;
        QTest::newRow("TE and CL") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: "
                                                 "chunked\r\n\r\n0\r\n\r\n")
                                   << false;
    }
    void connectionClose()
    {
        QFETCH(QByteArray, answer);
        QFETCH(bool, keepAlive);
        const Parsed p = parse(answer);
        QVERIFY(p.complete);
        QCOMPARE(p.keepAlive, keepAlive);
    }

    void answersWithoutBody()
    {
        // 1xx are skipped, 204/304 and answers to HEAD have no body whatever their fields say.
        Parsed p = parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                         "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        QVERIFY(p.complete);
        QCOMPARE(p.heads, 1);
        QCOMPARE(p.status, 200);
        QCOMPARE(p.body, QByteArray("ok"));
        p = parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n");
        QVERIFY(p.complete);
        QVERIFY(p.body.isEmpty());
        p = parse("HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n");
        QVERIFY(p.complete);
        p = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", {}, false, true);
        QVERIFY(p.complete);
        QCOMPARE(p.unread, 0);
    }

    void bareLineFeedsAreAccepted()
    {
        const Parsed p = parse("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n");
        QVERIFY(p.complete);
        QCOMPARE(p.body, QByteArray("ok"));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n");
        QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
        QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n");
        QTest::newRow("two lengths") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n");
        QTest::newRow("bad chunk size") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        QTest::newRow("huge chunk size") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n");
        const QByteArray chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        QTest::newRow("negative chunk size") << chunkedHead + "-2\r\nok\r\n0\r\n\r\n";
        QTest::newRow("signed chunk size") << chunkedHead + "+2\r\nok\r\n0\r\n\r\n";
        QTest::newRow("0x chunk size") << chunkedHead + "0x2\r\nok\r\n0\r\n\r\n";
        QTest::newRow("empty chunk size") << chunkedHead + "\r\nok\r\n0\r\n\r\n";
        QTest::newRow("space inside chunk size") << chunkedHead + "1 0\r\nok\r\n0\r\n\r\n";
        QTest::newRow("16 hex digits") << chunkedHead + "0000000000000002\r\nok\r\n0\r\n\r\n";
        QTest::newRow("chunk overrun") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n");
        QTest::newRow("switching protocols") << QByteArray("HTTP/1.1 101 Switching Protocols\r\n\r\n");
        QTest::newRow("head too long") << QByteArray("HTTP/1.1 200 OK\r\nX: ")
                + QByteArray(HttpResponseParser::kMaxHeadBytes + 10, 'a');
    }
    void malformed()
    {
        QFETCH(QByteArray, answer);
        QVERIFY(parse(answer).error);
    }

    void chunkSizeSpellings()
    {
        // Upper and lower case, leading zeros, spaces around the digits, an extension right after them.
        for (const char *size : {"1A", "1a", "001a", " 1a ", "1a;x", "1a ;x=1", "\t1a\t"}) {
            const QByteArray body(26, 'z');
            const Parsed p = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + QByteArray(size) + "\r\n"
                                   + body + "\r\n0\r\n\r\n");
            QVERIFY2(p.complete && !p.error, size);
            QCOMPARE(p.body, body);
        }
    }

    void plainChunksSplitAnywhere()
    {
        // Whole chunks in their plainest spelling take a shorter path (taken in place in one
        // loop); chunks with an extension, a cut, the last chunk and its trailers take the general
        // one. Mixed, and cut at every byte, they give the same body.
        QByteArray body;
        QByteArray answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 40; ++i) {
            const QByteArray payload = "data: {\"n\":" + QByteArray::number(i) + ",\"pad\":\""
                + QByteArray(i * 7 % 300, char('a' + i % 26)) + "\"}\n\n";
            body += payload;
            QByteArray size = QByteArray::number(payload.size(), 16);
            if (i % 3 == 0)
                size = size.toUpper();
            if (i == 17)
                size += ";ext=1";
            if (i == 23)
                size = "00" + size;
            answer += size + "\r\n" + payload + "\r\n";
        }
        answer += "0\r\n\r\n";
        const Parsed whole = parse(answer);
        QVERIFY(whole.complete && !whole.error);
        QCOMPARE(whole.body, body);
        QCOMPARE(whole.bodyPieces, 1);
        for (qsizetype cut = 1; cut < answer.size(); ++cut) {
            const Parsed p = parse(answer, {cut, std::min(answer.size() - 1, cut + 997)});
            QVERIFY2(p.complete && !p.error, qPrintable(QString::number(cut)));
            QCOMPARE(p.body, body);
            QCOMPARE(p.unread, 0);
        }
    }

    void plainChunksStillChecked()
    {
        const QByteArray head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        // A payload longer than its size, a 16th digit, a missing CRLF after the size: errors, as before.
        QVERIFY(parse(head + "5\r\nhello\r\n5\r\nhelloX\r\n0\r\n\r\n").error);
        QVERIFY(parse(head + "0000000000000005\r\nhello\r\n0\r\n\r\n").error);
        QVERIFY(parse(head + "5\rhello\r\n0\r\n\r\n").error);
        // 15 digits are still a size; bytes after the last chunk stay unread.
        const Parsed p = parse(head + "000000000000005\r\nhello\r\n0\r\n\r\nHTTP/1.1");
        QVERIFY(p.complete);
        QCOMPARE(p.body, QByteArray("hello"));
        QCOMPARE(p.unread, 8);
    }

    void plainChunksInASharedBufferAreNotWritten()
    {
        const QByteArray wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "9\r\ndata: a\n\n\r\n9\r\ndata: b\n\n\r\n0\r\n\r\n";
        const QByteArray copy(wire.constData(), wire.size());
        HttpResponseParser parser;
        parser.reset();
        parser.append(wire);
        Parsed out;
        drain(parser, out);
        QVERIFY(out.complete);
        QCOMPARE(out.body, QByteArray("data: a\n\ndata: b\n\n"));
        QCOMPARE(wire, copy);
    }

    void manyChunksInOneReadIsLinear()
    {
        // 20,000 small chunks in one buffer: each is found from where the last ended.
        QByteArray answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 20000; ++i)
            answer += "e\r\ndata: 123456\n\n\r\n";
        answer += "0\r\n\r\n";
        QElapsedTimer clock;
        clock.start();
        const Parsed p = parse(answer);
        QVERIFY(p.complete);
        QCOMPARE(p.body.size(), 20000 * 14);
        QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_HttpResponseParser.moc"
