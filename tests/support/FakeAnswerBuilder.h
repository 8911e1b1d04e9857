#pragma once

#include "FakeHttpConnection.h"
#include "FakeMistral.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace md::test {

// A successful answer before the script's faults are applied: a JSON body, or the events of a
// stream (role chunk first, no "data: [DONE]": where the stream ends depends on the script).
struct FakeAnswer {
    bool streamed = false;
    QByteArray body;                         // when !streamed
    QList<FakeHttpConnection::Frame> frames; // when streamed; slot = the event's place in the pacing
    qint64 tokens = 0;                       // prompt + completion, for the rate-limit headers
};

// Makes up the answers of a request that passed validation, deterministically (see README.md):
// generated or scripted content, tool calls, token counts and embedding vectors.
class FakeAnswerBuilder {
public:
    FakeAnswerBuilder() = delete;

    // POST /v1/chat/completions (fim == false) and /v1/fim/completions, streamed when the body asks.
    static FakeAnswer completion(const QJsonObject &body, const FakeScript &script, bool fim);
    // The body of POST /v1/embeddings: one vector of `dimension` per input, seeded by the input.
    static QByteArray embeddings(const QStringList &inputs, const QString &model, int dimension, qint64 tokens,
                                 bool omitUsage, bool base64 = false);
};

} // namespace md::test
