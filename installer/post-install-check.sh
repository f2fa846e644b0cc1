#!/bin/sh
# The post-install check, run by postinst as its last step (and by hand: sh post-install-check.sh).
# Runs `kiosk diag` as the kiosk user. A failing check is reported, never fatal: the technician fixes the
# device or runs `kiosk init`, and the package stays installed. Honours DPKG_ROOT like the maintainer scripts.

ROOT="${DPKG_ROOT:-}"
APP=/opt/village-kiosk
kiosk="$ROOT$APP/current/venv/bin/kiosk"

if ! "$kiosk" --help 2>/dev/null | grep -q '^ *diag '; then
    echo "village-kiosk: post-install check skipped: 'kiosk diag' is not in this build (or its libraries are missing)"
    exit 0
fi
if [ -z "$ROOT" ]; then
    set -- runuser -u kiosk -- env KIOSK_DATA_DIR=/var/lib/village-kiosk "$kiosk" diag
else
    set -- env KIOSK_DATA_DIR="$ROOT/var/lib/village-kiosk" "$kiosk" diag
fi
# diag prints its own summary in plain Chinese (错误：… on stderr when it cannot even start)
if "$@"; then
    echo "village-kiosk: post-install check passed"
else
    echo "village-kiosk: WARNING: post-install check found problems (see above); run 'kiosk diag' again after fixing them" >&2
fi
exit 0
