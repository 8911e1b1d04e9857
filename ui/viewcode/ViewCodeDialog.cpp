#include "viewcode/ViewCodeDialog.h"

#include "common/CopyFeedback.h"
#include "viewcode/RequestCode.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace md {

ViewCodeDialog::ViewCodeDialog(const ChatRequest &request, const QUrl &baseUrl, bool stream, QWidget *parent)
    : QDialog(parent)
    , m_request(request)
    , m_baseUrl(baseUrl)
{
    setWindowTitle(tr("View code"));
    setObjectName(QStringLiteral("viewCodeDialog"));
    auto *layout = new QVBoxLayout(this);

    auto *top = new QHBoxLayout;
    auto *note = new QLabel(tr("This request as code. The key is read from the %1 environment variable: "
                               "set it first, e.g. <code>export %1=…</code>")
                                .arg(QString::fromLatin1(RequestCode::kKeyVariable)),
                            this);
    note->setWordWrap(true);
    note->setTextFormat(Qt::RichText);
    top->addWidget(note, 1);
    m_stream = new QCheckBox(tr("&Streaming"), this);
    m_stream->setObjectName(QStringLiteral("viewCodeStream"));
    m_stream->setToolTip(tr("Show the streaming variant (server-sent events) instead of one complete answer"));
    m_stream->setChecked(stream);
    top->addWidget(m_stream, 0, Qt::AlignTop);
    layout->addLayout(top);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("viewCodeTabs"));
    m_tabs->addTab(buildTab(QStringLiteral("curl"), &m_curl), QStringLiteral("curl"));
    m_tabs->addTab(buildTab(QStringLiteral("Python"), &m_python), QStringLiteral("Python"));
    m_tabs->addTab(buildTab(QStringLiteral("TypeScript"), &m_typescript), QStringLiteral("TypeScript"));
    layout->addWidget(m_tabs, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_stream, &QCheckBox::toggled, this, &ViewCodeDialog::refresh);
    refresh();
    resize(820, 620);
}

QWidget *ViewCodeDialog::buildTab(const QString &name, QPlainTextEdit **edit)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *text = new QPlainTextEdit(page);
    text->setObjectName(QStringLiteral("viewCode") + name);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setAccessibleName(tr("%1 code").arg(name));
    text->setTabChangesFocus(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(text, 1);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    auto *copy = new QPushButton(tr("&Copy %1").arg(name), page);
    copy->setObjectName(QStringLiteral("viewCodeCopy") + name);
    copy->setAccessibleName(tr("Copy the %1 code").arg(name));
    copy->setAutoDefault(false);
    row->addWidget(copy);
    layout->addLayout(row);
    connect(copy, &QPushButton::clicked, this, [copy, text, this] {
        QGuiApplication::clipboard()->setText(text->toPlainText());
        showCopied(copy, tr("Copied"));
    });
    *edit = text;
    return page;
}

void ViewCodeDialog::refresh()
{
    const bool stream = m_stream->isChecked();
    m_curl->setPlainText(RequestCode::curl(m_request, m_baseUrl, stream));
    m_python->setPlainText(RequestCode::python(m_request, stream, m_baseUrl));
    m_typescript->setPlainText(RequestCode::typescript(m_request, stream, m_baseUrl));
}

QString ViewCodeDialog::snippet(int tab) const
{
    const QPlainTextEdit *edits[] = {m_curl, m_python, m_typescript};
    return tab >= 0 && tab < 3 ? edits[tab]->toPlainText() : QString();
}

} // namespace md
