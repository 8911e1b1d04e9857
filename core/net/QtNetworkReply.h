#pragma once

#include "net/HttpReply.h"

#include <QPointer>

class QNetworkReply;

namespace md {

// HttpReply over a QNetworkReply (QtNetworkTransport). Owns the QNetworkReply.
class QtNetworkReply : public HttpReply {
    Q_OBJECT
public:
    explicit QtNetworkReply(QNetworkReply *reply, QObject *parent = nullptr);
    ~QtNetworkReply() override;

    void abort() override;

private:
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void release();

    QPointer<QNetworkReply> m_reply; // the manager may delete it first (both children of the client)
    bool m_headSeen = false;
};

} // namespace md
