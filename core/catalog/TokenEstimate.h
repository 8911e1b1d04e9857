#pragma once

#include "api/ChatMessage.h"

#include <QList>
#include <QSize>
#include <QStringView>

namespace md {

// Token counts guessed before a request is sent, for the composer's "≈ N tokens" line. Mistral's
// tokenizer is not available offline, so these are estimates by design and the UI says so; the
// exact count arrives with the answer's usage. Calibrated on Tekken-tokenised English prose and code
// (about 4 ASCII characters per token) and on accented / CJK / emoji text (about one token per
// non-ASCII code point, fewer for Latin letters with accents).
namespace TokenEstimate {

qint64 forText(QStringView text);
// An image as vision models count it: 16x16-pixel patches of the image scaled to fit 1024x1024,
// plus one break token per row of patches.
qint64 forImage(const QSize &pixels);
// A whole request's messages: text, role and framing overhead, images whose size is unknown as a
// 512x512 image.
qint64 forMessages(const QList<ChatMessage> &messages);

} // namespace TokenEstimate
} // namespace md
