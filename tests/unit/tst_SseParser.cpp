#include "api/SseParser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace md;

namespace {

// Feeds `bytes` split at the given cut points and returns every event's data (copied).
QList<QByteArray> parse(const QByteArray &bytes, const QList<int> &cuts = {}, bool finish = true)
{
    SseParser parser;
    QList<SseEvent> events;
    QList<QByteArray> data;
    int start = 0;
    auto take = [&] {
        for (const SseEvent &e : std::as_const(events))
            data << QByteArray(e.data.constData(), e.data.size());
        events.clear();
    };
    for (const int cut : cuts) {
        parser.feed(QByteArrayView(bytes).sliced(start, cut - start), events);
        take();
        start = cut;
    }
    parser.feed(QByteArrayView(bytes).sliced(start), events);
    take();
    if (finish) {
        parser.finish(events);
        take();
    }
    return data;
}

} // namespace

class TestSseParser : public QObject {
    Q_OBJECT
private slots:
    void lineEndings_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::newRow("LF") << QByteArray("data: {\"a\":1}\n\ndata: [DONE]\n\n");
        QTest::newRow("CRLF") << QByteArray("data: {\"a\":1}\r\n\r\ndata: [DONE]\r\n\r\n");
        QTest::newRow("CR") << QByteArray("data: {\"a\":1}\r\rdata: [DONE]\r\r");
        QTest::newRow("no space") << QByteArray("data:{\"a\":1}\n\ndata:[DONE]\n\n");
        QTest::newRow("comments") << QByteArray(": keep-alive\n\n: ping\ndata: {\"a\":1}\n\n:\n\ndata: [DONE]\n\n");
        QTest::newRow("other fields") << QByteArray(
            "event: message\nid: 7\nretry: 100\ndata: {\"a\":1}\n\ndata: [DONE]\n\n");
    }

    void lineEndings()
    {
        QFETCH(QByteArray, stream);
        const QList<QByteArray> expected {QByteArray("{\"a\":1}"), QByteArray("[DONE]")};
        QCOMPARE(parse(stream), expected);
        // The same bytes split at every possible point give the same events.
        for (int cut = 1; cut < stream.size(); ++cut)
            QCOMPARE(parse(stream, {cut}), expected);
    }

    void crlfSplitBetweenReads()
    {
        // CR at the end of one read, LF at the start of the next: one line end, not two.
        const QByteArray stream("data: x\r\n\r\ndata: y\r\n\r\n");
        QCOMPARE(parse(stream, {8}), (QList<QByteArray> {"x", "y"}));
        QCOMPARE(parse(stream, {8, 9, 10}), (QList<QByteArray> {"x", "y"}));
    }

    void multiLineData()
    {
        QCOMPARE(parse("data: first\ndata: second\ndata:\n\n"), (QList<QByteArray> {"first\nsecond\n"}));
    }

    void eventAndId()
    {
        SseParser parser;
        QList<SseEvent> events;
        parser.feed("event: error\nid: 42\ndata: {}\n\n", events);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().event, QByteArray("error"));
        QCOMPARE(events.first().id, QByteArray("42"));
    }

    void blankLinesWithoutDataDispatchNothing() { QVERIFY(parse("\n\n\r\n: c\n\nevent: x\n\n").isEmpty()); }

    void unterminatedEventIsDeliveredAtFinish()
    {
        QCOMPARE(parse("data: tail", {}, true), (QList<QByteArray> {"tail"}));
        QVERIFY(parse("data: tail", {}, false).isEmpty());
    }

    void utf8SplitAcrossReadsStaysIntact()
    {
        const QByteArray text = QStringLiteral("café 🙂 naïve").toUtf8();
        const QByteArray stream = "data: " + text + "\n\n";
        for (int cut = 6; cut < stream.size(); ++cut) {
            const QList<QByteArray> got = parse(stream, {cut});
            QCOMPARE(got.size(), 1);
            QCOMPARE(QString::fromUtf8(got.first()), QStringLiteral("café 🙂 naïve"));
        }
    }

    void eventDataOutlivesTheReadItCameFrom()
    {
        // A data line complete in one read but its event ending in the next: the parser must own it.
        SseParser parser;
        QList<SseEvent> events;
        {
            QByteArray first("data: kept\n");
            parser.feed(first, events);
            first.fill('X');
        }
        parser.feed("\n", events);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().data, QByteArray("kept"));
    }

    void randomReadSizesMatchOneRead()
    {
        QByteArray stream;
        for (int i = 0; i < 300; ++i) {
            stream += (i % 3 == 0 ? QByteArray(": ping\r\n") : QByteArray());
            stream += "data: {\"i\":" + QByteArray::number(i) + ",\"t\":\"é🙂\"}" + (i % 2 ? "\r\n\r\n" : "\n\n");
        }
        const QList<QByteArray> whole = parse(stream);
        QCOMPARE(whole.size(), 300);
        QRandomGenerator random(1234);
        for (int round = 0; round < 50; ++round) {
            QList<int> cuts;
            for (int pos = random.bounded(1, 64); pos < stream.size(); pos += random.bounded(1, 64))
                cuts << pos;
            QCOMPARE(parse(stream, cuts), whole);
        }
    }

    void resetForgetsPartialInput()
    {
        SseParser parser;
        QList<SseEvent> events;
        parser.feed("data: half", events);
        QVERIFY(parser.pendingBytes() > 0);
        parser.reset();
        QCOMPARE(parser.pendingBytes(), 0);
        parser.feed("data: whole\n\n", events);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().data, QByteArray("whole"));
    }
};

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_SseParser.moc"
