// FimPage, the part that runs a completion: send, stream, stop, stats, insert (the layout and the
// parameters are in FimPage.cpp).
#include "fim/FimPage.h"

#include "api/MistralClient.h"
#include "catalog/PriceTable.h"
#include "fim/FimCombinedView.h"

#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>

namespace md {

void FimPage::complete()
{
    if (isRunning() || !m_services.client || m_prompt->toPlainText().isEmpty())
        return;
    const FimRequest request = this->request();
    m_combined->reset(request.prompt, request.suffix);
    m_stats->clear();
    m_status->setText(tr("Waiting for %1…").arg(request.model));
    m_stream = m_services.client->fim(request, true);
    connect(m_stream, &ChatStream::textDelta, m_combined, &FimCombinedView::appendMiddle);
    connect(m_stream, &ChatStream::contentStarted, this, [this] {
        if (m_stream)
            m_status->setText(tr("Streaming… first token after %1 ms").arg(m_stream->timeToFirstTokenMs()));
    });
    connect(m_stream, &ChatStream::retrying, this, [this](int attempt, int delayMs) {
        m_status->setText(tr("Retrying (attempt %1) in %2 ms…").arg(attempt).arg(delayMs));
    });
    connect(m_stream, &ChatStream::finished, this, &FimPage::onFinished);
    connect(m_stream, &ChatStream::failed, this, &FimPage::onFailed);
    updateButtons();
}

void FimPage::stop()
{
    if (m_stream)
        m_stream->cancel();
}

void FimPage::onFinished(const ChatResult &result)
{
    m_stream = nullptr;
    m_combined->flush();
    const QString model = result.model.isEmpty() ? m_model : result.model;
    std::optional<double> cost;
    if (result.hasUsage && m_services.prices)
        cost = m_services.prices->cost(model, result.usage, m_services.catalog);
    showStats(result, cost);
    m_status->setText(result.finishReason == QLatin1String("length")
                          ? tr("Done: cut at max tokens. Insert accepts it; Complete again for another.")
                          : tr("Done. Insert accepts the completion; Complete again for another."));
    updateButtons();
    if (result.hasUsage)
        emit callFinished(model, result.usage, cost);
}

void FimPage::onFailed(const ApiError &error)
{
    ChatResult partial;
    if (m_stream)
        partial = m_stream->result();
    m_stream = nullptr;
    m_combined->flush();
    if (error.kind == ApiError::Kind::Cancelled)
        m_status->setText(tr("Stopped. What arrived stays; Insert accepts it."));
    else
        m_status->setText(tr("The completion failed: %1").arg(error.message));
    if (partial.timeToFirstTokenMs >= 0 || partial.hasUsage)
        showStats(partial, std::nullopt);
    updateButtons();
}

void FimPage::showStats(const ChatResult &result, std::optional<double> cost)
{
    const QLocale locale;
    QStringList parts;
    if (result.hasUsage) {
        parts << tr("%1 in · %2 out tokens")
                     .arg(locale.toString(result.usage.promptTokens), locale.toString(result.usage.completionTokens));
        parts << (cost ? PriceTable::formatUsd(*cost) : tr("no price"));
    }
    if (result.timeToFirstTokenMs >= 0)
        parts << tr("first token %1 ms").arg(locale.toString(result.timeToFirstTokenMs));
    if (result.durationMs >= 0)
        parts << tr("%1 s").arg(locale.toString(double(result.durationMs) / 1000.0, 'f', 2));
    if (result.tokensPerSecond > 0.0)
        parts << tr("%1 tok/s").arg(locale.toString(result.tokensPerSecond, 'f', 0));
    if (!result.finishReason.isEmpty())
        parts << tr("finish: %1").arg(result.finishReason);
    m_stats->setText(parts.join(QStringLiteral("  ·  ")));
}

void FimPage::insertMiddle()
{
    const QString middle = m_combined->middle();
    if (isRunning() || middle.isEmpty())
        return;
    // The prompt becomes prompt + middle, as if the user had typed the completion at the cursor.
    const QString prompt = m_combined->prefix() + middle;
    m_prompt->setPlainText(prompt);
    QTextCursor end = m_prompt->textCursor();
    end.movePosition(QTextCursor::End);
    m_prompt->setTextCursor(end);
    m_combined->reset(prompt, m_suffix->toPlainText());
    m_status->setText(tr("Inserted: the completion is now part of the prompt."));
    updateButtons();
}

} // namespace md
