#include "conversation/ImageAttachment.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QMimeDatabase>

namespace md {

namespace {
constexpr int kThumbSide = 64;
constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024; // refuse to even read bigger files

// lupdate files the messages of this file under the context named here (no Q_OBJECT class).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(md::ImageAttachment)
};

QString jpegDataUri(const QImage &image)
{
    QImage scaled = image;
    if (scaled.width() > ImageAttachment::kMaxSide || scaled.height() > ImageAttachment::kMaxSide)
        scaled = scaled.scaled(ImageAttachment::kMaxSide, ImageAttachment::kMaxSide, Qt::KeepAspectRatio,
                               Qt::SmoothTransformation);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    scaled.convertToFormat(QImage::Format_RGB888).save(&buffer, "JPEG", 88);
    return QStringLiteral("data:image/jpeg;base64,") + QString::fromLatin1(bytes.toBase64());
}
} // namespace

ImageAttachment ImageAttachment::fromImage(const QImage &image, const QString &name)
{
    ImageAttachment attachment;
    attachment.fileName = name;
    attachment.pixels = image.size();
    attachment.thumbnail = image.scaled(kThumbSide, kThumbSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    attachment.dataUri = jpegDataUri(image);
    return attachment;
}

ImageAttachment ImageAttachment::fromDataUri(const QString &dataUri)
{
    ImageAttachment attachment;
    attachment.dataUri = dataUri;
    attachment.fileName = Tr::tr("image");
    const qsizetype comma = dataUri.indexOf(QLatin1Char(','));
    if (dataUri.startsWith(QLatin1String("data:")) && comma > 0) {
        QImage image;
        if (image.loadFromData(QByteArray::fromBase64(QStringView(dataUri).mid(comma + 1).toLatin1()))) {
            attachment.pixels = image.size();
            attachment.thumbnail = image.scaled(kThumbSide, kThumbSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        }
    }
    return attachment;
}

ImageAttachment ImageAttachment::fromFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!info.isFile()) {
        *error = Tr::tr("%1 is not a file.").arg(info.fileName());
        return {};
    }
    if (info.size() > kMaxFileBytes) {
        *error = Tr::tr("%1 is too large (%2 MB); pick an image under 64 MB.")
                     .arg(info.fileName())
                     .arg(info.size() / (1024 * 1024));
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Tr::tr("Could not read %1: %2").arg(info.fileName(), file.errorString());
        return {};
    }
    const QByteArray bytes = file.readAll();
    QImage image;
    if (!image.loadFromData(bytes)) {
        *error = Tr::tr("%1 is not an image this app can read (PNG, JPEG, WebP, GIF, BMP).").arg(info.fileName());
        return {};
    }
    const QString mime = QMimeDatabase().mimeTypeForData(bytes).name();
    const bool sendAsIs = bytes.size() <= kMaxBytes && image.width() <= kMaxSide && image.height() <= kMaxSide
        && (mime == QLatin1String("image/png") || mime == QLatin1String("image/jpeg")
            || mime == QLatin1String("image/webp") || mime == QLatin1String("image/gif"));
    ImageAttachment attachment = sendAsIs ? ImageAttachment {} : fromImage(image, info.fileName());
    if (sendAsIs) {
        attachment.fileName = info.fileName();
        attachment.pixels = image.size();
        attachment.thumbnail = image.scaled(kThumbSide, kThumbSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        attachment.dataUri = QStringLiteral("data:%1;base64,%2").arg(mime, QString::fromLatin1(bytes.toBase64()));
    }
    return attachment;
}

} // namespace md
