namespace Cordouan.Testing.Systemd;

/// <summary>
/// The fixed script that boots <see cref="SystemdNamespace"/>'s systemd (values come only as arguments). Outer mode
/// joins the namespace's own cgroup (so that the cgroup namespace and cgroup.kill cover exactly it), enters the lab
/// host's network namespace and unshares the rest; inner mode, as PID 1 of the new pid namespace, lays the private
/// mounts (with a private system: overlays of /usr, /etc and /var first) and execs systemd.
/// </summary>
internal static class SystemdBootScript
{
    public const string Text = """
        #!/bin/sh
        # outer: CGROUP_DIR NETNS_FILE WORK_DIR      inner: --inner WORK_DIR
        set -eu
        if [ "$1" != "--inner" ]; then
          echo $$ > "$1/cgroup.procs"
          exec nsenter --net="$2" -- unshare --pid --fork --kill-child --mount --uts --ipc --cgroup --mount-proc --propagation private -- /bin/sh "$0" --inner "$3"
        fi
        W="$2"
        # A private system (when WORK_DIR/overlay exists): /usr, /etc and /var are copy-on-write overlays of the host's,
        # so that a package installed inside (dpkg, its database, its units) never reaches the host. A container
        # image's policy-rc.d, which forbids starting services, is not part of the host being stood in for.
        if [ -d "$W/overlay" ]; then
          for d in usr etc var; do
            mkdir -p "$W/overlay/$d" "$W/overlay/$d.work"
            mount -t overlay overlay -o "lowerdir=/$d,upperdir=$W/overlay/$d,workdir=$W/overlay/$d.work" "/$d"
          done
          rm -f /usr/sbin/policy-rc.d
        fi
        # Ceph's standard layout, on throw-away directories: the host's /etc/ceph and /var/lib/ceph stay untouched.
        mount --bind "$W/etc-ceph" /etc/ceph
        mount --bind "$W/var-lib-ceph" /var/lib/ceph
        mount --bind "$W/var-log-ceph" /var/log/ceph
        # Only the units we copied (Ceph's and a few targets) and no generators: nothing touches devices or the fstab.
        mount --bind "$W/units" /usr/lib/systemd/system
        mount --bind "$W/etc-units" /etc/systemd/system
        mount --bind "$W/empty" /usr/lib/systemd/system-generators
        mount -t tmpfs -o mode=755,nosuid,nodev tmpfs /run
        # What Ceph's tmpfiles.d entry creates at boot (systemd-tmpfiles itself is not run: it would clean host dirs).
        install -d -o ceph -g ceph -m 0770 /run/ceph
        mount -t sysfs -o ro,nosuid,nodev,noexec sysfs /sys
        mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 /sys/fs/cgroup
        # systemd raises fs.file-max/nr_open at boot: global settings, so /proc/sys is read-only here.
        mount --bind /proc/sys /proc/sys
        mount -o remount,bind,ro /proc/sys
        export container=cordouan-test
        exec /lib/systemd/systemd --unit=cordouan-test.target
        """;
}
