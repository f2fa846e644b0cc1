#!/usr/bin/env bash
# Builds village-kiosk_<version>_<arch>.deb with dpkg-deb (`make deb`).
#
# Dependencies are vendored as wheels (pip wheel, on the build machine, which has PyPI) into
# /opt/village-kiosk/wheels; postinst builds /opt/village-kiosk/venv from them with --no-index. Why not
# ship a built venv: a venv's scripts and pyvenv.cfg carry absolute paths of the machine that built it,
# and the wheels install the same bytes offline on any Debian 12 terminal.
#
# Environment:
#   KIOSK_DEB_WHEELS=full (default): the app with its devices, sync and ui extras — what a terminal needs
#   KIOSK_DEB_WHEELS=core: the app and its core dependencies only (packaging tests: small and quick)
#   OUT=dir (default build/deb): where the .deb goes; the path of the .deb is printed last
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
OUT=${OUT:-build/deb}
MODE=${KIOSK_DEB_WHEELS:-full}
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture)
NAME=village-kiosk_${VERSION}_${ARCH}

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "$OUT/.build-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
STAGE=$WORK/$NAME

# 1. a clean copy of the source: setuptools writes build/ and *.egg-info beside the code it builds.
#    installer/not-shipped names what a terminal must not carry (the virtual reader, the demo rig).
mkdir -p "$WORK/src"
grep -v -e '^#' -e '^[[:space:]]*$' installer/not-shipped >"$WORK/not-shipped"
tar --exclude=__pycache__ --exclude='*.pyc' --anchored --exclude-from="$WORK/not-shipped" \
    -cf - pyproject.toml README.md kiosk drivers sync ui | tar -xf - -C "$WORK/src"
while read -r path; do
    if [ -e "$WORK/src/$path" ]; then echo "build-deb: $path was not left out" >&2; exit 1; fi
done <"$WORK/not-shipped"

# 2. the wheelhouse
WHEELS=$STAGE/opt/village-kiosk/wheels
mkdir -p "$WHEELS"
case "$MODE" in
full) extras="[devices,sync,ui]" ;;
core) extras="" ;;
*) echo "build-deb: KIOSK_DEB_WHEELS must be full or core, not '$MODE'" >&2; exit 2 ;;
esac
"$PY" -m pip wheel --quiet --disable-pip-version-check --wheel-dir "$WHEELS" "$WORK/src$extras"
ls "$WHEELS"/village_kiosk-"$VERSION"-*.whl >/dev/null
echo "village-kiosk$extras" >"$WHEELS/REQUIREMENT"

# 3. the OS integration files (with /usr/bin/kiosk, the wrapper that runs kiosk as user kiosk), docs
cp -a installer/files/. "$STAGE/"
chmod 0755 "$STAGE/usr/bin/kiosk"
install -D -m 0644 installer/README.md "$STAGE/usr/share/doc/village-kiosk/README.md"
# Kiosk Sans SC (ui/font_subset.py, fontTools on this build machine only), which ui/fonts.py loads first;
# built into the tree's git-ignored assets/fonts as setup.sh does, so an unchanged one is not rebuilt
"$PY" -m ui.font_subset --out assets/fonts >/dev/null
install -D -m 0644 -t "$STAGE/usr/share/village-kiosk/fonts" assets/fonts/KioskSansSC-*.otf
install -d "$STAGE/usr/sbin"
install -D -m 0644 installer/kiosk_update.py "$STAGE/opt/village-kiosk/lib/kiosk_update.py"
install -D -m 0644 installer/post-install-check.sh "$STAGE/opt/village-kiosk/lib/post-install-check.sh"
cat >"$STAGE/usr/sbin/kiosk-update" <<'WRAPPER'
#!/bin/sh
# offline updates: kiosk-update apply BUNDLE --public-key KEY (see /usr/share/doc/village-kiosk/README.md)
exec /opt/village-kiosk/current/venv/bin/python /opt/village-kiosk/lib/kiosk_update.py "$@"
WRAPPER
chmod 0755 "$STAGE/usr/sbin/kiosk-update"
cat >"$STAGE/usr/share/doc/village-kiosk/copyright" <<'COPYRIGHT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: village-kiosk
License: GPL-3.0-or-later
 On Debian systems, the full text is in /usr/share/common-licenses/GPL-3.
 The wheels in /opt/village-kiosk/wheels carry their own licences in their metadata.
COPYRIGHT

# 4. control files
install -d -m 0755 "$STAGE/DEBIAN"
for script in postinst prerm postrm; do
    sed "s/@VERSION@/$VERSION/g" "installer/debian/$script" >"$STAGE/DEBIAN/$script"
    chmod 0755 "$STAGE/DEBIAN/$script"
done
install -m 0644 installer/debian/conffiles "$STAGE/DEBIAN/conffiles"
SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" installer/debian/control.in \
    >"$STAGE/DEBIAN/control"
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
    >"$STAGE/DEBIAN/md5sums"
chmod 0644 "$STAGE/DEBIAN/md5sums"
find "$STAGE" -type d -exec chmod 0755 {} +

# 5. the package (wheels are already compressed: a light xz level saves minutes, not megabytes)
dpkg-deb --root-owner-group -Zxz -z1 --build "$STAGE" "$OUT/$NAME.deb" >/dev/null
echo "$OUT/$NAME.deb"
