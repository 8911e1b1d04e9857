#include "ProxyCounterView.h"

#include "catalog/PriceTable.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>

namespace md {

ProxyCounterView::ProxyCounterView(QWidget *parent)
    : QGroupBox(tr("Proxy traffic since Mistral Desk started"), parent)
{
    auto *grid = new QGridLayout(this);
    grid->setVerticalSpacing(0);
    m_requests
        = addCounter(grid, QStringLiteral("proxyCountRequests"), tr("Requests"), tr("Requests the proxy has answered"));
    m_errors = addCounter(grid, QStringLiteral("proxyCountErrors"), tr("Errors"),
                          tr("Requests answered with an error status, or not answered"));
    m_active = addCounter(grid, QStringLiteral("proxyCountActive"), tr("Active"), tr("Requests in progress now"));
    m_tokensIn = addCounter(grid, QStringLiteral("proxyCountTokensIn"), tr("Tokens in"),
                            tr("Prompt tokens sent to Mistral through the proxy"));
    m_tokensOut = addCounter(grid, QStringLiteral("proxyCountTokensOut"), tr("Tokens out"),
                             tr("Completion tokens Mistral returned through the proxy"));
    m_cost = addCounter(grid, QStringLiteral("proxyCountCost"), tr("Cost"),
                        tr("At list prices. Included, as proxy, in the session total in the status bar."));
    setValues({}, 0);
}

QLabel *ProxyCounterView::addCounter(QGridLayout *grid, const QString &objectName, const QString &caption,
                                     const QString &tip)
{
    const int column = grid->columnCount() == 1 && !grid->itemAtPosition(0, 0) ? 0 : grid->columnCount();
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    value->setFont(big);
    value->setAlignment(Qt::AlignCenter);
    value->setAccessibleName(caption);
    value->setToolTip(tip);
    auto *label = new QLabel(caption, this);
    label->setAlignment(Qt::AlignCenter);
    label->setToolTip(tip);
    grid->addWidget(value, 0, column);
    grid->addWidget(label, 1, column);
    return value;
}

void ProxyCounterView::setValues(const ProxyTotals &totals, int activeRequests)
{
    const QLocale locale;
    m_requests->setText(locale.toString(totals.requests));
    m_errors->setText(locale.toString(totals.errors));
    m_active->setText(locale.toString(activeRequests));
    m_tokensIn->setText(locale.toString(totals.promptTokens));
    m_tokensOut->setText(locale.toString(totals.completionTokens));
    m_cost->setText(PriceTable::formatUsd(totals.costUsd));
}

} // namespace md
