#include "history/UndoBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace md {

UndoBar::UndoBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_undo(new QPushButton(tr("Undo"), this))
    , m_close(new QPushButton(QString(QChar(0x2715)), this)) // ✕
{
    setObjectName(QStringLiteral("historyUndoBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    setAccessibleName(tr("Undo delete"));
    m_label->setObjectName(QStringLiteral("historyUndoText"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_undo->setObjectName(QStringLiteral("historyUndoButton"));
    m_undo->setAccessibleName(tr("Undo delete"));
    m_undo->setToolTip(tr("Bring the conversation back"));
    m_close->setObjectName(QStringLiteral("historyUndoClose"));
    m_close->setFlat(true);
    m_close->setAccessibleName(tr("Dismiss"));
    m_close->setToolTip(tr("Dismiss"));
    m_close->setFixedWidth(m_close->sizeHint().height());
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 4, 4);
    row->setSpacing(6);
    row->addWidget(m_label, 1);
    row->addWidget(m_undo);
    row->addWidget(m_close);

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &UndoBar::dismiss);
    connect(m_close, &QPushButton::clicked, this, &UndoBar::dismiss);
    connect(m_undo, &QPushButton::clicked, this, [this] {
        const qint64 id = m_id;
        dismiss();
        if (id)
            emit undoRequested(id);
    });
    hide();
}

void UndoBar::showFor(qint64 conversationId, const QString &title, int timeoutMs)
{
    m_id = conversationId;
    const QString shown = fontMetrics().elidedText(title, Qt::ElideMiddle, 180);
    m_label->setText(tr("Deleted “%1”").arg(shown));
    m_label->setToolTip(tr("Deleted “%1”").arg(title));
    show();
    m_timer.start(timeoutMs);
}

void UndoBar::dismiss()
{
    m_timer.stop();
    m_id = 0;
    hide();
}

QString UndoBar::text() const
{
    return m_label->text();
}

} // namespace md
