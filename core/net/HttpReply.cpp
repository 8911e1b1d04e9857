#include "net/HttpReply.h"

namespace md {

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void HttpReply::setHead(int status, HttpHeaders headers, qint64 contentLength)
{
    m_status = status;
    m_headers = std::move(headers);
    m_contentLength = contentLength;
}

} // namespace md
