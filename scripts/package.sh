#!/usr/bin/env bash
# Builds a preset and packs it with cpack: scripts/package.sh [preset] [generator...]
#   scripts/package.sh                 # release preset, every generator of the platform (.deb and .tar.gz on Linux)
#   scripts/package.sh ci DEB          # CI: the build/ci tree test.sh already built, only the .deb
# The packages land in build/<preset>/packages/; the last line printed is the path of the first one.
# Used by scripts/test.sh (CI) and packaging/Dockerfile. Dependencies: scripts/install-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${1:-release}
shift || true
generators=$(IFS=';'; echo "$*")

cmake --preset "$preset" >&2
# Only the app: the packages hold nothing else (a tree with tests built already has it, a no-op then).
cmake --build --preset "$preset" --parallel "$(nproc)" --target mistral-desk >&2

out="build/$preset/packages"
rm -rf "$out" # no stale package of an older version is left to be picked up
(
  cd "build/$preset"
  # -B: packages/ (and cpack's staging folder in it) instead of the build folder's root.
  cpack ${generators:+-G "$generators"} -B "$PWD/packages"
) >&2
rm -rf "$out/_CPack_Packages"

shopt -s nullglob
packages=("$out"/*.deb "$out"/*.tar.gz "$out"/*.exe "$out"/*.zip "$out"/*.dmg)
if [ ${#packages[@]} -eq 0 ]; then
  echo "package: cpack made no package in $out" >&2
  exit 1
fi
ls -l "${packages[@]}" >&2
echo "${packages[0]}"
