#include "compare/CompareView.h"

#include "catalog/PriceTable.h"
#include "catalog/TokenEstimate.h"
#include "chat/ConversationModel.h"
#include "compare/CompareColumn.h"
#include "conversation/Composer.h"
#include "conversation/ComposerEdit.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>

namespace md {

namespace {
const QString kSettingsKey = QStringLiteral("compare/columns");

QList<ChatParameters> savedColumns()
{
    QList<ChatParameters> columns;
    const QJsonArray saved = QJsonDocument::fromJson(QSettings().value(kSettingsKey).toByteArray()).array();
    for (const QJsonValue &value : saved)
        columns.append(ChatParameters::fromJson(value.toObject()));
    if (columns.size() < CompareView::kMinColumns) {
        ChatParameters small;
        small.model = QStringLiteral("mistral-small-latest");
        ChatParameters large;
        large.model = QStringLiteral("mistral-large-latest");
        columns = {small, large};
    }
    return columns.mid(0, CompareView::kMaxColumns);
}
} // namespace

CompareView::CompareView(const TabServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_composer(new Composer(this))
    , m_addButton(new QPushButton(tr("Add column"), this))
    , m_clearButton(new QPushButton(tr("Clear all"), this))
{
    setObjectName(QStringLiteral("compareView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);
    auto *top = new QHBoxLayout;
    auto *hint = new QLabel(tr("One prompt, several models or settings, answered side by side. Each column keeps "
                               "its own history."),
                            this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_addButton->setToolTip(tr("Compare up to %1 columns").arg(kMaxColumns));
    m_clearButton->setToolTip(tr("Start every column afresh"));
    top->addWidget(hint, 1);
    top->addWidget(m_addButton);
    top->addWidget(m_clearButton);
    layout->addLayout(top);

    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_splitter);
    vertical->addWidget(m_composer);
    vertical->setStretchFactor(0, 5);
    vertical->setStretchFactor(1, 1);
    vertical->setCollapsible(0, false);
    vertical->setCollapsible(1, false);
    layout->addWidget(vertical, 1);

    m_composer->editor()->setPlaceholderText(tr("A prompt for every column… Ctrl+Enter sends to all"));
    connect(m_composer, &Composer::contentChanged, this, &CompareView::updateEstimate);
    connect(m_composer, &Composer::sendRequested, this, &CompareView::sendToAll);
    connect(m_composer, &Composer::stopRequested, this, &CompareView::stopAll);
    connect(m_addButton, &QPushButton::clicked, this, [this] {
        addColumn(m_columns.isEmpty() ? ChatParameters {} : m_columns.last()->parameters());
        save();
    });
    connect(m_clearButton, &QPushButton::clicked, this, &CompareView::clearAll);

    for (const ChatParameters &parameters : savedColumns())
        addColumn(parameters);
    updateEstimate();
}

void CompareView::updateEstimate()
{
    // What "send to all" carries: every column's history plus the new message, at its own price.
    qint64 tokens = 0;
    std::optional<double> cost = 0.0;
    for (const CompareColumn *column : std::as_const(m_columns)) {
        QList<ChatMessage> messages = column->conversation()->requestMessages();
        if (!m_composer->isEmpty())
            messages.append(m_composer->message());
        const qint64 columnTokens = TokenEstimate::forMessages(messages);
        tokens += columnTokens;
        const auto price = m_services.prices ? m_services.prices->price(column->parameters().model, m_services.catalog)
                                             : std::nullopt;
        if (price && cost)
            *cost += PriceTable::cost(*price, columnTokens, 0);
        else
            cost.reset();
    }
    m_composer->setEstimate(tokens, cost);
}

CompareView::~CompareView()
{
    save();
}

bool CompareView::isBusy() const
{
    for (const CompareColumn *column : m_columns) {
        if (column->isBusy())
            return true;
    }
    return false;
}

CompareColumn *CompareView::addColumn(const ChatParameters &parameters)
{
    if (m_columns.size() >= kMaxColumns)
        return nullptr;
    auto *column = new CompareColumn(m_services, parameters, m_splitter);
    m_columns.append(column);
    m_splitter->addWidget(column);
    connect(column, &CompareColumn::removeRequested, this, &CompareView::removeColumn);
    connect(column, &CompareColumn::busyChanged, this, &CompareView::updateButtons);
    connect(column, &CompareColumn::changed, this, &CompareView::save);
    connect(column, &CompareColumn::changed, this, &CompareView::updateEstimate);
    connect(column, &CompareColumn::busyChanged, this, &CompareView::updateEstimate);
    connect(column, &CompareColumn::callFinished, this, &CompareView::callFinished);
    connect(column, &CompareColumn::keyRejected, this, &CompareView::keyRejected);
    // Equal widths: the point is to read them side by side.
    QList<int> sizes(m_columns.size(), 1000);
    m_splitter->setSizes(sizes);
    updateButtons();
    return column;
}

void CompareView::removeColumn(CompareColumn *column)
{
    if (m_columns.size() <= kMinColumns || !m_columns.contains(column))
        return;
    column->stop();
    m_columns.removeOne(column);
    column->hide();
    column->deleteLater();
    updateButtons();
    save();
}

void CompareView::sendToAll()
{
    if (isBusy() || m_composer->isEmpty())
        return;
    const ChatMessage message = m_composer->message();
    m_composer->clear();
    for (CompareColumn *column : std::as_const(m_columns))
        column->send(message);
}

void CompareView::stopAll()
{
    for (CompareColumn *column : std::as_const(m_columns))
        column->stop();
}

void CompareView::clearAll()
{
    for (CompareColumn *column : std::as_const(m_columns))
        column->clear();
}

void CompareView::refreshPrices()
{
    for (CompareColumn *column : std::as_const(m_columns))
        column->refreshPrices();
    updateEstimate();
}

void CompareView::updateButtons()
{
    const bool busy = isBusy();
    m_composer->setBusy(busy);
    m_addButton->setEnabled(!busy && m_columns.size() < kMaxColumns);
    m_clearButton->setEnabled(!busy);
    for (CompareColumn *column : std::as_const(m_columns))
        column->setRemovable(!busy && m_columns.size() > kMinColumns);
}

void CompareView::save() const
{
    QJsonArray columns;
    for (const CompareColumn *column : m_columns)
        columns.append(column->parameters().toJson());
    QSettings().setValue(kSettingsKey, QJsonDocument(columns).toJson(QJsonDocument::Compact));
}

} // namespace md
