#pragma once

#include "FakeMistral.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace md::test {

// One entry of the "detail" list of a 422 body, in the terms of pydantic (which the real API uses).
struct FakeViolation {
    QByteArray type;
    QJsonArray loc;
    QString msg;
    QJsonValue input;
};

// The bytes FakeMistral sends: JSON text, error bodies, HTTP framing, completions and stream events.
//
// Response bodies are written by hand rather than through QJsonDocument: QJsonObject sorts its keys,
// and the point of this fake is to send what Mistral sends, byte for byte where the shape is known
// (error bodies) and in Mistral's key order elsewhere. It is also much cheaper for 10,000-event streams.
class FakeWireFormat {
public:
    FakeWireFormat() = delete;

    // -- JSON text
    static QByteArray jsonString(QByteArrayView utf8);
    static QByteArray jsonString(const QString &s);
    static QByteArray jsonValue(const QJsonValue &v); // compact; any value, not only objects and arrays
    static QByteArray randomHex32();                  // completion ids and x-request-id
    static int estimateTokens(qsizetype utf8Bytes);   // ceil(bytes / 4), the fake's token count

    // -- error bodies
    static int naturalStatus(FakeScript::ErrorShape shape);
    // The body of `shape`; `message` replaces the message of InvalidRequest / the model of InvalidModel.
    static QByteArray errorBody(FakeScript::ErrorShape shape, const QString &message, const QByteArray &requestId);
    static QByteArray invalidRequestBody(const QString &message);
    static QByteArray invalidModelBody(const QString &model);
    static QByteArray validationBody(const QList<FakeViolation> &violations);
    static FakeViolation extraField(const QString &field, const QJsonValue &input);

    // -- HTTP
    static QByteArray reasonPhrase(int status);
    static QByteArray chunkEncode(const QByteArray &payload);
    static QByteArray sseFrame(const QByteArray &json); // one SSE event in one HTTP chunk

    // -- completions
    static QByteArray usageJson(int prompt, int completion);
    static QByteArray toolCallJson(const FakeScript::ToolCallSpec &t, int index);
    static QByteArray thinkingChunk(const QString &text);
    // The text every streamed event of one answer starts with.
    static QByteArray chunkPrefix(const QByteArray &id, qint64 created, const QString &model);
    // One streamed event; finishReason == nullptr writes null, an empty usage leaves it out.
    static QByteArray chunkEvent(const QByteArray &prefix, const QByteArray &delta, const char *finishReason,
                                 const QByteArray &usage);
    static QByteArray completionBody(const QByteArray &id, qint64 created, const QString &model,
                                     const QByteArray &message, const char *finishReason, const QByteArray &usage);
};

} // namespace md::test
