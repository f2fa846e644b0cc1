#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 machine (run as root): the apt packages the kiosk,
# its tests and its demo need, then a venv with the project installed editable.
# A marker file makes the second run a no-op unless pyproject.toml or this script changed.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # card stack: pcscd for real readers; vsmartcard-vpcd is for the tests and demo only, never a kiosk image
  pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools opensc
  # printing through a real cupsd with a PDF/file backend
  cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils
  # hub store for the PostgreSQL tests
  postgresql
  # fonts for rare name characters (Ext A/B) and speech
  fonts-noto-cjk fonts-hanazono espeak-ng sox
  # aplay: plays the spoken prompts in a child process (ui/speech.py)
  alsa-utils
  # Qt offscreen and xcb/Xvfb runtime libraries
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libx11-6 libgssapi-krb5-2
  libpulse0 xvfb xauth libgl1-mesa-dri libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1
  libxcb-sync1 libxcb-shm0 libxcb-glx0 libxcb-util1
  # namespaces, link shaping, QR decoding, Debian packaging, unit checks
  iproute2 nftables util-linux libzbar0 debhelper dpkg-dev fakeroot systemd udev
  # the kiosk session's Wayland compositor (a dependency of the .deb; systemd-analyze verify needs its binary);
  # cage 0.1.4 will not start without Xwayland; Qt's wayland plugin links libwayland-cursor/-egl;
  # grim screenshots the headless session in tests/installer/test_session.py
  cage xwayland libwayland-cursor0 libwayland-egl1 grim
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# installing pcscd/cupsd may socket-activate them on systemd hosts; the tests run their own private copies
systemctl stop pcscd.socket pcscd.service 2>/dev/null || true

VENV=${VENV:-.venv}
stamp="$VENV/.installed-$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
if [[ ! -f "$stamp" ]]; then
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q -e ".[devices,sync,hub,ui,dev]"
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi
# Kiosk Sans SC, the dense subset of Noto Sans CJK SC the app draws from first (issue 8, memory);
# git-ignored, and a no-op while the Noto files and the app's texts are unchanged
"$VENV/bin/python" -m ui.font_subset --out assets/fonts
echo "setup: ready ($VENV)"
