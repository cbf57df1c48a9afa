using Cordouan.Ceph.Config;
using Cordouan.Ceph.Daemons;
using Xunit;

namespace Cordouan.Ceph.Tests.Daemons;

public sealed class SystemdCephUnitsTests
{
    [Fact]
    public void Unit_OsdZero_IsCephsTemplateInstance() =>
        Assert.Equal("ceph-osd@0.service", SystemdCephUnits.Unit(new CephDaemon("osd", "0")));

    [Fact]
    public void DeviceDropIn_PlainDevice_ChownsItBeforeStart() =>
        Assert.Contains("[Service]\nExecStartPre=/bin/chown ceph:ceph \"/dev/loop3\"\n", SystemdCephUnits.DeviceDropIn("/dev/loop3"), StringComparison.Ordinal);

    [Fact]
    public void DeviceDropIn_SpecifierAndQuote_AreEscapedForSystemd() =>
        Assert.EndsWith("ExecStartPre=/bin/chown ceph:ceph \"/dev/disk/by-id/a%%b\\\"c\"\n", SystemdCephUnits.DeviceDropIn("/dev/disk/by-id/a%b\"c"), StringComparison.Ordinal);

    [Fact]
    public void From_SystemdManager_UsesCephsStandardLayout()
    {
        var paths = CephPaths.From(new CephOptions { NodeName = "pve1", DataDirectory = "/d/ceph", RunDirectory = "/r/ceph", ServiceManager = CephServiceManager.Systemd });
        Assert.Equal("/etc/ceph/ceph.conf", paths.Conf);
        Assert.Equal("/var/lib/ceph/osd/ceph-0", paths.DaemonData("osd", "0"));
        Assert.Equal("/var/lib/ceph/mon", paths.DaemonRoot("mon"));
        Assert.Equal("/var/log/ceph", paths.Log);
        Assert.Equal("/run/ceph", paths.Run);
    }

    [Fact]
    public void From_CordouandManager_KeepsEverythingUnderTheDataDir()
    {
        var paths = CephPaths.From(new CephOptions { NodeName = "pve1", DataDirectory = "/d/ceph", RunDirectory = "/r/ceph" });
        Assert.Equal("/d/ceph/ceph.conf", paths.Conf);
        Assert.Equal("/d/ceph/osd/ceph-0", paths.DaemonData("osd", "0"));
        Assert.Equal("/d/ceph/log", paths.Log);
    }

    [Fact]
    public void Resolve_Explicit_IsKept()
    {
        Assert.Equal(CephServiceManager.Cordouand, CephServiceManagers.Resolve(CephServiceManager.Cordouand));
        Assert.Equal(CephServiceManager.Systemd, CephServiceManagers.Resolve(CephServiceManager.Systemd));
    }

    [Fact]
    public void SystemdBooted_DependsOnRunSystemdSystem()
    {
        var run = Directory.CreateTempSubdirectory("cordouan-sdbooted-");
        try
        {
            Assert.False(CephServiceManagers.SystemdBooted(run.FullName));
            Directory.CreateDirectory(Path.Combine(run.FullName, "systemd", "system"));
            Assert.True(CephServiceManagers.SystemdBooted(run.FullName));
        }
        finally
        {
            run.Delete(recursive: true);
        }
    }
}
