#!/usr/bin/env bash
# Installs what Cordouan needs on Debian 12, only what is missing. Safe to run again.
set -euo pipefail
PACKAGES=(qemu-system-x86 qemu-utils etcd-server etcd-client syslinux syslinux-common mtools dosfstools busybox-static cpio
          genisoimage python3-proxmoxer python3-requests ansible iproute2 procps nftables dnsmasq-base fdisk
          ceph ceph-mon ceph-mgr ceph-osd ceph-common rbd-nbd qemu-block-extra
          chromium nginx-light socat)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's etcd-server package starts a system etcd on 2379 on install; Cordouan runs its own member.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet etcd 2>/dev/null; then
  systemctl disable --now etcd >/dev/null 2>&1 || true
fi
# nginx-light starts a system nginx on port 80 on install; the tests run their own (reverse-proxy test) on a free port.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
  systemctl disable --now nginx >/dev/null 2>&1 || true
fi
# Ceph's packages enable their systemd targets; Cordouan starts (or supervises) the daemons it creates.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet ceph.target 2>/dev/null; then
  systemctl disable --now ceph.target >/dev/null 2>&1 || true
fi
# The web UI builds with Node.js ≥ 18 and npm: Debian 12's nodejs/npm packages, unless a newer Node.js is there.
if ! command -v npm >/dev/null 2>&1 || ! node -e 'process.exit(parseInt(process.versions.node) >= 18 ? 0 : 1)' 2>/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: Node.js >= 18 and npm are required for the web UI (sudo apt-get install nodejs npm)" >&2
    exit 1
  fi
  echo "install-deps: installing nodejs npm"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-deps: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 1
fi
