#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace md::test {

// The error answer to a request the real API would refuse.
struct FakeRejection {
    int status = 400;
    QByteArray body;
};

// Checks request bodies the way the real API does, so that a client's mistakes show up against the
// fake too: 422 with pydantic details for unknown fields, missing or mistyped ones; 400 for an
// unknown model and for the rules the API checks after parsing (tool call ids, the role of the last
// message, embedding batch limits).
class FakeRequestValidator {
public:
    // An embeddings request that passed the checks.
    struct Embeddings {
        QString model;
        QStringList inputs;
        qint64 tokens = 0;    // of all inputs, the fake's estimate
        int dimension = 1024; // the model's, or output_dimension where the model honours it
        bool base64 = false;  // encoding_format "base64": each vector as little-endian float32, base64
    };

    FakeRequestValidator() = delete;

    // The body as a JSON object; not JSON or not an object is 400.
    static std::optional<FakeRejection> parseBody(const QByteArray &raw, QJsonObject &body);
    // POST /v1/chat/completions (fim == false) and /v1/fim/completions.
    static std::optional<FakeRejection> checkCompletion(const QJsonObject &body, bool fim);
    // POST /v1/embeddings; fills `request` when it passes.
    static std::optional<FakeRejection> checkEmbeddings(const QJsonObject &body, Embeddings &request);
};

} // namespace md::test
