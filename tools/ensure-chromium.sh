#!/usr/bin/env bash
# Before `npm test`: the browser tests drive Debian's Chromium (never a downloaded browser build).
# Installs it when it is missing and we may (root on Debian); otherwise says what to install.
set -euo pipefail
browser="${PORCHLIGHT_CHROMIUM:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "pretest: $browser is missing; installing Debian's chromium package for the browser tests (apt-get install -y chromium)" >&2
  if apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && [ -x "$browser" ]; then
    exit 0
  fi
  echo "pretest: could not install chromium with apt-get (see above); install the Debian package chromium so that $browser exists, then run npm test again" >&2
  exit 1
fi
echo "pretest: the browser tests need Chromium at $browser; install it (Debian: sudo apt-get install -y chromium), then run npm test again" >&2
exit 1
