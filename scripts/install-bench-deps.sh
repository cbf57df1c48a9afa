#!/usr/bin/env bash
# Installs what only the benchmarks need, on Debian 12, only what is missing. Safe to run again. Not needed by
# `make test`: the `migrate` scenario uses libvirt as its peer (two libvirtd migrating the same guest, issue 6).
set -euo pipefail
PACKAGES=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
needs_user=0
getent passwd libvirt-qemu >/dev/null || needs_user=1
getent group kvm >/dev/null || needs_user=1
if [ ${#missing[@]} -eq 0 ] && [ $needs_user -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-bench-deps: missing: ${missing[*]:-} $([ $needs_user -eq 1 ] && echo 'user libvirt-qemu / group kvm') (run as root)" >&2
  exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-bench-deps: installing ${missing[*]}"
  apt-get update -qq
  # Not libvirt-daemon-system: the bench runs its own libvirtd pair, no system service is wanted.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's QEMU driver resolves its built-in user libvirt-qemu (and group kvm) before reading qemu.conf, so they must
# exist even though the bench's qemu.conf runs QEMU as root; libvirt-daemon-system would create them.
getent group kvm >/dev/null || groupadd -r kvm
getent passwd libvirt-qemu >/dev/null || useradd -r -M -s /usr/sbin/nologin libvirt-qemu
