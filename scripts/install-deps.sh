#!/usr/bin/env bash
# Installs what Mistral Desk needs to build, run and test on Debian 12 / Ubuntu 24.04 and later.
# Only packages that are missing are installed, so a second run is quick and needs no network.
# --build-only: just what building the release and its .deb needs (packaging/Dockerfile's build stage),
# without the test tools (keyring, Xvfb, clang, Node.js).
set -euo pipefail

build_only=0
[ "${1:-}" != "--build-only" ] || build_only=1

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-qpa-plugins
  qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qtkeychain-qt6-dev libgl-dev
  dpkg-dev file
)
# dpkg-dev and file: cpack's .deb finds its Depends with dpkg-shlibdeps (scripts/package.sh).
[ "$build_only" -eq 1 ] || packages+=(
  dbus dbus-x11 gnome-keyring libsecret-tools
  xvfb xauth x11-apps imagemagick
  clang libclang-rt-14-dev
  appstream desktop-file-utils
)
# appstream and desktop-file-utils: the validators of the desktop entry and metainfo (resources/).

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js runs the SDK compatibility tests. A machine may carry its own Node.js build (which bundles
# npm and conflicts with Debian's npm package), so only commands that are absent are installed.
if [ "$build_only" -eq 0 ]; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
updated=0

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  updated=1
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# valijson (JSON Schema validation of tool arguments) is header-only, but Debian's libvalijson-dev
# depends on every JSON library it has an adapter for (Qt 5, Poco, MariaDB client: 66 packages).
# Only its headers are needed, so the package is downloaded and its include folder unpacked into
# /usr/local/include, where the compiler looks by default.
if [ ! -f /usr/include/valijson/validator.hpp ] && [ ! -f /usr/local/include/valijson/validator.hpp ]; then
  echo "install-deps: unpacking the valijson headers from Debian's libvalijson-dev"
  [ "$updated" -eq 1 ] || "${sudo_cmd[@]}" apt-get update -qq
  tmp=$(mktemp -d)
  chmod 755 "$tmp"
  (cd "$tmp" && apt-get download -qq libvalijson-dev 2>/dev/null && dpkg-deb -x libvalijson-dev_*.deb root)
  "${sudo_cmd[@]}" mkdir -p /usr/local/include
  "${sudo_cmd[@]}" cp -r "$tmp/root/usr/include/valijson" /usr/local/include/
  rm -rf "$tmp"
fi

[ ${#missing[@]} -gt 0 ] || echo "install-deps: everything is already installed"
