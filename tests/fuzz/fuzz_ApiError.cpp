// ApiError::fromHttp on any body with any status (the first two bytes of the input pick the status,
// the rest is the body), then everything the app and the proxy do with a decoded error: the user's
// sentence, the log line, the retry decision, and the OpenAI-shaped body the proxy answers with,
// which is decoded again: what the proxy passes on must read back as what it received.

#include "FuzzSupport.h"

#include "api/ApiError.h"
#include "proxy/OpenAiTranslator.h"

#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // Mostly the statuses the API uses, sometimes anything (a proxy in between may send 200 or 999).
    static const int kStatuses[] = {400, 401, 403, 404, 413, 422, 429, 500, 502, 503, 504};
    const int pick = data[0] | (data[1] << 8);
    const int status = pick < 0x8000 ? kStatuses[pick % std::size(kStatuses)] : pick - 0x8000;
    const QByteArray body(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    md::RateLimitInfo limits;
    limits.retryAfterSeconds = data[0] % 3 == 0 ? -1 : data[1];
    const md::ApiError e = md::ApiError::fromHttp(status, body, limits, QStringLiteral("req-1"));
    FUZZ_CHECK(e.kind == md::ApiError::Kind::Http);
    FUZZ_CHECK(e.httpStatus == status);
    FUZZ_CHECK(!e.message.isEmpty()); // "never fails": there is always something to show
    FUZZ_CHECK(e.body == body.left(64 * 1024));
    FUZZ_CHECK(!e.requestId.isEmpty());
    FUZZ_CHECK(e.isRetryable() == (status == 429 || (status >= 500 && status <= 504 && status != 501)));
    FUZZ_CHECK(e.userMessage().contains(e.message));
    FUZZ_CHECK(e.toString().contains(e.message));

    // The proxy's answer to its client, and that answer read back as an SDK (or this app) would.
    const int clientStatus = md::OpenAiTranslator::clientStatus(e);
    FUZZ_CHECK(clientStatus >= 400 && clientStatus <= 599);
    FUZZ_CHECK(clientStatus == status || status < 400 || status > 599);
    const QJsonObject answer = md::OpenAiTranslator::openAiError(e);
    const QByteArray wire = QJsonDocument(answer).toJson(QJsonDocument::Compact);
    const md::ApiError back = md::ApiError::fromHttp(clientStatus, wire);
    if (status != 401) // a 401 gets a sentence in front: the proxy's key was refused, not the client's token
        FUZZ_CHECK(back.message == e.message);
    FUZZ_CHECK(back.code == e.code);
    FUZZ_CHECK(back.param == e.param);
    FUZZ_CHECK(!back.type.isEmpty());
    if (!e.type.isEmpty())
        FUZZ_CHECK(back.type == e.type);
    return 0;
}
