#include "proxy/ByteSearch.h"
#include "proxy/EventStreamScanner.h"

#include <QTest>

using namespace md;

namespace {

struct Seen {
    QByteArray bytes; // every run, concatenated in order
    QList<bool> plain;
    QByteArray runsText; // "P:<bytes>|S:<bytes>|..."
};

// Feeds `stream` cut at `cuts` and records the runs (copied: views live until the next feed).
Seen scan(const QByteArray &stream, const QList<int> &cuts, bool restoreIds = false, QByteArray *rest = nullptr)
{
    EventStreamScanner scanner(restoreIds);
    Seen seen;
    int start = 0;
    QList<int> all = cuts;
    all << int(stream.size());
    for (const int cut : std::as_const(all)) {
        EventStreamScanner::Runs runs;
        scanner.feed(QByteArrayView(stream).sliced(start, cut - start), runs);
        for (const auto &run : std::as_const(runs)) {
            seen.bytes += run.bytes;
            seen.plain << run.plain;
            seen.runsText += (run.plain ? "P:" : "S:") + run.bytes.toByteArray() + '|';
        }
        start = cut;
    }
    const QByteArray tail = scanner.finish();
    if (rest)
        *rest = tail;
    return seen;
}

const QByteArray kPlain1 = "data: {\"id\":\"a\",\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n";
const QByteArray kPlain2 = "data: {\"id\":\"a\",\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\n";
const QByteArray kUsage
    = "data: {\"id\":\"a\",\"choices\":[{\"delta\":{\"content\":\"!\"},\"finish_reason\":\"stop\"}],"
      "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3,\"total_tokens\":6}}\n\n";
const QByteArray kDone = "data: [DONE]\n\n";

} // namespace

class TestEventStreamScanner : public QObject {
    Q_OBJECT
private slots:
    void plainEventsInOneReadAreOneRun()
    {
        const Seen seen = scan(kPlain1 + kPlain2, {});
        QCOMPARE(seen.plain, QList<bool>({true}));
        QCOMPARE(seen.bytes, kPlain1 + kPlain2);
    }

    void usageAndDoneAreSpecial()
    {
        QVERIFY(!EventStreamScanner().isPlain(kUsage));
        QVERIFY(!EventStreamScanner().isPlain(kDone));
        QVERIFY(EventStreamScanner().isPlain(kPlain1));
        // Only the special events themselves are special runs: the plain ones around them are not
        // re-framed, however many share the read (the last read of a fast stream holds thousands).
        const Seen seen = scan(kPlain1 + kPlain2 + kUsage + kDone, {});
        QCOMPARE(seen.plain, QList<bool>({true, false, false}));
        QCOMPARE(seen.runsText, "P:" + kPlain1 + kPlain2 + "|S:" + kUsage + "|S:" + kDone + '|');
    }

    void specialEventsInTheMiddleOfARead()
    {
        const QByteArray comment = ": keep-alive\n\n";
        const QByteArray multiLine = "data: {\"a\":1}\nid: 4\n\n";
        const Seen seen = scan(kPlain1 + comment + kPlain2 + multiLine + kPlain1 + kUsage + kPlain2 + kDone, {});
        QCOMPARE(seen.runsText,
                 "P:" + kPlain1 + "|S:" + comment + "|P:" + kPlain2 + "|S:" + multiLine + "|P:" + kPlain1
                     + "|S:" + kUsage + "|P:" + kPlain2 + "|S:" + kDone + '|');
        // with tool-call ids to restore, the event holding them is cut out the same way
        const QByteArray tools = "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"id\":\"abcdefghi\"}]}}]}\n\n";
        QCOMPARE(scan(kPlain1 + tools + kPlain2, {}, true).runsText,
                 "P:" + kPlain1 + "|S:" + tools + "|P:" + kPlain2 + '|');
        QCOMPARE(scan(kPlain1 + tools + kPlain2, {}, false).runsText, "P:" + kPlain1 + tools + kPlain2 + '|');
    }

    void unusualFramingIsSpecial_data()
    {
        QTest::addColumn<QByteArray>("events");
        QTest::newRow("comment") << QByteArray(": keep-alive\n\n");
        QTest::newRow("event field") << QByteArray("event: message\ndata: {\"a\":1}\n\n");
        QTest::newRow("id field") << QByteArray("id: 7\ndata: {\"a\":1}\n\n");
        QTest::newRow("no space after data:") << QByteArray("data:{\"a\":1}\n\n");
        QTest::newRow("not an object") << QByteArray("data: {not json\ndata: x\n\n");
        QTest::newRow("done") << QByteArray("data: [DONE]\n\n");
        QTest::newRow("short line") << QByteArray("data\n\n");
    }
    void unusualFramingIsSpecial()
    {
        QFETCH(QByteArray, events);
        QVERIFY(!EventStreamScanner().isPlain(events));
    }

    void toolCallsAreSpecialOnlyWhenIdsAreRestored()
    {
        const QByteArray tools = "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"id\":\"abcdefghi\"}]}}]}\n\n";
        QVERIFY(EventStreamScanner(false).isPlain(tools));
        QVERIFY(!EventStreamScanner(true).isPlain(tools));
    }

