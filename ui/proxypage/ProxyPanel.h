#pragma once

#include "ProxyTotals.h"
#include "proxy/ProxyLogEntry.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace md {

class ProxyCounterView;
class ProxyRequestModel;
class ProxySnippetView;
class ProxyServer;
class ProxyTokenKeeper;
class SecretStore;

// The Proxy page: turn the local endpoint on and off, choose where it listens, hand its token and
// ready-made client setups to the user, and watch what goes through it. Settings (on/off, port,
// address) persist in QSettings under "proxy/"; the token lives only in the secret store.
class ProxyPanel : public QWidget {
    Q_OBJECT
public:
    ProxyPanel(ProxyServer *proxy, SecretStore *secrets, QWidget *parent = nullptr);

    bool isRunning() const;
    QString endpointUrl() const; // how this computer reaches the proxy, ".../v1"; empty when off
    const ProxyTotals &totals() const { return m_totals; }

signals:
    void runningChanged(bool running, const QString &url);
    void totalsChanged(const md::ProxyTotals &totals);

private:
    QWidget *buildEndpointGroup();
    QWidget *buildTokenGroup();
    QWidget *buildRequestTable();

    void setSwitch(bool on);
    bool startProxy();
    void stopProxy();
    bool restartProxy();
    void regenerateToken();
    void showError(const QString &message);
    void updateState();
    void updateTokenNote();
    void updateCounters();
    void onRequestFinished(const ProxyLogEntry &entry);
    void saveSettings();

    ProxyServer *m_proxy;
    ProxyTokenKeeper *m_tokens;
    ProxyRequestModel *m_requests;
    ProxyTotals m_totals;
    bool m_startWhenTokenReady = false;

    QCheckBox *m_switch = nullptr;
    QLabel *m_status = nullptr;
    QComboBox *m_address = nullptr;
    QSpinBox *m_port = nullptr;
    QFrame *m_lanWarning = nullptr;
    QFrame *m_errorBox = nullptr;
    QLabel *m_errorText = nullptr;
    QLineEdit *m_token = nullptr;
    QPushButton *m_showToken = nullptr;
    QPushButton *m_copyToken = nullptr;
    QPushButton *m_regenerate = nullptr;
    QLabel *m_tokenNote = nullptr;
    bool m_tokenRegenerated = false;
    ProxySnippetView *m_snippets = nullptr;
    ProxyCounterView *m_counters = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace md
