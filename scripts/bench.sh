#!/usr/bin/env bash
# Runs the performance scenarios (bench/Cordouan.Scenarios) against the built cordouand and prints each figure
# beside a baseline measured in the same run; JSON goes to artifacts/bench/latest.json. Not part of `make test`.
# Usage: scripts/bench.sh [--quick] [--out PATH] [--only NAME,…]   (default run ~10 min, --quick ~3 min; needs `make release` first)
set -euo pipefail
cd "$(dirname "$0")/.."
# The scenarios measure the Release build of cordouand (CORDOUAN_DAEMON_BUILD tells RepoPaths which one).
daemon=src/Cordouan.Daemon/bin/Release/net10.0/cordouand
if [ ! -x "$daemon" ]; then
  echo "$daemon is missing: run 'make release' first" >&2
  exit 2
fi
# The migrate scenario (run by --only …migrate… or a full run) also measures libvirt: install it if missing. Without
# it (not root) the scenario still runs and reports the libvirt peer as not measured.
only=""
prev=""
for arg in "$@"; do
  [ "$prev" = "--only" ] && only="$arg"
  prev="$arg"
done
if [ -z "$only" ] || [[ ",$only," == *,migrate,* ]]; then
  scripts/install-bench-deps.sh || echo "bench: libvirt not installed, the migrate scenario will skip its libvirt peer" >&2
fi
export CORDOUAN_DAEMON_BUILD=Release
exec dotnet run -c Release --project bench/Cordouan.Scenarios -- "$@"