    void usageQuotedInContentStaysPlain()
    {
        // Inside a JSON string a quote is escaped, so `"usage"` (the key with its quotes) never
        // matches the text "usage" quoted in content. A string value that is exactly `usage` does
        // match: a false alarm, which only sends the run down the slower (re-framing) path.
        const QByteArray quoted = "data: {\"choices\":[{\"delta\":{\"content\":\"the \\\"usage\\\" key\"}}]}\n\n";
        QVERIFY(quoted.contains("\\\"usage\\\""));
        QVERIFY(EventStreamScanner().isPlain(quoted));
        QVERIFY(!EventStreamScanner().isPlain("data: {\"content\":\"usage\"}\n\n"));
    }

    // Every cut point of a stream: the runs put together are the whole events, in order, and the
    // event holding usage is never inside a plain run.
    void everyCutKeepsEventsWholeAndInOrder()
    {
        const QByteArray stream = kPlain1 + kPlain2 + kPlain1 + kUsage + kDone;
        for (int cut = 1; cut < stream.size(); ++cut) {
            const Seen seen = scan(stream, {cut});
            QCOMPARE(seen.bytes, stream);
            for (const QByteArray &piece : seen.runsText.split('|')) {
                if (piece.startsWith("P:"))
                    QVERIFY2(!piece.contains("\"usage\"") && !piece.contains("[DONE]"), piece.constData());
            }
            // each run ends at an event boundary
            qsizetype at = 0;
            for (const QByteArray &piece : seen.runsText.split('|')) {
                if (piece.isEmpty())
                    continue;
                QVERIFY2(piece.endsWith("\n\n"), piece.constData());
                at += piece.size() - 2;
            }
            QCOMPARE(at, stream.size());
        }
    }

    void twoCutsAndBytewiseFeeding()
    {
        const QByteArray stream = kPlain1 + kUsage + kPlain2 + kDone;
        for (int a = 1; a < stream.size(); a += 7) {
            for (int b = a + 1; b < stream.size(); b += 11)
                QCOMPARE(scan(stream, {a, b}).bytes, stream);
        }
        QList<int> everyByte;
        for (int i = 1; i < stream.size(); ++i)
            everyByte << i;
        const Seen seen = scan(stream, everyByte);
        QCOMPARE(seen.bytes, stream);
        // fed a byte at a time, each event is a run of its own
        QCOMPARE(seen.plain, QList<bool>({true, false, true, false}));
    }

    void blankLineSplitAcrossReads()
    {
        // "\n" at the end of one read and "\n" at the start of the next close the event.
        const int cut = int(kPlain1.size()) - 1;
        const Seen seen = scan(kPlain1 + kPlain2, {cut});
        QCOMPARE(seen.plain, QList<bool>({true, true}));
        QCOMPARE(seen.bytes, kPlain1 + kPlain2);
    }

    void unfinishedEventIsHandedBackAtTheEnd()
    {
        QByteArray rest;
        const Seen seen = scan(kPlain1 + "data: {\"cut\":", {10}, false, &rest);
        QCOMPARE(seen.bytes, kPlain1);
        QCOMPARE(rest, QByteArray("data: {\"cut\":"));
    }

    void byteSearch()
    {
        QCOMPARE(bytes::indexOf("abc\"usage\"x", "\"usage\""), 3);
        QCOMPARE(bytes::indexOf("abc\"usage\"x", "\"usage\"", 4), -1);
        QCOMPARE(bytes::indexOf("ab", "abc"), -1);
        QCOMPARE(bytes::indexOf("", "a"), -1);
        QCOMPARE(bytes::indexOf("abc", "", 1), 1);
        QCOMPARE(bytes::indexOf("abc", "c", 3), -1);
        QCOMPARE(bytes::indexOf("abc", "c", 4), -1);
        QVERIFY(bytes::contains("x\"tool_calls\":[", "\"tool_calls\""));
    }

    void anchoredSearchLikeMemmem()
    {
        const QByteArray key = "\"usage\"";
        const QList<QByteArray> texts = {"",
                                         "g",
                                         "\"usage\"",
                                         "usage\"",
                                         "\"usag",
                                         "gg\"usage\"gg",
                                         "{\"a\":\"g\",\"usage\":{}}",
                                         "\"usagg\"usage\"",
                                         "\"usage\"\"usage\"",
                                         "no key at all, many g g g",
                                         "\\\"usage\\\""};
        for (const QByteArray &text : texts) {
            for (qsizetype anchor = 0; anchor < key.size(); ++anchor)
                QCOMPARE(bytes::indexOfAnchored(text, key, anchor), bytes::indexOf(text, key));
        }
        QCOMPARE(bytes::indexOfAnchored("xx\"tool_calls\"", "\"tool_calls\"", 5), 2);
    }
};

QTEST_APPLESS_MAIN(TestEventStreamScanner)
#include "tst_EventStreamScanner.moc"
