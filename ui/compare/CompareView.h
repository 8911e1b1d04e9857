#pragma once

#include "api/ChatResult.h"
#include "conversation/TabServices.h"
#include "params/ChatParameters.h"

#include <QList>
#include <QWidget>

#include <optional>

class QPushButton;
class QSplitter;

namespace md {

class CompareColumn;
class Composer;

// Compare mode: one prompt sent to 2-4 models (or one model with different parameters) side by
// side, streaming in parallel, each column with its own tokens, cost and latency. The columns'
// models and parameters come back after a restart.
class CompareView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMinColumns = 2;
    static constexpr int kMaxColumns = 4;

    explicit CompareView(const TabServices &services, QWidget *parent = nullptr);
    ~CompareView() override;

    int columnCount() const { return int(m_columns.size()); }
    CompareColumn *column(int index) const { return m_columns.at(index); }
    Composer *composer() const { return m_composer; }
    bool isBusy() const;

    CompareColumn *addColumn(const ChatParameters &parameters);
    void removeColumn(CompareColumn *column);
    void sendToAll();
    void stopAll();
    void clearAll();
    void refreshPrices();

signals:
    void callFinished(const md::ChatResult &result, std::optional<double> costUsd);
    void keyRejected();

private:
    void updateButtons();
    void updateEstimate();
    void save() const;

    TabServices m_services;
    QList<CompareColumn *> m_columns;
    QSplitter *m_splitter;
    Composer *m_composer;
    QPushButton *m_addButton;
    QPushButton *m_clearButton;
};

} // namespace md
