#include "FakeMistral.h"

#include <QJsonDocument>

namespace md::test {

QByteArray FakeRequest::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return h.second;
    return {};
}

QJsonObject FakeRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace md::test
