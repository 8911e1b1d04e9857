#pragma once

namespace md {

// MISTRAL_DESK_PALETTE=dark or =light switches the app to the Fusion style with a fixed dark or
// light palette, whatever the desktop uses: to check both looks (screenshots, reviews) on any
// machine. Unset, the platform's own style and palette are kept.
void applyPaletteFromEnvironment();

} // namespace md
