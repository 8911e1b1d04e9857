#include "chat/ChatTheme.h"

#include <QFontDatabase>
#include <QFontMetrics>

namespace md {

QColor ChatTheme::mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

ChatTheme ChatTheme::fromPalette(const QPalette &palette, const QFont &font)
{
    ChatTheme t;
    t.palette = palette;
    t.base = palette.color(QPalette::Base);
    t.text = palette.color(QPalette::Text);
    t.dark = t.base.lightnessF() < 0.5;
    t.font = font;
    t.boldFont = font;
    t.boldFont.setWeight(QFont::DemiBold);
    t.smallFont = font;
    t.smallFont.setPointSizeF(font.pointSizeF() * 0.88);
    t.monoFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    t.monoFont.setPointSizeF(font.pointSizeF() * 0.95);
    t.dim = mix(t.text, t.base, t.dark ? 0.38 : 0.42);
    t.border = mix(t.text, t.base, t.dark ? 0.78 : 0.85);
    const QColor highlight = palette.color(QPalette::Highlight);
    t.accent = highlight;
    t.userBubble = mix(t.base, highlight, t.dark ? 0.22 : 0.10);
    t.codeBackground = mix(t.base, t.text, t.dark ? 0.07 : 0.045);
    t.codeHeader = mix(t.base, t.text, t.dark ? 0.12 : 0.09);
    t.inlineCode = mix(t.base, t.text, t.dark ? 0.12 : 0.08);
    const QColor red = t.dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    t.errorBackground = mix(t.base, red, t.dark ? 0.16 : 0.07);
    t.errorBorder = mix(t.base, red, t.dark ? 0.55 : 0.45);
    t.errorTitle = t.dark ? QColor(0xff, 0x9a, 0x9a) : QColor(0xa3, 0x1b, 0x1b);
    t.hover = mix(t.base, t.text, t.dark ? 0.035 : 0.025);
    t.lineHeight = QFontMetrics(t.font).lineSpacing();
    t.smallLineHeight = QFontMetrics(t.smallFont).lineSpacing();
    return t;
}

} // namespace md
