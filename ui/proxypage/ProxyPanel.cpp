#include "ProxyPanel.h"

#include "common/CopyFeedback.h"
#include "ProxyCounterView.h"
#include "ProxyRequestModel.h"
#include "ProxySnippetView.h"
#include "ProxyTokenKeeper.h"
#include "catalog/PriceTable.h"
#include "proxy/ProxyServer.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace md {

namespace {
const QString kEnabledKey = QStringLiteral("proxy/enabled");
const QString kPortKey = QStringLiteral("proxy/port");
const QString kLanKey = QStringLiteral("proxy/allNetworkInterfaces");
const QString kLocalHost = QStringLiteral("127.0.0.1");

// A framed line of text with a standard icon: warnings and errors that must not be missed, drawn
// with the palette's own colours so they stay readable in light and dark themes.
QFrame *makeNotice(QStyle::StandardPixmap icon, QLabel **text, QWidget *parent)
{
    auto *frame = new QFrame(parent);
    frame->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(frame);
    layout->setContentsMargins(8, 6, 8, 6);
    auto *iconLabel = new QLabel(frame);
    const int size = frame->style()->pixelMetric(QStyle::PM_SmallIconSize);
    iconLabel->setPixmap(frame->style()->standardIcon(icon).pixmap(size, size));
    iconLabel->setAlignment(Qt::AlignTop);
    layout->addWidget(iconLabel);
    *text = new QLabel(frame);
    (*text)->setWordWrap(true);
    (*text)->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(*text, 1);
    return frame;
}

} // namespace

