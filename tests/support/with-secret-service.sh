#!/bin/sh
# Runs a command against a real Secret Service that belongs to it alone:
#   tests/support/with-secret-service.sh <command> [args...]
#
# A private D-Bus session bus (dbus-run-session) with a gnome-keyring-daemon on it whose login
# keyring is created and unlocked with a random password, all under a fresh temporary HOME and XDG
# directories. The user's own bus and keyring are never reached, so tests may write and delete
# entries freely. Works as root, without a display, on a CI machine. Exits with the command's
# status; the temporary directory and the daemon are gone afterwards.
#
# Missing tools are an error, not a skip: a keychain test that silently does not run proves nothing.
set -eu

me=with-secret-service.sh

if [ "$#" -eq 0 ]; then
    echo "usage: $me <command> [args...]" >&2
    exit 2
fi

for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$me: '$tool' not found; install dbus, dbus-bin and gnome-keyring (scripts/install-deps.sh)." >&2
        exit 1
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/md-secret-service.XXXXXX")
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
    trap '' HUP INT TERM
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Everything gnome-keyring and the command may touch lives under $tmp.
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_STATE_HOME="$HOME/.local/state"
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$tmp" "$XDG_RUNTIME_DIR"

# Nothing may lead back to the user's session: their bus, their keyring daemon's control socket
# (gnome-keyring-daemon --unlock would otherwise unlock *that* daemon), a display to prompt on, or
# a desktop that would steer QtKeychain towards KWallet.
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL GNOME_KEYRING_PID SSH_AUTH_SOCK \
      DISPLAY WAYLAND_DISPLAY XDG_CURRENT_DESKTOP XDG_SESSION_DESKTOP DESKTOP_SESSION \
      KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_DESKTOP_SESSION_ID 2>/dev/null || true

# Tests may scan this to check that no secret reached a file in plain text.
export MD_SECRET_SERVICE_SANDBOX="$tmp"

status=0
# shellcheck disable=SC2016 # expanded by the inner shell, on the private bus
dbus-run-session -- sh -c '
    me=with-secret-service.sh
    name_owner_pid() {
        dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
            sed -n "s/^ *uint32 \([0-9][0-9]*\).*/\1/p"
    }

    # On a fresh HOME, --unlock creates the login keyring with this (throwaway, never exported)
    # password and leaves it unlocked; the daemon then claims org.freedesktop.secrets on this bus.
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d " \n")
    if ! printf "%s" "$password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
        echo "$me: gnome-keyring-daemon --unlock failed." >&2
        exit 1
    fi

    # Wait for the daemon to own the name; otherwise the first client would have D-Bus activate a
    # second, locked daemon.
    tries=0
    pid=$(name_owner_pid)
    while [ -z "$pid" ]; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ]; then
            echo "$me: no Secret Service (org.freedesktop.secrets) appeared on the private bus within 10 s." >&2
            exit 1
        fi
        sleep 0.1
        pid=$(name_owner_pid)
    done

    status=0
    "$@" || status=$?

    # Stop the daemon before the temporary HOME is removed, and give it a moment to go.
    kill "$pid" 2>/dev/null || true
    tries=0
    gone() { [ ! -r "/proc/$pid/stat" ] || grep -q "^[0-9]* ([^)]*) Z" "/proc/$pid/stat" 2>/dev/null; }
    while [ "$tries" -lt 50 ] && ! gone; do
        tries=$((tries + 1))
        sleep 0.1
    done
    exit "$status"
' with-secret-service "$@" || status=$?

exit "$status"
