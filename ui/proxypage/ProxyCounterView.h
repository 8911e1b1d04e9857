#pragma once

#include "ProxyTotals.h"

#include <QGroupBox>

class QGridLayout;
class QLabel;

namespace md {

// The proxy's counters as a row of large figures with captions.
class ProxyCounterView : public QGroupBox {
    Q_OBJECT
public:
    explicit ProxyCounterView(QWidget *parent = nullptr);

    void setValues(const ProxyTotals &totals, int activeRequests);

private:
    QLabel *addCounter(QGridLayout *grid, const QString &objectName, const QString &caption, const QString &tip);

    QLabel *m_requests = nullptr;
    QLabel *m_errors = nullptr;
    QLabel *m_active = nullptr;
    QLabel *m_tokensIn = nullptr;
    QLabel *m_tokensOut = nullptr;
    QLabel *m_cost = nullptr;
};

} // namespace md