ProxyPanel::ProxyPanel(ProxyServer *proxy, SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_proxy(proxy)
    , m_tokens(new ProxyTokenKeeper(secrets, this))
    , m_requests(new ProxyRequestModel(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(buildEndpointGroup());
    left->addWidget(buildTokenGroup());
    left->addStretch();
    top->addLayout(left, 1);
    m_snippets = new ProxySnippetView(this);
    top->addWidget(m_snippets, 1);
    layout->addLayout(top);
    m_counters = new ProxyCounterView(this);
    layout->addWidget(m_counters);
    layout->addWidget(buildRequestTable(), 1);

    {
        // Restoring must not write back: the change signals would save "off" before it is read.
        const QSettings settings;
        const QSignalBlocker blockPort(m_port);
        const QSignalBlocker blockAddress(m_address);
        m_port->setValue(settings.value(kPortKey, int(ProxyConfig::kDefaultPort)).toInt());
        m_address->setCurrentIndex(settings.value(kLanKey, false).toBool() ? 1 : 0);
        m_lanWarning->setVisible(m_address->currentIndex() == 1);
        m_startWhenTokenReady = settings.value(kEnabledKey, false).toBool();
    }

    connect(m_proxy, &ProxyServer::requestFinished, this, &ProxyPanel::onRequestFinished);
    connect(m_proxy, &ProxyServer::activeRequestsChanged, this, &ProxyPanel::updateCounters);
    connect(m_tokens, &ProxyTokenKeeper::tokenChanged, this, [this](const QString &token) {
        m_token->setText(token);
        if (m_startWhenTokenReady) {
            m_startWhenTokenReady = false;
            setSwitch(startProxy());
        }
        updateState();
    });
    connect(m_tokens, &ProxyTokenKeeper::storageNoteChanged, this, &ProxyPanel::updateTokenNote);
    m_tokens->load();
    updateTokenNote();
    updateState();
    updateCounters();
}

QWidget *ProxyPanel::buildEndpointGroup()
{
    auto *group = new QGroupBox(tr("Local endpoint"), this);
    auto *form = new QFormLayout(group);

    m_switch = new QCheckBox(tr("Run the local proxy"), group);
    m_switch->setObjectName(QStringLiteral("proxySwitch"));
    m_switch->setAccessibleName(tr("Run the local proxy"));
    m_switch->setToolTip(tr("Lets other programs on this computer use your Mistral key through Mistral Desk, with "
                            "the local token instead of the key"));
    m_status = new QLabel(group);
    m_status->setObjectName(QStringLiteral("proxyStatus"));
    m_status->setAccessibleName(tr("Proxy status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    form->addRow(m_switch);
    form->addRow(m_status);

    m_address = new QComboBox(group);
    m_address->setObjectName(QStringLiteral("proxyAddress"));
    m_address->addItem(tr("This computer only (127.0.0.1)"), kLocalHost);
    m_address->addItem(tr("All network interfaces (0.0.0.0)"), QStringLiteral("0.0.0.0"));
    m_address->setAccessibleName(tr("Listen on"));
    m_address->setToolTip(tr("Where the proxy accepts connections. Turn the proxy off to change it."));
    form->addRow(tr("&Listen on:"), m_address);

    m_port = new QSpinBox(group);
    m_port->setObjectName(QStringLiteral("proxyPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Any free port"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setToolTip(tr("The TCP port clients connect to (default %1). Turn the proxy off to change it.")
                           .arg(ProxyConfig::kDefaultPort));
    form->addRow(tr("&Port:"), m_port);

    QLabel *warningText = nullptr;
    m_lanWarning = makeNotice(QStyle::SP_MessageBoxWarning, &warningText, group);
    m_lanWarning->setObjectName(QStringLiteral("proxyLanWarning"));
    warningText->setText(tr("Anyone on your network who has the token can use the proxy and spend your Mistral "
                            "credit. Choose this only on a network you trust."));
    form->addRow(m_lanWarning);

    m_errorBox = makeNotice(QStyle::SP_MessageBoxCritical, &m_errorText, group);
    m_errorText->setObjectName(QStringLiteral("proxyError"));
    m_errorText->setAccessibleName(tr("Proxy error"));
    m_errorBox->hide();
    form->addRow(m_errorBox);

    connect(m_switch, &QCheckBox::toggled, this, [this](bool on) {
        if (on) {
            if (!m_tokens->isReady()) {
                m_startWhenTokenReady = true;
                m_status->setText(tr("Waiting for the local token…").toHtmlEscaped());
                return;
            }
            setSwitch(startProxy());
        } else {
            m_startWhenTokenReady = false;
            stopProxy();
        }
        saveSettings();
    });
    connect(m_address, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_lanWarning->setVisible(index == 1);
        saveSettings();
    });
    connect(m_port, &QSpinBox::valueChanged, this, [this] {
        updateState();
        saveSettings();
    });
    return group;
}

QWidget *ProxyPanel::buildTokenGroup()
{
    auto *group = new QGroupBox(tr("Local token"), this);
    auto *layout = new QVBoxLayout(group);
    auto *row = new QHBoxLayout;
    m_token = new QLineEdit(group);
    m_token->setObjectName(QStringLiteral("proxyToken"));
    m_token->setReadOnly(true);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_token->setAccessibleName(tr("Local token"));
    m_token->setToolTip(tr("The password clients use to reach the proxy"));
    m_token->setPlaceholderText(tr("Loading…"));
    row->addWidget(m_token, 1);

    m_showToken = new QPushButton(tr("Show"), group);
    m_showToken->setObjectName(QStringLiteral("proxyShowToken"));
    m_showToken->setCheckable(true);
    m_showToken->setToolTip(tr("Show or hide the token"));
    m_showToken->setAccessibleName(tr("Show token"));
    m_copyToken = new QPushButton(tr("Copy"), group);
    m_copyToken->setObjectName(QStringLiteral("proxyCopyToken"));
    m_copyToken->setToolTip(tr("Copy the token to the clipboard"));
    m_copyToken->setAccessibleName(tr("Copy token"));
    m_regenerate = new QPushButton(tr("Regenerate"), group);
    m_regenerate->setObjectName(QStringLiteral("proxyRegenerate"));
    m_regenerate->setToolTip(tr("Make a new token. The old one stops working at once; clients need the new one."));
    m_regenerate->setAccessibleName(tr("Regenerate token"));
    layout->addLayout(row);
    // The buttons get their own row so the whole token fits when shown.
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_showToken, m_copyToken, m_regenerate})
        buttons->addWidget(button);
    buttons->addStretch();
    layout->addLayout(buttons);

    m_tokenNote = new QLabel(group);
    m_tokenNote->setObjectName(QStringLiteral("proxyTokenNote"));
    m_tokenNote->setWordWrap(true);
    layout->addWidget(m_tokenNote);

    connect(m_showToken, &QPushButton::toggled, this, [this](bool show) {
        m_token->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
        m_showToken->setText(show ? tr("Hide") : tr("Show"));
    });
    connect(m_copyToken, &QPushButton::clicked, this, [this] {
        if (!m_tokens->isReady())
            return;
        QGuiApplication::clipboard()->setText(m_tokens->token());
        showCopied(m_copyToken, tr("Copied"));
    });
    connect(m_regenerate, &QPushButton::clicked, this, &ProxyPanel::regenerateToken);
    return group;
}

QWidget *ProxyPanel::buildRequestTable()
{
    auto *group = new QGroupBox(
        tr("Recent requests (newest first, last %1 kept)").arg(QLocale().toString(ProxyRequestModel::kMaxRows)), this);
    auto *layout = new QVBoxLayout(group);
    m_table = new QTableView(group);
    m_table->setObjectName(QStringLiteral("proxyRequests"));
    m_table->setAccessibleName(tr("Recent proxy requests"));
    m_table->setModel(m_requests);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ProxyRequestModel::Model, QHeaderView::Stretch);
    const QFontMetrics fm = m_table->fontMetrics();
    const auto widthFor = [&](int column, const QString &sample) {
        const int text = qMax(fm.horizontalAdvance(sample),
                              fm.horizontalAdvance(m_requests->headerData(column, Qt::Horizontal).toString()));
        m_table->setColumnWidth(column, text + 16);
    };
    widthFor(ProxyRequestModel::Time, QStringLiteral("00:00:00"));
    widthFor(ProxyRequestModel::Client, QStringLiteral("192.168.100.10"));
    widthFor(ProxyRequestModel::Path, QStringLiteral("/v1/chat/completions"));
    widthFor(ProxyRequestModel::Method, QStringLiteral("DELETE"));
    widthFor(ProxyRequestModel::Status, QStringLiteral("aborted"));
    widthFor(ProxyRequestModel::LatencyMs, QStringLiteral("00,000"));
    header->setMinimumSectionSize(fm.horizontalAdvance(QStringLiteral("0000")));
    widthFor(ProxyRequestModel::TokensIn, QStringLiteral("000,000"));
    widthFor(ProxyRequestModel::TokensOut, QStringLiteral("000,000"));
    widthFor(ProxyRequestModel::Cost, QStringLiteral("< $0.000001"));
    m_table->setMinimumHeight(fm.height() * 8);
    layout->addWidget(m_table);
    return group;
}

bool ProxyPanel::isRunning() const
{
    return m_proxy->isListening();
}

QString ProxyPanel::endpointUrl() const
{
    if (!isRunning())
        return {};
    return QStringLiteral("http://%1:%2/v1").arg(kLocalHost).arg(m_proxy->port());
}

void ProxyPanel::setSwitch(bool on)
{
    const QSignalBlocker block(m_switch);
    m_switch->setChecked(on);
    updateState();
}

bool ProxyPanel::startProxy()
{
    ProxyConfig config = m_proxy->config();
    config.address
        = m_address->currentIndex() == 1 ? QHostAddress(QHostAddress::AnyIPv4) : QHostAddress(QHostAddress::LocalHost);
    config.port = quint16(m_port->value());
    config.token = m_tokens->token();
    m_proxy->setConfig(config);
    QString error;
    if (!m_proxy->start(&error)) {
        showError(tr("The proxy did not start (%1).").arg(error) + QLatin1Char(' ')
                  + tr("If another program uses port %1, choose another port and turn the proxy on again.")
                        .arg(m_port->value()));
        updateState();
        return false;
    }
    showError({});
    updateState();
    return true;
}

void ProxyPanel::stopProxy()
{
    m_proxy->stop();
    updateState();
}

bool ProxyPanel::restartProxy()
{
    // Keep the port clients already use, even when it was picked at random.
    const quint16 port = m_proxy->port();
    m_proxy->stop();
    ProxyConfig config = m_proxy->config();
    config.token = m_tokens->token();
    if (m_port->value() == 0)
        config.port = port;
    m_proxy->setConfig(config);
    QString error;
    const bool ok = m_proxy->start(&error);
    showError(ok ? QString() : tr("The proxy did not restart (%1).").arg(error));
    setSwitch(ok);
    return ok;
}

void ProxyPanel::regenerateToken()
{
    m_tokens->regenerate();
    const bool wasRunning = isRunning();
    if (wasRunning)
        restartProxy();
    else if (m_proxy->config().token != m_tokens->token()) {
        ProxyConfig config = m_proxy->config();
        config.token = m_tokens->token();
        m_proxy->setConfig(config);
    }
    m_tokenRegenerated = true;
    updateTokenNote();
}

void ProxyPanel::showError(const QString &message)
{
    m_errorText->setText(message);
    m_errorBox->setVisible(!message.isEmpty());
}

void ProxyPanel::updateState()
{
    const bool running = isRunning();
    m_address->setEnabled(!running);
    m_port->setEnabled(!running);
    m_regenerate->setEnabled(m_tokens->isReady());
    m_copyToken->setEnabled(m_tokens->isReady());
    if (running) {
        // The dot's green reads on light and dark windows alike; the words carry the meaning.
        QString text = tr("<span style=\"color:#2fa34a\">●</span> <b>Running</b> — clients use %1")
                           .arg(endpointUrl().toHtmlEscaped());
        if (m_proxy->config().address != QHostAddress(QHostAddress::LocalHost)) {
            QStringList others;
            const auto addresses = QNetworkInterface::allAddresses();
            for (const QHostAddress &a : addresses) {
                if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
                    others << QStringLiteral("http://%1:%2/v1").arg(a.toString()).arg(m_proxy->port());
            }
            if (!others.isEmpty())
                text += QStringLiteral("<br>")
                    + tr("Other computers use %1").arg(others.join(QLatin1String(", ")).toHtmlEscaped());
        }
        m_status->setText(text);
    } else {
        m_status->setText(tr("○ <b>Off</b> — nothing is listening."));
    }
    m_switch->setToolTip(running ? tr("Stop the proxy. Requests already in progress finish.")
                                 : tr("Start the proxy so other programs can use Mistral through this app"));
    const quint16 port = running ? m_proxy->port() : quint16(m_port->value());
    m_snippets->setEndpoint(kLocalHost, port == 0 ? ProxyConfig::kDefaultPort : port);
    emit runningChanged(running, endpointUrl());
}

void ProxyPanel::onRequestFinished(const ProxyLogEntry &entry)
{
    m_requests->addEntry(entry);
    m_totals.add(entry);
    updateCounters();
    emit totalsChanged(m_totals);
}

void ProxyPanel::updateCounters()
{
    m_counters->setValues(m_totals, m_proxy->activeRequests());
}

void ProxyPanel::updateTokenNote()
{
    QString note = tr("Clients send it as “Authorization: Bearer <token>”. It is not your Mistral key, which never "
                      "leaves this app.");
    if (!m_tokens->storageNote().isEmpty())
        note += QLatin1Char(' ') + m_tokens->storageNote();
    if (m_tokenRegenerated)
        note += QLatin1Char(' ') + tr("Clients still using the old token are refused until they use the new one.");
    m_tokenNote->setText(note);
}

void ProxyPanel::saveSettings()
{
    QSettings settings;
    settings.setValue(kEnabledKey, m_switch->isChecked());
    settings.setValue(kPortKey, m_port->value());
    settings.setValue(kLanKey, m_address->currentIndex() == 1);
}

} // namespace md
