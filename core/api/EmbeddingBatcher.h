#pragma once

#include "api/ApiError.h"
#include "api/EmbeddingRequest.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace md {

class ApiCall;
class MistralClient;

// Embeds any number of inputs: splits them into requests the API accepts (at most 512 inputs and
// 16,384 tokens per request), runs a few at once, reports progress, can be cancelled, and returns
// the vectors in input order. A request the server still finds too big is split in two and retried.
class EmbeddingBatcher : public QObject {
    Q_OBJECT
public:
    struct Limits {
        int maxInputs = 512;
        int maxTokens = 16384;
        int maxConcurrent = 3;
    };
    struct Batch {
        int first = 0;
        int count = 0;
        int estimatedTokens = 0;
        friend bool operator==(const Batch &, const Batch &) = default;
    };

    explicit EmbeddingBatcher(MistralClient *client, QObject *parent = nullptr);
    ~EmbeddingBatcher() override;

    void setLimits(const Limits &limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }

    // `request.inputs` holds every input; the other fields are used for each batch.
    void start(const EmbeddingRequest &request);
    void cancel();
    bool isRunning() const { return m_running; }
    int requestsSent() const { return m_requestsSent; }
    int plannedRequests() const { return m_plannedRequests; } // before any split of a too-big one

    // A deliberately high estimate (one token per two UTF-8 bytes, plus one): the real tokenizer
    // averages about four bytes per token on English and two on CJK text, so batches stay under
    // the limit without the tokenizer.
    static int estimateTokens(const QString &text);
    // Consecutive batches within the limits; an input over the token limit on its own gets a batch
    // of its own (the server then says what is wrong with it).
    static QList<Batch> plan(const QStringList &inputs, const Limits &limits);

signals:
    void progress(int embedded, int total);
    // One request answered, with its usage: the ledger counts requests as they finish, also those of
    // a job that is cancelled later.
    void requestFinished(const QString &model, const md::Usage &usage);
    void finished(const md::EmbeddingResult &result);
    void failed(const md::ApiError &error);

private:
    void launchMore();
    void onBatchDone(const Batch &batch, const QByteArray &body);
    void onBatchFailed(const Batch &batch, const ApiError &error);
    void abortAll();

    QPointer<MistralClient> m_client;
    Limits m_limits;
    EmbeddingRequest m_request;
    QList<Batch> m_queue;
    QList<QPointer<ApiCall>> m_inFlight;
    EmbeddingResult m_result;
    int m_embedded = 0;
    int m_requestsSent = 0;
    int m_plannedRequests = 0;
    bool m_running = false;
};

} // namespace md
