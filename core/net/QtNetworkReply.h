#pragma once

#include "net/HttpReply.h"

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

    QNetworkReply *m_reply;
    bool m_headSeen = false;
};

} // namespace md
