#pragma once

#include <QString>

#include <optional>

namespace md {

// The look the user picked in Settings. System keeps the platform's own style and palette.
enum class Theme { System, Light, Dark };

QString themeName(Theme theme);                          // "system", "light", "dark"
std::optional<Theme> themeFromName(const QString &name); // nullopt for anything else
std::optional<Theme> themeFromEnvironment();             // MISTRAL_DESK_PALETTE=dark|light

// Fusion with a fixed palette for Light and Dark; System restores the platform's style and palette
// (as they were before the first switch), so switching back at runtime works. When
// MISTRAL_DESK_PALETTE=dark or =light is set, it wins over `theme`: screenshots and reviews need the
// same look whatever the settings say.
void applyTheme(Theme theme);

// MISTRAL_DESK_PALETTE=dark or =light switches the app to the Fusion style with a fixed dark or
// light palette, whatever the desktop uses: to check both looks (screenshots, reviews) on any
// machine. Unset, the platform's own style and palette are kept.
void applyPaletteFromEnvironment();

} // namespace md
