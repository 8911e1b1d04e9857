#pragma once

#include "api/ApiError.h"
#include "api/EmbeddingBatcher.h"
#include "api/EmbeddingRequest.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

namespace md {

class MistralClient;

// One embedding job of any size, as the page runs it: EmbeddingBatcher::plan() cuts the inputs into
// requests the API accepts, and each planned request goes through an EmbeddingBatcher of its own
// (which still halves it if the server finds it too big). The one-batcher-per-request split exists
// for accounting: the batcher reports usage only for a whole job, while the usage ledger and the
// session totals count every request as it finishes, also the ones of a job cancelled later.
//
// Vectors come back in input order. A cancelled or failed job discards what it had embedded (the
// usage of finished requests has already been reported through requestFinished).
class EmbeddingRun : public QObject {
    Q_OBJECT
public:
    explicit EmbeddingRun(MistralClient *client, QObject *parent = nullptr);
    ~EmbeddingRun() override;

    void setLimits(const EmbeddingBatcher::Limits &limits) { m_limits = limits; }
    const EmbeddingBatcher::Limits &limits() const { return m_limits; }

    void start(const EmbeddingRequest &request);
    void cancel(); // emits failed(Cancelled) when running
    bool isRunning() const { return m_running; }
    int plannedRequests() const { return int(m_planned); }
    int requestsSent() const { return m_requestsSent; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : -1; }

signals:
    void progress(int embedded, int total);
    // One planned request done (`requests` > 1 when the batcher had to split it).
    void requestFinished(const QString &model, const md::Usage &usage, int requests);
    void finished(const md::EmbeddingResult &result);
    void failed(const md::ApiError &error);

private:
    void launchMore();
    void onBatchFinished(EmbeddingBatcher *batcher, const EmbeddingBatcher::Batch &batch, const EmbeddingResult &part);
    void stopAll();

    QPointer<MistralClient> m_client;
    EmbeddingBatcher::Limits m_limits;
    EmbeddingRequest m_request;
    QList<EmbeddingBatcher::Batch> m_queue;
    QList<EmbeddingBatcher *> m_active;
    EmbeddingResult m_result;
    QElapsedTimer m_clock;
    qsizetype m_planned = 0;
    int m_embedded = 0;
    int m_requestsSent = 0;
    bool m_running = false;
};

} // namespace md
