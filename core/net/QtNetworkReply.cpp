#include "net/QtNetworkReply.h"

#include <QNetworkReply>

namespace md {

QtNetworkReply::QtNetworkReply(QNetworkReply *reply, QObject *parent)
    : HttpReply(parent)
    , m_reply(reply)
{
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &QtNetworkReply::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &QtNetworkReply::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &QtNetworkReply::onFinished);
    connect(m_reply, &QNetworkReply::uploadProgress, this, &QtNetworkReply::uploadProgressed);
}

QtNetworkReply::~QtNetworkReply()
{
    release();
}

void QtNetworkReply::abort()
{
    release();
}

void QtNetworkReply::onMetaData()
{
    if (!m_reply || m_headSeen)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return;
    m_headSeen = true;
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    setHead(status, m_reply->rawHeaderPairs(), length.isValid() ? length.toLongLong() : -1);
    emit headReceived();
}

void QtNetworkReply::onReadyRead()
{
    if (!m_reply)
        return;
    onMetaData();
    if (m_reply)
        emit bodyReceived(m_reply->readAll());
}

void QtNetworkReply::onFinished()
{
    if (!m_reply)
        return;
    onMetaData();
    if (m_reply && m_reply->bytesAvailable() > 0)
        onReadyRead();
    if (!m_reply)
        return;
    const bool ok = m_reply->error() == QNetworkReply::NoError;
    const QString message = m_reply->errorString();
    release();
    // Qt reports an HTTP error status as an error of the reply too; whoever listens reads the
    // status first, so that case is told apart there.
    if (ok)
        emit completed();
    else
        emit failed(message);
}

void QtNetworkReply::release()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

} // namespace md
