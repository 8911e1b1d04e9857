#include "api/EmbeddingBatcher.h"

#include "api/ApiCall.h"
#include "api/MistralClient.h"

#include <QJsonDocument>

namespace md {

EmbeddingBatcher::EmbeddingBatcher(MistralClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

EmbeddingBatcher::~EmbeddingBatcher()
{
    abortAll();
}

int EmbeddingBatcher::estimateTokens(const QString &text)
{
    // UTF-8 length without converting: 1 byte below U+0080, 2 below U+0800, 3 otherwise
    // (a surrogate pair is 4 bytes for 2 UTF-16 units, i.e. 2 each).
    qsizetype bytes = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        bytes += u < 0x80 ? 1 : (u < 0x800 || c.isSurrogate()) ? 2 : 3;
    }
    return int((bytes + 1) / 2) + 1;
}

QList<EmbeddingBatcher::Batch> EmbeddingBatcher::plan(const QStringList &inputs, const Limits &limits)
{
    QList<Batch> batches;
    Batch current;
    for (int i = 0; i < inputs.size(); ++i) {
        const int tokens = estimateTokens(inputs.at(i));
        const bool full = current.count >= limits.maxInputs
            || (current.count > 0 && current.estimatedTokens + tokens > limits.maxTokens);
        if (full) {
            batches.append(current);
            current = {i, 0, 0};
        }
        if (current.count == 0)
            current.first = i;
        ++current.count;
        current.estimatedTokens += tokens;
    }
    if (current.count > 0)
        batches.append(current);
    return batches;
}

void EmbeddingBatcher::start(const EmbeddingRequest &request)
{
    abortAll();
    m_request = request;
    m_result = {};
    m_result.model = request.model;
    m_result.vectors = QList<QVector<float>>(request.inputs.size());
    m_embedded = 0;
    m_requestsSent = 0;
    m_queue = plan(request.inputs, m_limits);
    m_plannedRequests = int(m_queue.size());
    m_running = true;
    emit progress(0, int(request.inputs.size()));
    if (m_queue.isEmpty()) {
        m_running = false;
        emit finished(m_result);
        return;
    }
    launchMore();
}

void EmbeddingBatcher::cancel()
{
    if (!m_running)
        return;
    abortAll();
    emit failed(ApiError::cancelled());
}

void EmbeddingBatcher::abortAll()
{
    m_running = false;
    m_queue.clear();
    const auto calls = std::exchange(m_inFlight, {});
    for (const QPointer<ApiCall> &call : calls) {
        if (call) {
            call->disconnect(this);
            call->cancel();
        }
    }
}

void EmbeddingBatcher::launchMore()
{
    if (!m_client) {
        abortAll();
        emit failed(ApiError::network(QStringLiteral("the client is gone")));
        return;
    }
    while (m_running && !m_queue.isEmpty() && m_inFlight.size() < qMax(1, m_limits.maxConcurrent)) {
        const Batch batch = m_queue.takeFirst();
        EmbeddingRequest part = m_request;
        part.inputs = m_request.inputs.mid(batch.first, batch.count);
        ApiCall *call = m_client->embeddings(part);
        ++m_requestsSent;
        m_inFlight.append(call);
        connect(call, &ApiCall::finished, this, [this, batch, call](const QByteArray &body) {
            m_inFlight.removeOne(call);
            onBatchDone(batch, body);
        });
        connect(call, &ApiCall::failed, this, [this, batch, call](const ApiError &error) {
            m_inFlight.removeOne(call);
            onBatchFailed(batch, error);
        });
    }
}

void EmbeddingBatcher::onBatchDone(const Batch &batch, const QByteArray &body)
{
    if (!m_running)
        return;
    EmbeddingResult part;
    QString error;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject() || !EmbeddingResult::fromJson(doc.object(), batch.count, &part, &error)) {
        abortAll();
        emit failed(ApiError::protocol(error.isEmpty() ? QStringLiteral("the embeddings answer is not JSON") : error));
        return;
    }
    for (int i = 0; i < batch.count; ++i)
        m_result.vectors[batch.first + i] = std::move(part.vectors[i]);
    m_result.usage += part.usage;
    if (!part.model.isEmpty())
        m_result.model = part.model;
    emit requestFinished(m_result.model, part.usage);
    m_embedded += batch.count;
    emit progress(m_embedded, int(m_request.inputs.size()));
    if (m_queue.isEmpty() && m_inFlight.isEmpty()) {
        m_running = false;
        emit finished(m_result);
        return;
    }
    launchMore();
}

void EmbeddingBatcher::onBatchFailed(const Batch &batch, const ApiError &error)
{
    if (!m_running)
        return;
    // The token estimate can still be too low for unusual text: halve the batch and try again.
    const bool tooBig
        = error.httpStatus == 400 && error.message.contains(QLatin1String("Too many tokens"), Qt::CaseInsensitive);
    if (tooBig && batch.count > 1) {
        const int half = batch.count / 2;
        m_queue.prepend(Batch {batch.first + half, batch.count - half, 0});
        m_queue.prepend(Batch {batch.first, half, 0});
        launchMore();
        return;
    }
    abortAll();
    emit failed(error);
}

} // namespace md
