#include "embeddings/EmbeddingRun.h"

#include "api/MistralClient.h"

namespace md {

EmbeddingRun::EmbeddingRun(MistralClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

EmbeddingRun::~EmbeddingRun()
{
    stopAll();
}

void EmbeddingRun::start(const EmbeddingRequest &request)
{
    stopAll();
    m_request = request;
    m_result = {};
    m_result.model = request.model;
    m_result.vectors = QList<QVector<float>>(request.inputs.size());
    m_queue = EmbeddingBatcher::plan(request.inputs, m_limits);
    m_planned = m_queue.size();
    m_embedded = 0;
    m_requestsSent = 0;
    m_running = true;
    m_clock.start();
    emit progress(0, int(request.inputs.size()));
    if (m_queue.isEmpty()) {
        m_running = false;
        emit finished(m_result);
        return;
    }
    launchMore();
}

void EmbeddingRun::cancel()
{
    if (!m_running)
        return;
    stopAll();
    m_result = {};
    emit failed(ApiError::cancelled());
}

void EmbeddingRun::stopAll()
{
    m_running = false;
    m_queue.clear();
    const QList<EmbeddingBatcher *> active = std::exchange(m_active, {});
    for (EmbeddingBatcher *batcher : active) {
        batcher->disconnect(this);
        batcher->cancel();
        batcher->deleteLater();
    }
}

void EmbeddingRun::launchMore()
{
    if (!m_client) {
        stopAll();
        emit failed(ApiError::network(tr("the client is gone")));
        return;
    }
    EmbeddingBatcher::Limits single = m_limits;
    single.maxConcurrent = 1;
    while (m_running && !m_queue.isEmpty() && m_active.size() < qMax(1, m_limits.maxConcurrent)) {
        const EmbeddingBatcher::Batch batch = m_queue.takeFirst();
        auto *batcher = new EmbeddingBatcher(m_client, this);
        batcher->setLimits(single);
        m_active.append(batcher);
        connect(batcher, &EmbeddingBatcher::finished, this,
                [this, batcher, batch](const EmbeddingResult &part) { onBatchFinished(batcher, batch, part); });
        connect(batcher, &EmbeddingBatcher::failed, this, [this, batcher](const ApiError &error) {
            m_active.removeOne(batcher);
            batcher->deleteLater();
            stopAll();
            m_result = {};
            emit failed(error);
        });
        EmbeddingRequest part = m_request;
        part.inputs = m_request.inputs.mid(batch.first, batch.count);
        batcher->start(part);
    }
}

void EmbeddingRun::onBatchFinished(EmbeddingBatcher *batcher, const EmbeddingBatcher::Batch &batch,
                                   const EmbeddingResult &part)
{
    m_active.removeOne(batcher);
    const int requests = batcher->requestsSent();
    m_requestsSent += requests;
    batcher->disconnect(this);
    batcher->deleteLater();
    if (!m_running)
        return;
    for (int i = 0; i < batch.count && i < part.vectors.size(); ++i)
        m_result.vectors[batch.first + i] = part.vectors.at(i);
    m_result.usage += part.usage;
    if (!part.model.isEmpty())
        m_result.model = part.model;
    m_embedded += batch.count;
    emit requestFinished(part.model.isEmpty() ? m_request.model : part.model, part.usage, requests);
    if (!m_running)
        return; // a slot cancelled the run
    emit progress(m_embedded, int(m_request.inputs.size()));
    if (m_queue.isEmpty() && m_active.isEmpty()) {
        m_running = false;
        emit finished(m_result);
        return;
    }
    launchMore();
}

} // namespace md
