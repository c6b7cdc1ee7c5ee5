#!/usr/bin/env bash
# One-time setup of a fresh machine: the Debian packages that serve mode and the tests need, then the npm
# dependencies. Safe to run again. Used by README's commands and by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)                       # end-to-end tests (Playwright)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)      # Chinese text in screenshots and PDFs
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)                 # reading receipt PDFs in tests
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)     # central server conformance tests
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
  else
    echo "setup: please install these Debian/Ubuntu packages: ${need[*]}  (sudo apt-get install ${need[*]})" >&2
  fi
fi

# The Electron binary is fetched from outside the npm registry; install without it so a machine that can
# only reach the registry still installs, then try to fetch it for `npm start`.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
if [ -n "${CI:-}" ]; then
  echo "setup: CI — not fetching the Electron binary (Electron tests skip; serve mode covers the UI)"
elif timeout 90 node node_modules/electron/install.js >/dev/null 2>&1 && [ -f node_modules/electron/path.txt ]; then
  echo "setup: Electron binary installed (npm start works)"
else
  echo "setup: Electron binary not available here: npm start needs it; npm run serve works without it"
fi
