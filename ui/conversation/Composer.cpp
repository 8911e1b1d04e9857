#include "conversation/Composer.h"

#include "catalog/PriceTable.h"
#include "conversation/ComposerEdit.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace md {

Composer::Composer(QWidget *parent)
    : QWidget(parent)
    , m_edit(new ComposerEdit(this))
    , m_banner(new QWidget(this))
    , m_strip(new QWidget(this))
    , m_stripLayout(new QHBoxLayout(m_strip))
    , m_attachButton(new QToolButton(this))
    , m_estimateLabel(new QLabel(this))
    , m_sendButton(new QPushButton(tr("Send"), this))
    , m_stopButton(new QPushButton(tr("Stop"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(8, 2, 2, 2);
    auto *bannerText
        = new QLabel(tr("Editing an earlier message: sending replaces it and everything after it."), m_banner);
    bannerText->setWordWrap(true);
    auto *cancelEdit = new QToolButton(m_banner);
    cancelEdit->setText(tr("Cancel edit"));
    cancelEdit->setAccessibleName(tr("Cancel edit"));
    bannerLayout->addWidget(bannerText, 1);
    bannerLayout->addWidget(cancelEdit);
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::AlternateBase);
    m_banner->hide();
    connect(cancelEdit, &QToolButton::clicked, this, [this] {
        setEditing(false);
        emit editCancelled();
    });
    layout->addWidget(m_banner);

    m_stripLayout->setContentsMargins(0, 0, 0, 0);
    m_stripLayout->addStretch();
    m_strip->hide();
    layout->addWidget(m_strip);

    m_edit->setPlaceholderText(tr("Message the model… Ctrl+Enter sends; drop or paste images for vision models"));
    m_edit->setAccessibleName(tr("Message"));
    layout->addWidget(m_edit, 1);

    auto *row = new QHBoxLayout;
    m_attachButton->setText(tr("Attach image…"));
    m_attachButton->setAccessibleName(tr("Attach image"));
    m_estimateLabel->setObjectName(QStringLiteral("estimateLabel"));
    m_estimateLabel->setToolTip(tr("An estimate of the tokens this request sends (the conversation so far plus "
                                   "your message) and their cost at list prices. The exact count comes back "
                                   "with the answer."));
    m_estimateLabel->setForegroundRole(QPalette::PlaceholderText);
    m_sendButton->setToolTip(tr("Send (Ctrl+Enter)"));
    m_sendButton->setAccessibleName(tr("Send"));
    m_stopButton->setToolTip(tr("Stop the answer (Esc)"));
    m_stopButton->setAccessibleName(tr("Stop"));
    row->addWidget(m_attachButton);
    row->addWidget(m_estimateLabel, 1);
    row->addWidget(m_stopButton);
    row->addWidget(m_sendButton);
    layout->addLayout(row);

    connect(m_sendButton, &QPushButton::clicked, this, &Composer::sendRequested);
    connect(m_stopButton, &QPushButton::clicked, this, &Composer::stopRequested);
    connect(m_attachButton, &QToolButton::clicked, this, &Composer::pickImages);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        updateButtons();
        emit contentChanged();
    });
    connect(m_edit, &ComposerEdit::imageFileDropped, this, &Composer::addImageFile);
    connect(m_edit, &ComposerEdit::imagePasted, this,
            [this](const QImage &image) { addImage(image, tr("pasted image")); });
    updateButtons();
}

QString Composer::text() const
{
    return m_edit->toPlainText();
}

void Composer::setText(const QString &text)
{
    m_edit->setPlainText(text);
    m_edit->moveCursor(QTextCursor::End);
}

void Composer::setAttachments(const QList<ImageAttachment> &attachments)
{
    m_attachments = attachments;
    rebuildStrip();
    emit contentChanged();
}

bool Composer::isEmpty() const
{
    return m_edit->toPlainText().trimmed().isEmpty() && m_attachments.isEmpty();
}

ChatMessage Composer::message() const
{
    const QString text = m_edit->toPlainText().trimmed();
    if (m_attachments.isEmpty())
        return ChatMessage::user(text);
    ChatMessage message = ChatMessage::user(QString());
    if (!text.isEmpty())
        message.chunks.append(ContentChunk::fromText(text));
    for (const ImageAttachment &image : m_attachments)
        message.chunks.append(image.toChunk());
    return message;
}

void Composer::clear()
{
    m_edit->clear();
    m_attachments.clear();
    rebuildStrip();
    setEditing(false);
    emit contentChanged();
}

void Composer::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void Composer::setEstimate(qint64 tokens, std::optional<double> inputCostUsd)
{
    const QString cost = inputCostUsd ? PriceTable::formatUsd(*inputCostUsd) : tr("no price");
    m_estimateLabel->setText(tr("≈ %1 tokens in · ≈ %2 (estimate)").arg(QLocale().toString(tokens), cost));
}

void Composer::setVisionAllowed(bool allowed)
{
    m_visionAllowed = allowed;
    updateButtons();
}

void Composer::setEditing(bool editing)
{
    m_editing = editing;
    m_banner->setVisible(editing);
}

void Composer::focusEditor()
{
    m_edit->setFocus();
}

bool Composer::addImageFile(const QString &path)
{
    if (!m_visionAllowed) {
        emit problem(tr("This model does not read images. Pick a model with the vision badge to attach one."));
        return false;
    }
    QString error;
    const ImageAttachment attachment = ImageAttachment::fromFile(path, &error);
    if (attachment.dataUri.isEmpty()) {
        emit problem(error);
        return false;
    }
    m_attachments.append(attachment);
    rebuildStrip();
    emit contentChanged();
    return true;
}

void Composer::addImage(const QImage &image, const QString &name)
{
    if (!m_visionAllowed) {
        emit problem(tr("This model does not read images. Pick a model with the vision badge to attach one."));
        return;
    }
    if (image.isNull())
        return;
    m_attachments.append(ImageAttachment::fromImage(image, name));
    rebuildStrip();
    emit contentChanged();
}

void Composer::pickImages()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Attach images"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
        tr("Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)"));
    for (const QString &path : paths)
        addImageFile(path);
}

void Composer::rebuildStrip()
{
    while (m_stripLayout->count() > 1) {
        QLayoutItem *item = m_stripLayout->takeAt(0);
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < m_attachments.size(); ++i) {
        const ImageAttachment &attachment = m_attachments.at(i);
        auto *button = new QToolButton(m_strip);
        button->setIcon(QPixmap::fromImage(attachment.thumbnail));
        button->setIconSize(QSize(48, 48));
        button->setText(QStringLiteral("✕"));
        button->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
        button->setToolTip(tr("%1 (%2×%3): click to remove")
                               .arg(attachment.fileName)
                               .arg(attachment.pixels.width())
                               .arg(attachment.pixels.height()));
        button->setAccessibleName(tr("Remove %1").arg(attachment.fileName));
        connect(button, &QToolButton::clicked, this, [this, i] {
            m_attachments.removeAt(i);
            rebuildStrip();
            emit contentChanged();
        });
        m_stripLayout->insertWidget(i, button);
    }
    m_strip->setVisible(!m_attachments.isEmpty());
    updateButtons();
}

void Composer::updateButtons()
{
    m_sendButton->setEnabled(!m_busy && !isEmpty());
    m_stopButton->setEnabled(m_busy);
    m_attachButton->setEnabled(m_visionAllowed);
    m_attachButton->setToolTip(m_visionAllowed ? tr("Attach images (or drop / paste them into the message)")
                                               : tr("This model does not read images"));
}

} // namespace md
