#!/usr/bin/env bash
# Builds the Cordouan test guest: a BIOS-bootable qcow2 disk made from Debian packages only.
# usage: scripts/build-test-guest.sh OUTDIR   -> OUTDIR/test-guest.qcow2 (64 MiB, ~16 MB on disk)
#
# The guest boots with SYSLINUX from a FAT filesystem (Debian cloud kernel + busybox initramfs),
# loads the virtio/scsi drivers, prints "GUEST-UP disk=<dev> start=<n> uptime=<s>" and then
# "HB <n>" every 0.2 s on ttyS0, storing <n> in the disk's last MiB (outside the filesystem),
# so the count survives reboots, snapshots, clones and migrations. It runs busybox acpid, so
# the ACPI power button (QMP system_powerdown) prints "GUEST-POWERDOWN" and powers off.
#
# Idempotent: does nothing when OUTDIR/test-guest.qcow2 already exists (delete it to rebuild).
# Installs its apt prerequisites when missing (needs root then) and downloads the kernel
# package from the configured Debian archive.
set -euo pipefail

OUT_ARG=${1:?usage: build-test-guest.sh OUTDIR}
mkdir -p "$OUT_ARG"
OUT=$(readlink -f "$OUT_ARG")
IMAGE="$OUT/test-guest.qcow2"
if [ -s "$IMAGE" ]; then
  echo "$IMAGE"
  exit 0
fi

PREREQS="qemu-utils syslinux syslinux-common mtools dosfstools busybox-static cpio"
MISSING=""
for p in $PREREQS; do
  dpkg -s "$p" >/dev/null 2>&1 || MISSING="$MISSING $p"
done
if [ -n "$MISSING" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "build-test-guest: missing packages:$MISSING (run as root or apt-get install them)" >&2
    exit 1
  fi
  echo "build-test-guest: installing$MISSING" >&2
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $MISSING >&2 \
    || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $MISSING >&2; }
fi

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"

kernel_package() {
  apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}'
}
PKG=$(kernel_package)
if [ -z "$PKG" ]; then
  apt-get update -qq >&2
  PKG=$(kernel_package)
fi
[ -n "$PKG" ] || { echo "build-test-guest: cannot resolve linux-image-cloud-amd64" >&2; exit 1; }
chmod 755 "$W"
mkdir dl
chmod 777 dl # apt downloads as its sandbox user _apt
(cd dl && apt-get download -qq "$PKG" >&2)
dpkg-deb -x dl/*.deb k
KV=$(ls k/lib/modules)
M=k/lib/modules/$KV/kernel

mkdir -p ir/bin ir/mods ir/etc/acpi/PWRF
cp /bin/busybox ir/bin/
# Load order matters: virtio_ring before virtio before virtio_pci. button+evdev feed acpid.
MODS="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk scsi_common scsi_mod sd_mod virtio_scsi failover net_failover virtio_net button evdev"
for m in $MODS; do
  f=$(find "$M" -name "$m.ko" | head -1)
  [ -n "$f" ] || { echo "build-test-guest: module $m not found in $PKG" >&2; exit 1; }
  cp "$f" ir/mods/
done

# busybox acpid runs /etc/acpi/PWRF/00000080 on the power button.
cat > ir/etc/acpi/PWRF/00000080 <<'EOF'
#!/bin/sh
echo "GUEST-POWERDOWN" > /dev/console
sync
poweroff -f
EOF
chmod +x ir/etc/acpi/PWRF/00000080

cat > ir/init <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
mkdir -p /proc /sys /dev; mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in $MODS; do insmod /mods/\$m.ko 2>/dev/null; done
acpid -c /etc/acpi -l /dev/null
for i in 1 2 3 4 5 6 7 8 9 10; do [ -e /sys/block/vda ] || [ -e /sys/block/sda ] && break; sleep 0.2; done
DISK=\$(for d in /sys/block/vda /sys/block/sda; do [ -e \$d ] && basename \$d && break; done)
OFF=\$((\$(cat /sys/block/\$DISK/size) - 2048))
N=\$(dd if=/dev/\$DISK bs=512 skip=\$OFF count=1 2>/dev/null | tr -cd '0-9'); N=\${N:-0}
echo "GUEST-UP disk=\$DISK start=\$N uptime=\$(cut -d' ' -f1 /proc/uptime)"
while true; do
  N=\$((N+1))
  printf '%-511s\n' "\$N" | dd of=/dev/\$DISK bs=512 seek=\$OFF count=1 conv=fsync 2>/dev/null
  echo "HB \$N"
  sleep 0.2
done
EOF
chmod +x ir/init
(cd ir && find . | cpio -o -H newc 2>/dev/null | gzip -1 > ../initrd.gz)

mkfs.vfat -n CORDGUEST -C boot.fat $((60 * 1024)) >/dev/null
mcopy -i boot.fat k/boot/vmlinuz-* ::vmlinuz
mcopy -i boot.fat initrd.gz ::initrd.gz
printf 'DEFAULT g\nPROMPT 0\nTIMEOUT 0\nLABEL g\n KERNEL vmlinuz\n INITRD initrd.gz\n APPEND console=ttyS0 quiet panic=-1\n' > syslinux.cfg
mcopy -i boot.fat syslinux.cfg ::syslinux.cfg
syslinux --install boot.fat
truncate -s 64M disk.raw
dd if=boot.fat of=disk.raw conv=notrunc status=none

# Publish atomically: a reader never sees a half-written image as "cached".
qemu-img convert -O qcow2 disk.raw "$OUT/.test-guest.qcow2.$$"
mv -f "$OUT/.test-guest.qcow2.$$" "$IMAGE"
echo "$IMAGE"
