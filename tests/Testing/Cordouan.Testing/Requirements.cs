using Xunit;

namespace Cordouan.Testing;

/// <summary>
/// Guards for tests that need real programs. Locally a missing program skips the test with the reason;
/// under CI=true it fails, so CI can never go green by skipping.
/// </summary>
public static class Requirements
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Qemu() => Program("qemu-system-x86_64", "apt-get install qemu-system-x86");

    public static void QemuImg() => Program("qemu-img", "apt-get install qemu-utils");

    public static void Etcd() => Program("etcd", "apt-get install etcd-server");

    /// <summary>Ceph's daemons and tools, and loop devices (root) for OSDs.</summary>
    public static void Ceph()
    {
        foreach (var program in new[] { "ceph", "ceph-mon", "ceph-mgr", "ceph-osd", "monmaptool" })
        {
            Program(program, "make deps (apt-get install ceph ceph-mon ceph-mgr ceph-osd ceph-common)");
        }
        Program("losetup", "apt-get install mount");
        if (Environment.UserName != "root")
        {
            var reason = "Ceph tests create loop devices and need root";
            if (InCi)
            {
                Assert.Fail(reason + "; CI=true forbids skipping");
            }
            Assert.Skip(reason);
        }
    }

    /// <summary>Ceph's daemons and client tools, without loop devices (a <see cref="Ceph.MicroCephCluster"/> keeps its OSD in a file).</summary>
    public static void CephDaemons()
    {
        foreach (var program in new[] { "ceph", "rbd", "ceph-authtool", "monmaptool", "ceph-mon", "ceph-mgr", "ceph-osd" })
        {
            Program(program, "make deps (apt-get install ceph ceph-mon ceph-mgr ceph-osd ceph-common)");
        }
    }

    /// <summary>Requires an executable on PATH.</summary>
    public static void Program(string name, string howToInstall)
    {
        if (FindOnPath(name) is not null)
        {
            return;
        }
        var reason = $"'{name}' is not installed ({howToInstall})";
        if (InCi)
        {
            Assert.Fail(reason + "; CI=true forbids skipping");
        }
        Assert.Skip(reason);
    }

    /// <summary>Absolute path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
