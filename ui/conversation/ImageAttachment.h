#pragma once

#include "api/ChatMessage.h"

#include <QImage>
#include <QString>

namespace md {

// An image picked or dropped into the composer, ready to send as an image_url data URI.
struct ImageAttachment {
    QString fileName;
    QString dataUri; // data:<mime>;base64,...
    QSize pixels;
    QImage thumbnail; // small, for the composer's strip

    ContentChunk toChunk() const { return ContentChunk::image(dataUri); }

    // Reads an image file. Images over kMaxBytes, or larger than kMaxSide on a side, are re-encoded
    // as JPEG scaled to fit: the API refuses large payloads and vision models downscale anyway.
    // On failure returns an attachment with an empty dataUri and sets `error` to a sentence for the user.
    static ImageAttachment fromFile(const QString &path, QString *error);
    static ImageAttachment fromImage(const QImage &image, const QString &name);
    // An image already in a message (editing it): kept byte for byte, thumbnail decoded.
    static ImageAttachment fromDataUri(const QString &dataUri);

    static constexpr qint64 kMaxBytes = 4 * 1024 * 1024;
    static constexpr int kMaxSide = 2048;
};

} // namespace md
