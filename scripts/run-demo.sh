#!/usr/bin/env bash
# `make run`: a single-node Cordouan in the foreground with a demo VM (VMID 100) booting the test guest.
# Ctrl-C stops cordouand; the VM keeps running (VMs never depend on the daemon) until you stop it with `cord vm stop 100`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEMO_DIR=${DEMO_DIR:-$ROOT/.state/demo}
GUEST_DIR=${GUEST_DIR:-/var/cache/cordouan-test-guest}
LISTEN=${LISTEN:-0.0.0.0:8006}
CORDOUAND=$ROOT/src/Cordouan.Daemon/bin/Release/net10.0/cordouand
CORD=$ROOT/src/Cordouan.Cli/bin/Release/net10.0/cord
export CORD_CONFIG=$DEMO_DIR/cord.json
mkdir -p "$DEMO_DIR"

"$CORDOUAND" --data-dir "$DEMO_DIR" --listen "$LISTEN" --node-name "${NODE_NAME:-$(hostname -s)}" --accel "${ACCEL:-tcg}" &
DAEMON=$!
trap 'kill $DAEMON 2>/dev/null; wait $DAEMON 2>/dev/null' INT TERM EXIT

for _ in $(seq 1 120); do
  [ -s "$DEMO_DIR/admin-password" ] && [ -s "$DEMO_DIR/certs/node.pem" ] && \
    "$CORD" login --server https://127.0.0.1:${LISTEN##*:} --user admin@pve --password-file "$DEMO_DIR/admin-password" --insecure >/dev/null 2>&1 && break
  kill -0 $DAEMON 2>/dev/null || { echo "run-demo: cordouand exited; see the messages above" >&2; exit 1; }
  sleep 0.5
done
"$CORD" version >/dev/null || { echo "run-demo: could not log in to cordouand" >&2; exit 1; }

if ! "$CORD" vm status 100 >/dev/null 2>&1; then
  # Host paths are root@pam's to import (as in Proxmox): admin@pve imports the guest from the local storage's import content.
  mkdir -p "$DEMO_DIR/storage/local/import"
  install -m 0600 "$GUEST_DIR/test-guest.qcow2" "$DEMO_DIR/storage/local/import/test-guest.qcow2"
  "$CORD" vm create 100 --name demo --memory 256 --cores 1 \
    --disk "scsi0=local:0,import-from=local:import/test-guest.qcow2" --set serial0=socket --set boot=order=scsi0 --set scsihw=virtio-scsi-pci --start
else
  "$CORD" vm start 100 >/dev/null 2>&1 || true
fi

FP=$(openssl x509 -in "$DEMO_DIR/certs/node.pem" -noout -fingerprint -sha256 2>/dev/null | cut -d= -f2 || true)
cat <<MSG

Cordouan is running (node $(hostname -s), data under $DEMO_DIR).
  Web UI:     https://<this host>:${LISTEN##*:}/   (user admin, realm pve)
  API:        https://<this host>:${LISTEN##*:}/api2/json   (certificate SHA-256 $FP)
  Log in:     user admin@pve, password in $DEMO_DIR/admin-password
  CLI:        export CORD_CONFIG=$CORD_CONFIG; alias cord=$CORD; cord vm list
  Console:    cord console 100      (Ctrl-] to detach)
Press Ctrl-C to stop cordouand (VMs keep running).
MSG
wait $DAEMON
