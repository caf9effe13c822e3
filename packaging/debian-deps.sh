#!/bin/sh
# Install the Debian packages In the Room needs, when they are missing and we are root.
# Usage: packaging/debian-deps.sh test|run
#   test: what Qt needs offscreen, plus poppler-utils to read our PDFs back in tests, and
#         chromium + chromium-driver for the phone page's browser tests (tests/e2e)
#   run:  that plus the X11/xcb libraries for real windows
# Not root, or not Debian: say what is missing and carry on (the install may still work).
set -eu
purpose=${1:-test}

pkgs="libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
libx11-6 libxcb1 libcups2 libgssapi-krb5-2 libpng16-16 fonts-dejavu-core libpulse0"
if [ "$purpose" = test ]; then
  pkgs="$pkgs poppler-utils chromium chromium-driver"
else
  pkgs="$pkgs libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
libxcb-image0 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 libxcb-util1 libxcb-glx0"
fi
# A venv needs ensurepip, which Debian ships separately in python3-venv.
${PYTHON:-python3} -c 'import ensurepip' 2>/dev/null || pkgs="$pkgs python3-venv"

command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "In the Room needs these Debian packages:$missing" >&2
  echo "  install them with: sudo apt-get install$missing" >&2
  exit 0
fi
echo "Installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
