#pragma once

#include "FakeMistral.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include <functional>

class QTcpSocket;
class QTimer;

namespace md::test {

// One client's HTTP/1.1 connection to FakeMistral: frames requests out of the byte stream
// (Content-Length or chunked bodies, Expect: 100-continue, keep-alive), one at a time, and writes
// the answers its owner decides on, a stream's chunks paced by a timer.
//
// A QObject so that it is the context of its socket's and timers' connections: nothing fires into a
// connection that is gone. Deleting it aborts the socket without emitting anything.
class FakeHttpConnection : public QObject {
    Q_OBJECT
public:
    // One HTTP chunk of a stream, due at slot * intervalMs after sendFrames().
    struct Frame {
        QByteArray bytes;
        int slot = 0;
    };

    // Takes ownership of `socket`. Call start() once the signals are connected.
    FakeHttpConnection(QTcpSocket *socket, QObject *parent);

    // Handles what the socket already holds; later reads arrive on their own.
    void start();

    bool isClosed() const { return m_closed; }
    // The answer being written is the last on this connection (the head must say "Connection: close").
    bool closesAfterResponse() const { return m_closeAfterResponse; }

    void write(const QByteArray &bytes);
    // The answer is complete: close if it was the last one, else go on with the next request.
    void finishResponse();
    // The upstream goes away: what was written is flushed, then FIN, and no terminating chunk.
    void hangUp();
    // Writes `frames` (after the head the caller wrote), paced at intervalMs per slot (0 = at once),
    // then finishes the response, or hangs up when dropAtEnd. onAllWritten runs once every frame
    // was written without a drop (not if the client went away first).
    void sendFrames(QList<Frame> frames, double intervalMs, bool dropAtEnd, std::function<void()> onAllWritten = {});

signals:
    // A whole request arrived; the connection is busy until finishResponse() or hangUp().
    void requestReceived(const md::test::FakeRequest &request);
    // The bytes are not a request FakeMistral accepts (status 400, 413 or 431). The connection is
    // busy and closes after the answer.
    void malformedRequestReceived(int status);
    // The socket is gone; the object deletes itself later.
    void closed();

private:
    void read();
    void processBuffer();
    void writeDueFrames();
    void drop();

    QTcpSocket *m_socket = nullptr;
    QTimer *m_pace = nullptr;
    QByteArray m_buffer;
    bool m_busy = false;   // a request is being answered (or hangs)
    bool m_closed = false; // the socket is gone; the object waits for deleteLater
    bool m_closeAfterResponse = false;
    bool m_sentContinue = false;

    QList<Frame> m_frames;
    qsizetype m_nextFrame = 0;
    double m_intervalMs = 0;
    bool m_dropAtEnd = false;
    std::function<void()> m_onAllWritten;
    QElapsedTimer m_clock;
};

} // namespace md::test
