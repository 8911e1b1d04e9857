#include "ProxySnippetView.h"

#include "common/CopyFeedback.h"
#include "ProxySnippets.h"
#include "proxy/ProxyConfig.h"

#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace md {

ProxySnippetView::ProxySnippetView(QWidget *parent)
    : QGroupBox(tr("Connect a client"), parent)
    , m_port(ProxyConfig::kDefaultPort)
{
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("&Example:"), this);
    m_picker = new QComboBox(this);
    m_picker->setObjectName(QStringLiteral("proxySnippetPicker"));
    m_picker->setAccessibleName(tr("Example"));
    m_picker->setToolTip(tr("Choose the client or tool to set up"));
    label->setBuddy(m_picker);
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setObjectName(QStringLiteral("proxyCopySnippet"));
    m_copy->setAccessibleName(tr("Copy example"));
    m_copy->setToolTip(tr("Copy this example to the clipboard. It refers to the token as $%1 and never holds "
                          "the token or your Mistral key.")
                           .arg(ProxySnippets::kTokenVariable));
    row->addWidget(label);
    row->addWidget(m_picker, 1);
    row->addWidget(m_copy);
    layout->addLayout(row);

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("proxySnippetText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("Example code"));
    m_text->setTabChangesFocus(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_text, 1);

    for (const auto &snippet : ProxySnippets::build(m_host, m_port))
        m_picker->addItem(snippet.title, snippet.id);
    connect(m_picker, &QComboBox::currentIndexChanged, this, &ProxySnippetView::refresh);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_text->toPlainText());
        showCopied(m_copy, tr("Copied"));
    });
    refresh();
}

void ProxySnippetView::setEndpoint(const QString &host, quint16 port)
{
    if (host == m_host && port == m_port)
        return;
    m_host = host;
    m_port = port;
    refresh();
}

QString ProxySnippetView::currentText() const
{
    return m_text->toPlainText();
}

void ProxySnippetView::refresh()
{
    const QString id = m_picker->currentData().toString();
    const auto snippets = ProxySnippets::build(m_host, m_port);
    for (const auto &snippet : snippets) {
        if (snippet.id == id && m_text->toPlainText() != snippet.text)
            m_text->setPlainText(snippet.text);
    }
}

} // namespace md
