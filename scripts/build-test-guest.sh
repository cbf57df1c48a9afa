#!/usr/bin/env bash
# Builds the Cordouan test guest: a BIOS-bootable qcow2 disk made from Debian packages only.
# usage: scripts/build-test-guest.sh OUTDIR   -> OUTDIR/test-guest.qcow2 (64 MiB, ~16 MB on disk)
#
# The guest boots with SYSLINUX from a FAT filesystem (Debian cloud kernel + busybox initramfs),
# loads the virtio/scsi drivers, prints "GUEST-UP disk=<dev> start=<n> uptime=<s>" and then
# "HB <n>" every 0.2 s on ttyS0, storing <n> in the disk's last MiB (outside the filesystem),
# so the count survives reboots, snapshots, clones and migrations. It runs busybox acpid, so
# the ACPI power button (QMP system_powerdown) prints "GUEST-POWERDOWN" and powers off.
# Network checks are typed on ttyS0, one command a line (echo off), answered with NET-* lines:
#   NET-IP <if> <cidr>      -> NET-IP-OK|FAIL <if> <cidr>        (link up, static address)
#   NET-DHCP <if>           -> NET-DHCP-OK <if> <cidr> | NET-DHCP-FAIL <if>   (udhcpc)
#   NET-ROUTE <gw>          -> NET-ROUTE-OK|FAIL <gw>            (default route)
#   NET-PING <addr> [secs]  -> NET-PING-OK|FAIL <addr>           (2 echo requests, deadline secs, default 6)
#   NET-NICS                -> NET-NICS eth0=<mac> ...
#   NET-RECV <port>         -> NET-RECV-BYTES <port> <bytes>     (once the sender closes; a stream of any length)
#   NET-SEND <addr> <port> <secs> -> NET-SEND-DONE <addr>        (zeros for secs seconds)
# and a NIC that appears or disappears later (hot-plug) prints NET-NIC-ADDED <if> <mac> / NET-NIC-REMOVED <if>.
# A disk check, typed the same way (the reader runs one command at a time):
#   DISK-WRITE <dev> <MiB>  -> DISK-WRITE-DONE <dev> <bytes> <ms> | DISK-WRITE-FAIL <dev> <why>
#     <dev> is a block device (sdb) or scsi<N>: the sd disk at SCSI target N, i.e. the VM's scsiN on virtio-scsi-pci
#     (sd names follow probe order, which varies from boot to boot with several disks).
#     writes <MiB> MiB of 'C' bytes (0x43, so a host can tell them from a fresh disk's zeros) to that disk from
#     offset 0: busybox dd, 1 MiB blocks, O_DIRECT and a final fsync, fed from an 8 MiB tmpfs file made beforehand
#     (untimed). <ms> is the dd alone, read from the guest's /proc/uptime (10 ms steps; under TCG the guest clock
#     follows the host's). Meant for a second disk: the boot disk's last MiB holds the counter.
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

