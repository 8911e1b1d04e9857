#include "catalog/TokenEstimate.h"

#include <QString>

#include <cmath>

namespace md::TokenEstimate {

namespace {
constexpr double kAsciiCharsPerToken = 4.0;
constexpr double kLatinExtendedPerToken = 2.0; // é, ß, ł...: often merged with neighbours
constexpr qint64 kMessageOverhead = 4;         // role and control tokens around each message
constexpr int kPatch = 16;
constexpr int kMaxSide = 1024;
} // namespace

qint64 forText(QStringView text)
{
    double ascii = 0;
    double latin = 0;
    double other = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i].unicode(), text[i + 1].unicode());
            ++i;
        }
        if (c < 0x80)
            ++ascii;
        else if (c < 0x250)
            ++latin;
        else
            ++other;
    }
    return static_cast<qint64>(std::ceil(ascii / kAsciiCharsPerToken + latin / kLatinExtendedPerToken + other));
}

qint64 forImage(const QSize &pixels)
{
    if (pixels.isEmpty())
        return 0;
    QSize scaled = pixels;
    if (scaled.width() > kMaxSide || scaled.height() > kMaxSide)
        scaled.scale(kMaxSide, kMaxSide, Qt::KeepAspectRatio);
    const qint64 columns = (scaled.width() + kPatch - 1) / kPatch;
    const qint64 rows = (scaled.height() + kPatch - 1) / kPatch;
    return columns * rows + rows;
}

qint64 forMessages(const QList<ChatMessage> &messages)
{
    qint64 total = 0;
    for (const ChatMessage &message : messages) {
        total += kMessageOverhead;
        if (message.chunks.isEmpty())
            total += forText(message.content);
        for (const ContentChunk &chunk : message.chunks) {
            if (chunk.type == ContentChunk::Type::ImageUrl)
                total += forImage(QSize(512, 512));
            else
                total += forText(chunk.text);
        }
        for (const ToolCall &call : message.toolCalls)
            total += forText(call.name) + forText(call.arguments);
    }
    return total;
}

} // namespace md::TokenEstimate
