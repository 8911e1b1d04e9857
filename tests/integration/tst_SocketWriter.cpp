#include "net/SocketWriter.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace md;

// SocketWriter against a real loopback connection whose reader stops reading: the kernel's buffer
// fills, sendmsg() takes part of a write, the rest and every later write queue in Qt's buffer, and
// the bytes still arrive complete and in order once the reader catches up.
class TestSocketWriter : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTcpServer> m_server;
    std::unique_ptr<QTcpSocket> m_writerSide;
    QTcpSocket *m_readerSide = nullptr;

    QByteArray readAll(qsizetype expected, int timeoutMs = 20000)
    {
        QByteArray got;
        if (!QTest::qWaitFor([&] { return (got += m_readerSide->readAll()).size() >= expected; }, timeoutMs))
            qWarning("timed out with %lld of %lld bytes", qlonglong(got.size()), qlonglong(expected));
        return got;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<QTcpServer>();
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
        m_writerSide = std::make_unique<QTcpSocket>();
        m_writerSide->connectToHost(QHostAddress::LocalHost, m_server->serverPort());
        QVERIFY(m_writerSide->waitForConnected(5000));
        QTRY_VERIFY(m_server->hasPendingConnections());
        m_readerSide = m_server->nextPendingConnection();
        QVERIFY(m_readerSide);
    }
    void cleanup()
    {
        m_writerSide.reset();
        m_server.reset();
        m_readerSide = nullptr;
    }

    void piecesArriveInOrder()
    {
        SocketWriter writer(m_writerSide.get());
        QVERIFY(writer.isConnected());
        writer.write({"HTTP/1.1 200 OK\r\n", {}, "\r\n"});
        writer.writeChunk({"data: a\n\n", "data: b\n\n"});
        writer.writeChunk({{}, {}}); // nothing: an empty chunk would end the body
        writer.writeChunk({QByteArray(300, 'x')});
        writer.writeLastChunk();
        const QByteArray expected
            = "HTTP/1.1 200 OK\r\n\r\n12\r\ndata: a\n\ndata: b\n\n\r\n12c\r\n" + QByteArray(300, 'x') + "\r\n0\r\n\r\n";
        QCOMPARE(readAll(expected.size()), expected);
    }

    void fullKernelBufferQueuesTheRestInOrder()
    {
        // The reader reads nothing while ~10 MB are written: far beyond what loopback buffers hold.
        m_writerSide->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 64 * 1024);
        m_readerSide->setReadBufferSize(64 * 1024);
        SocketWriter writer(m_writerSide.get());
        QByteArray expected;
        for (int i = 0; i < 2500; ++i) {
            const QByteArray payload
                = QByteArray::number(i).rightJustified(8, '0') + QByteArray(4000, char('a' + i % 26));
            writer.writeChunk({payload, "\n"});
            expected += QByteArray::number(payload.size() + 1, 16) + "\r\n" + payload + "\n\r\n";
        }
        QVERIFY2(m_writerSide->bytesToWrite() > 0, "the kernel took everything: the test did not fill it");
        m_readerSide->setReadBufferSize(0);
        QCOMPARE(readAll(expected.size()), expected);
    }

    void closedPeerIsLeftToQt()
    {
        delete m_readerSide;
        m_readerSide = nullptr;
        SocketWriter writer(m_writerSide.get());
        // Writes to a connection the peer closed must neither crash nor raise SIGPIPE; Qt reports it.
        for (int i = 0; i < 50 && writer.isConnected(); ++i) {
            writer.write({QByteArray(64 * 1024, 'z')});
            QTest::qWait(5);
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_writerSide->state() != QAbstractSocket::ConnectedState, 5000);
        writer.write({"after"}); // not connected: ignored
    }
};

QTEST_GUILESS_MAIN(TestSocketWriter)
#include "tst_SocketWriter.moc"
