#pragma once

#include <QColor>
#include <QPalette>
#include <QWidget>

namespace md::colors {

// Colours derived from the current palette, so warnings, badges and muted text stay readable in
// light and dark themes alike.
inline bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

inline QColor mutedText(const QPalette &palette)
{
    return palette.color(QPalette::PlaceholderText);
}

inline QColor warningText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf2, 0xb6, 0x3c) : QColor(0x9a, 0x52, 0x00);
}

inline QColor errorText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

inline QColor okText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x7c, 0xd9, 0x92) : QColor(0x1e, 0x7a, 0x3a);
}

// A colour between two others: badge fills and borders that follow the palette.
inline QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// Gives `widget` (a label) `color` for its text, keeping the rest of its palette.
inline void setTextColor(QWidget *widget, const QColor &color)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, color);
    widget->setPalette(palette);
}

} // namespace md::colors
