#include "AppPalette.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace md {

namespace {
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2e);
    const QColor base(0x1e, 0x1e, 0x21);
    const QColor text(0xe8, 0xe8, 0xea);
    const QColor disabledText(0x8a, 0x8a, 0x90);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x27, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3f));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3f));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x46));
    p.setColor(QPalette::Mid, QColor(0x33, 0x33, 0x38));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x1a));
    p.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb4, 0x9c, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Button, QColor(0x33, 0x33, 0x37));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}
// What the platform gave us before the first switch, to go back to on Theme::System.
struct PlatformLook {
    bool captured = false;
    bool switched = false;
    QString styleName;
};

PlatformLook &platformLook()
{
    static PlatformLook look;
    if (!look.captured && QApplication::style()) {
        look.captured = true;
        look.styleName = QApplication::style()->name();
    }
    return look;
}

void applyFixed(Theme theme)
{
    platformLook(); // capture before the first change
    platformLook().switched = true;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == Theme::Dark ? darkPalette() : QApplication::style()->standardPalette());
}

void restorePlatform()
{
    PlatformLook &look = platformLook();
    if (!look.switched)
        return; // never changed: nothing to undo, and no needless repolish
    look.switched = false;
    if (QStyle *style = QStyleFactory::create(look.styleName))
        QApplication::setStyle(style);
    // An empty palette resolves against the platform theme and the style: the platform's own colours.
    QApplication::setPalette(QPalette());
}
} // namespace

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

std::optional<Theme> themeFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("system"))
        return Theme::System;
    if (n == QLatin1String("light"))
        return Theme::Light;
    if (n == QLatin1String("dark"))
        return Theme::Dark;
    return std::nullopt;
}

std::optional<Theme> themeFromEnvironment()
{
    const auto theme = themeFromName(qEnvironmentVariable("MISTRAL_DESK_PALETTE"));
    if (theme == Theme::System)
        return std::nullopt;
    return theme;
}

void applyTheme(Theme theme)
{
    const Theme effective = themeFromEnvironment().value_or(theme);
    if (effective == Theme::System)
        restorePlatform();
    else
        applyFixed(effective);
}

void applyPaletteFromEnvironment()
{
    if (const auto theme = themeFromEnvironment())
        applyFixed(*theme);
}

} // namespace md