# The serial-console command reader (see the header); runs with stdin on ttyS0.
cat > ir/bin/cord-net <<'EOF'
#!/bin/sh
say() { echo "$*" > /dev/console; }
nics() { for d in /sys/class/net/eth*; do [ -e "$d" ] && printf '%s=%s ' "${d##*/}" "$(cat "$d/address")"; done; }
mkdir -p /tmp && { [ -p /tmp/nc-hold ] || mkfifo /tmp/nc-hold; }
# Milliseconds of uptime ("12.34" -> 12340); the "1" prefix keeps a fraction like "08" from reading as octal.
ms() { read -r u _ < /proc/uptime; echo $(( ${u%.*} * 1000 + 1${u#*.} * 10 - 1000 )); }
# The sd disk at SCSI target $1 (its sysfs address is host:channel:target:lun).
scsi_disk() { for d in /sys/block/sd*; do a=$(basename "$(readlink "$d/device")"); [ "$(echo "$a" | cut -d: -f3)" = "$1" ] && echo "${d##*/}" && return; done; }
disk_write() {
  case "$2" in ''|*[!0-9]*|0) say "DISK-WRITE-FAIL $1 bad-size"; return ;; esac
  case "$1" in scsi[0-9]*) dev=$(scsi_disk "${1#scsi}") ;; *) dev=$1 ;; esac
  [ -n "$dev" ] && [ -b "/dev/$dev" ] || { say "DISK-WRITE-FAIL $1 no-such-device"; return; }
  if [ ! -s /tmp/dw-8m ]; then
    tr '\0' C < /dev/zero | head -c 1048576 > /tmp/dw-1m
    for i in 1 2 3 4 5 6 7 8; do cat /tmp/dw-1m; done > /tmp/dw-8m
  fi
  t0=$(ms)
  # cat fails (SIGPIPE) once dd has its count and exits, which ends the loop.
  while cat /tmp/dw-8m; do :; done | dd of="/dev/$dev" bs=1M count="$2" iflag=fullblock oflag=direct conv=fsync 2> /tmp/dw-err
  t1=$(ms)
  # This busybox dd prints no byte count: "<full>+<partial> records out", full blocks being 1 MiB.
  full=$(sed -n 's/^\([0-9]*\)+0 records out$/\1/p' /tmp/dw-err)
  if [ -n "$full" ]; then say "DISK-WRITE-DONE $1 $((full * 1048576)) $((t1 - t0))"; else say "DISK-WRITE-FAIL $1 $(tr '\n' ' ' < /tmp/dw-err)"; fi
}
while read -r cmd a b c; do
  case "$cmd" in
    NET-IP) if ip link set "$a" up && ip addr add "$b" dev "$a"; then say "NET-IP-OK $a $b"; else say "NET-IP-FAIL $a $b"; fi ;;
    NET-DHCP) ip link set "$a" up
      if udhcpc -i "$a" -n -q -t 8 -T 2 -s /bin/cord-dhcp >/dev/null 2>&1; then
        say "NET-DHCP-OK $a $(ip -4 -o addr show dev "$a" | awk '{print $4; exit}')"
      else say "NET-DHCP-FAIL $a"; fi ;;
    NET-ROUTE) if ip route replace default via "$a"; then say "NET-ROUTE-OK $a"; else say "NET-ROUTE-FAIL $a"; fi ;;
    NET-PING) if ping -c 2 -w "${b:-6}" "$a" >/dev/null 2>&1; then say "NET-PING-OK $a"; else say "NET-PING-FAIL $a"; fi ;;
    NET-NICS) say "NET-NICS $(nics)" ;;
    # nc's stdin is a FIFO held open read-write: never readable, never at EOF. On /dev/null (a background job's
    # stdin) busybox nc dropped the connection after a few kilobytes, so NET-RECV could not carry a stream.
    NET-RECV) (say "NET-RECV-BYTES $a $(nc -l -p "$a" 0<>/tmp/nc-hold | wc -c)") & ;;
    NET-SEND) (timeout "$c" nc "$a" "$b" < /dev/zero; say "NET-SEND-DONE $a") & ;;
    DISK-WRITE) disk_write "$a" "$b" ;;
  esac
done
EOF
# udhcpc calls this with the lease in the environment.
cat > ir/bin/cord-dhcp <<'EOF'
#!/bin/sh
case "$1" in
  bound|renew) ip addr flush dev "$interface"; ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$router" ] && ip route replace default via "${router%% *}" ;;
esac
EOF
# Reports NICs that come and go after boot (hot-plug).
cat > ir/bin/cord-nicwatch <<'EOF'
#!/bin/sh
prev=$(ls /sys/class/net | tr '\n' ' ')
while sleep 1; do
  cur=$(ls /sys/class/net | tr '\n' ' ')
  [ "$cur" = "$prev" ] && continue
  for n in $cur; do case " $prev " in *" $n "*) ;; *) echo "NET-NIC-ADDED $n $(cat /sys/class/net/$n/address)" > /dev/console ;; esac; done
  for n in $prev; do case " $cur " in *" $n "*) ;; *) echo "NET-NIC-REMOVED $n" > /dev/console ;; esac; done
  prev=$cur
done
EOF
chmod +x ir/bin/cord-net ir/bin/cord-dhcp ir/bin/cord-nicwatch
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
ip link set lo up
stty -F /dev/ttyS0 -echo 2>/dev/null
/bin/cord-net < /dev/ttyS0 > /dev/null 2>&1 &
/bin/cord-nicwatch > /dev/null 2>&1 &
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
