#!/usr/bin/env bash
# Builds the web UI (web/ → web/dist/) with the npm packages pinned in web/package-lock.json.
# Installs the packages only when node_modules is missing or older than the lock file. Needs Node.js ≥ 18.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null 2>&1; then
  echo "build-web: npm is missing; run scripts/install-deps.sh (Debian packages nodejs and npm)" >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  # npm ci installs exactly the lock; a bounded time so a stuck registry cannot hang the build.
  timeout 600 npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
timeout 300 npm run --silent build
