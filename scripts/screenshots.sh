#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/{light,dark}/*.png): builds screenshot-tour
# (tests/support/screenshots) in the ci build, then runs it under Xvfb once per palette. The tour
# drives the real main window through a session against an in-process FakeMistral: nothing reaches
# the real API, and no key of yours is used. Settings and history go to a throw-away HOME.
# Usage: scripts/screenshots.sh [output folder]   (default: docs/screenshots)
#        MD_LANGUAGE=fr scripts/screenshots.sh /tmp/fr   (the README's are English: the default)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}

bash scripts/install-deps.sh
preset=ci
[ -f "build/$preset/build.ninja" ] || cmake --preset "$preset"
cmake --build --preset "$preset" --parallel "$(nproc)" --target screenshot-tour

for palette in light dark; do
  home=$(mktemp -d "${TMPDIR:-/tmp}/md-screenshots.XXXXXX")
  mkdir -p "$out/$palette"
  # A fixed screen and font setup so that images differ only where the UI did; no D-Bus session,
  # so no keychain or desktop theme of the machine running it leaks in.
  env -u MISTRAL_API_KEY -u DBUS_SESSION_BUS_ADDRESS HOME="$home" XDG_CONFIG_HOME="$home/.config" \
    XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home" \
    MISTRAL_DESK_PALETTE="$palette" MD_LANGUAGE="${MD_LANGUAGE:-en}" QT_QPA_PLATFORM=xcb LC_ALL=C.UTF-8 \
    timeout 180 xvfb-run -a -s "-screen 0 1400x900x24" \
    "build/$preset/tests/support/screenshots/screenshot-tour" --out "$out/$palette"
  rm -rf "$home"
done
echo "screenshots: $(find "$out" -name '*.png' | wc -l) images in $out"
