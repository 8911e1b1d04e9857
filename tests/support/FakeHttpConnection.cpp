#include "FakeHttpConnection.h"

#include <QTcpSocket>
#include <QTimer>

#include <cmath>

namespace md::test {
namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr qint64 kMaxBodyBytes = 256LL * 1024 * 1024;

enum class Parse { Incomplete, Complete, Bad };

struct ParsedRequest {
    FakeRequest request;
    bool close = false;
    bool expectContinue = false;
    int badStatus = 400;
};

// Scans a chunked body starting at `pos`. With body == nullptr it only checks completeness, so that
// a large body arriving in many reads is copied once, not once per read.
Parse parseChunkedBody(const QByteArray &buf, qsizetype pos, QByteArray *body, qsizetype &end)
{
    qint64 total = 0;
    for (;;) {
        const qsizetype lineEnd = buf.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return Parse::Incomplete;
        QByteArray sizeLine = buf.mid(pos, lineEnd - pos);
        if (const qsizetype semi = sizeLine.indexOf(';'); semi >= 0)
            sizeLine.truncate(semi);
        bool ok = false;
        const qint64 size = sizeLine.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0 || total + size > kMaxBodyBytes)
            return Parse::Bad;
        pos = lineEnd + 2;
        if (size == 0) {
            for (;;) { // trailers, up to the empty line
                const qsizetype le = buf.indexOf("\r\n", pos);
                if (le < 0)
                    return Parse::Incomplete;
                const bool emptyLine = le == pos;
                pos = le + 2;
                if (emptyLine) {
                    end = pos;
                    return Parse::Complete;
                }
            }
        }
        if (buf.size() < pos + size + 2)
            return Parse::Incomplete;
        if (buf.mid(pos + size, 2) != "\r\n")
            return Parse::Bad;
        if (body)
            body->append(buf.constData() + pos, size);
        total += size;
        pos += size + 2;
    }
}

Parse parseRequest(const QByteArray &buf, ParsedRequest &out, qsizetype &consumed)
{
    const qsizetype headEnd = buf.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (buf.size() > kMaxHeaderBytes) {
            out.badStatus = 431;
            return Parse::Bad;
        }
        return Parse::Incomplete;
    }
    const QList<QByteArray> lines = buf.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return Parse::Bad;
    FakeRequest &r = out.request;
    r.method = requestLine.at(0);
    r.path = requestLine.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return Parse::Bad;
        r.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    const QByteArray connection = r.header("connection").toLower();
    out.close = connection.contains("close") || (requestLine.at(2) == "HTTP/1.0" && !connection.contains("keep-alive"));
    out.expectContinue = r.header("expect").toLower() == "100-continue";

    const qsizetype bodyStart = headEnd + 4;
    if (r.header("transfer-encoding").toLower().contains("chunked")) {
        qsizetype end = 0;
        const Parse scan = parseChunkedBody(buf, bodyStart, nullptr, end);
        if (scan != Parse::Complete)
            return scan;
        parseChunkedBody(buf, bodyStart, &r.body, end);
        consumed = end;
        return Parse::Complete;
    }
    qint64 length = 0;
    if (const QByteArray cl = r.header("content-length"); !cl.isEmpty()) {
        bool ok = false;
        length = cl.toLongLong(&ok);
        if (!ok || length < 0)
            return Parse::Bad;
        if (length > kMaxBodyBytes) {
            out.badStatus = 413;
            return Parse::Bad;
        }
    }
    if (buf.size() - bodyStart < length)
        return Parse::Incomplete;
    r.body = buf.mid(bodyStart, length);
    consumed = bodyStart + length;
    return Parse::Complete;
}

} // namespace

FakeHttpConnection::FakeHttpConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_pace(new QTimer(this))
{
    socket->setParent(this);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // events leave as they are written
    m_pace->setSingleShot(true);
    m_pace->setTimerType(Qt::PreciseTimer);
    connect(m_pace, &QTimer::timeout, this, [this] { writeDueFrames(); });
    connect(socket, &QTcpSocket::readyRead, this, [this] { read(); });
    connect(socket, &QTcpSocket::disconnected, this, [this] { drop(); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            drop();
    });
}

void FakeHttpConnection::start()
{
    if (m_socket->bytesAvailable() > 0)
        read();
}

void FakeHttpConnection::write(const QByteArray &bytes)
{
    m_socket->write(bytes);
}

void FakeHttpConnection::finishResponse()
{
    if (m_closed)
        return;
    if (m_closeAfterResponse) {
        m_socket->disconnectFromHost();
        return;
    }
    m_busy = false;
    if (!m_buffer.isEmpty())
        QTimer::singleShot(0, this, [this] { processBuffer(); });
}

void FakeHttpConnection::hangUp()
{
    m_socket->disconnectFromHost();
}

void FakeHttpConnection::sendFrames(QList<Frame> frames, double intervalMs, bool dropAtEnd,
                                    std::function<void()> onAllWritten)
{
    if (m_closed)
        return;
    m_onAllWritten = std::move(onAllWritten);
    m_frames = std::move(frames);
    m_nextFrame = 0;
    m_intervalMs = intervalMs;
    m_dropAtEnd = dropAtEnd;
    m_clock.start();
    writeDueFrames();
}

void FakeHttpConnection::read()
{
    if (m_closed)
        return;
    m_buffer += m_socket->readAll();
    processBuffer();
}

void FakeHttpConnection::processBuffer()
{
    // The checks of m_closed matter: answering a request may close the socket before the emit returns.
    while (!m_busy && !m_closed && !m_buffer.isEmpty()) {
        ParsedRequest parsed;
        qsizetype consumed = 0;
        const Parse result = parseRequest(m_buffer, parsed, consumed);
        if (result == Parse::Incomplete) {
            if (parsed.expectContinue && !m_sentContinue) {
                m_sentContinue = true;
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            return;
        }
        m_busy = true;
        m_sentContinue = false;
        if (result == Parse::Bad) {
            m_buffer.clear();
            m_closeAfterResponse = true;
            emit malformedRequestReceived(parsed.badStatus);
            return;
        }
        m_buffer.remove(0, consumed);
        m_closeAfterResponse = parsed.close;
        emit requestReceived(parsed.request);
    }
}

void FakeHttpConnection::writeDueFrames()
{
    if (m_closed)
        return;
    const double now = m_intervalMs > 0 ? double(m_clock.nsecsElapsed()) / 1e6 : 0.0;
    while (m_nextFrame < m_frames.size()) {
        const Frame &f = m_frames.at(m_nextFrame);
        if (m_intervalMs > 0 && f.slot * m_intervalMs > now) {
            m_pace->start(int(std::ceil(f.slot * m_intervalMs - now)));
            return;
        }
        m_socket->write(f.bytes);
        ++m_nextFrame;
    }
    m_frames.clear();
    m_nextFrame = 0;
    if (m_dropAtEnd) {
        m_onAllWritten = nullptr;
        hangUp();
        return;
    }
    if (m_onAllWritten) {
        const std::function<void()> done = std::move(m_onAllWritten);
        m_onAllWritten = nullptr;
        done();
    }
    finishResponse();
}

void FakeHttpConnection::drop()
{
    if (m_closed)
        return;
    m_closed = true;
    m_pace->stop();
    m_frames.clear();
    m_onAllWritten = nullptr;
    emit closed();
    deleteLater();
}

} // namespace md::test
