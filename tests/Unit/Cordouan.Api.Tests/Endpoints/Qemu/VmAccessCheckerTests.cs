using Cordouan.Access;
using Cordouan.Api.Endpoints.Qemu.Permissions;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Xunit;

namespace Cordouan.Api.Tests.Endpoints.Qemu;

public sealed class VmAccessCheckerTests
{
    private static readonly VmId Vm = new(100);
    private static readonly CancellationToken None = CancellationToken.None;

    private static VmAccessChecker Checker(params string[] grants) => CheckerFor("alice@pve", grants);

    /// <summary>A caller holding exactly <paramref name="grants"/> ("path privilege" pairs); storage "iso" holds no images.</summary>
    private static VmAccessChecker CheckerFor(string user, params string[] grants)
    {
        var held = grants.Select(g => g.Split(' ')).Select(g => (g[0], g[1])).ToHashSet();
        var identity = new AccessIdentity(user);
        return new VmAccessChecker(identity, (path, privilege) => identity.IsRoot || held.Contains((path, privilege)),
            (id, _) => Task.FromResult(new StorageDefinition { Id = id, Type = "dir", Content = id == "iso" ? ["iso"] : ["images", "iso", "import"] }));
    }

    private static Task Attach(VmAccessChecker checker, string value, string key = "scsi0") =>
        checker.CheckStorageAccessAsync(Vm, new Dictionary<string, string> { [key] = value }, null, None);

    [Fact]
    public async Task CheckStorageAccess_ImportFromHostPath_RootOnly()
    {
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Attach(Checker("/vms/100 VM.Allocate", "/storage/local Datastore.Allocate", "/storage/local Datastore.AllocateSpace"), "local:0,import-from=/etc/shadow"));
        Assert.Equal("Only root can pass arbitrary filesystem paths.", refused.Message);
        await Attach(CheckerFor(AccessIdentity.RootUserId), "local:0,import-from=/etc/shadow");
    }

    [Fact]
    public async Task CheckStorageAccess_ImportFromOtherVmsDisk_NeedsVmCloneOnIt()
    {
        const string value = "local:0,import-from=local:101/vm-101-disk-0.qcow2";
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => Attach(Checker("/storage/local Datastore.AllocateSpace"), value));
        Assert.Equal("Permission check failed (/vms/101, VM.Clone)", refused.Message);
        await Attach(Checker("/storage/local Datastore.AllocateSpace", "/vms/101 VM.Clone"), value);
    }

    [Fact]
    public async Task CheckStorageAccess_OtherVmsDisk_NeedsAuditAndItsConfigDisk()
    {
        const string value = "local:101/vm-101-disk-0.qcow2";
        var noStorage = await Assert.ThrowsAsync<PermissionDeniedException>(() => Attach(Checker("/vms/101 VM.Config.Disk"), value));
        Assert.Equal("Permission check failed (/storage/local, Datastore.Audit)", noStorage.Message);
        var noVm = await Assert.ThrowsAsync<PermissionDeniedException>(() => Attach(Checker("/storage/local Datastore.Audit"), value));
        Assert.Equal("Permission check failed (/vms/101, VM.Config.Disk)", noVm.Message);
        await Attach(Checker("/storage/local Datastore.Audit", "/vms/101 VM.Config.Disk"), value);
        await Attach(Checker("/storage/local Datastore.Allocate"), value);
    }

    [Fact]
    public async Task CheckStorageAccess_OwnDiskOrLinkedClone_Allowed()
    {
        await Attach(Checker(), "local:100/vm-100-disk-1.qcow2");
        await Attach(Checker(), "local:101/base-101-disk-0.qcow2/100/vm-100-disk-0.qcow2");
        await Attach(Checker(), "ceph:base-101-disk-0/vm-100-disk-0");
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Attach(Checker(), "ceph:base-100-disk-0/vm-101-disk-0"));
    }

    [Fact]
    public async Task CheckStorageAccess_NewDisk_NeedsAllocateSpaceAndImages()
    {
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => Attach(Checker(), "local:4"));
        Assert.Equal("Permission check failed (/storage/local, Datastore.AllocateSpace)", refused.Message);
        await Attach(Checker("/storage/local Datastore.AllocateSpace"), "local:4");
        var noImages = await Assert.ThrowsAsync<ValidationException>(() => Attach(Checker("/storage/iso Datastore.AllocateSpace"), "iso:4"));
        Assert.Equal("storage 'iso' does not support vm images", noImages.Errors["storage"]);
        await Assert.ThrowsAsync<ValidationException>(() => Attach(Checker(), "4"));
        await Checker("/storage/local Datastore.AllocateSpace").CheckStorageAccessAsync(Vm, new Dictionary<string, string> { ["scsi0"] = "4" }, "local", None);
    }

    [Fact]
    public async Task CheckStorageAccess_IsoMedia_NeedsAllocateSpaceOrAudit()
    {
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => Attach(Checker(), "local:iso/debian.iso,media=cdrom", "ide2"));
        Assert.Equal("Permission check failed (/storage/local, Datastore.AllocateSpace|Datastore.Audit)", refused.Message);
        await Attach(Checker("/storage/local Datastore.Audit"), "local:iso/debian.iso,media=cdrom", "ide2");
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Attach(Checker(), "cdrom,media=cdrom", "ide2"));
        await Attach(Checker("/ Sys.Console"), "cdrom,media=cdrom", "ide2");
    }

    [Fact]
    public async Task CheckStorageAccess_HostDevicePathOrUnusedOfOtherVm_Refused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Attach(Checker("/storage/local Datastore.Allocate"), "/dev/sda"));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Attach(Checker(), "local:101/vm-101-disk-0.qcow2", "unused0"));
        await Assert.ThrowsAsync<ValidationException>(() => Attach(Checker("/storage/local Datastore.Allocate"), "local:iso/x.iso", "unused0"));
    }

    [Fact]
    public void CheckKeys_CpuKeyWithOptionsOnly_RefusedNamingCpu()
    {
        var refused = Assert.Throws<PermissionDeniedException>(() => Checker("/vms/100 VM.Config.Options").CheckKeys(Vm, ["name", "cores"]));
        Assert.Equal("Permission check failed (/vms/100, VM.Config.CPU)", refused.Message);
        Checker("/vms/100 VM.Config.CPU", "/vms/100 VM.Config.Options").CheckKeys(Vm, ["name", "cores"]);
    }

    [Fact]
    public void CheckKeys_RootOnlyKey_RefusedEvenToAdministrator()
    {
        var admin = Checker("/vms/100 VM.Config.Options", "/vms/100 VM.Config.HWType", "/ Sys.Modify");
        foreach (var key in new[] { "args", "hookscript", "cicustom", "lock" })
        {
            Assert.Equal($"only root can set '{key}' config", Assert.Throws<ForbiddenException>(() => admin.CheckKeys(Vm, [key])).Message);
        }
        CheckerFor(AccessIdentity.RootUserId).CheckKeys(Vm, ["args", "hookscript", "cicustom", "lock"]);
    }

    [Fact]
    public void CheckCreateValues_HostDevices_RootOnlyButSpiceAndSocketAllowed()
    {
        var user = Checker("/vms/100 VM.Config.HWType");
        Assert.Throws<ForbiddenException>(() => user.CheckCreateValues(Vm, new Dictionary<string, string> { ["hostpci0"] = "0000:01:00.0" }));
        Assert.Throws<ForbiddenException>(() => user.CheckCreateValues(Vm, new Dictionary<string, string> { ["usb0"] = "host=1234:5678" }));
        Assert.Throws<ForbiddenException>(() => user.CheckCreateValues(Vm, new Dictionary<string, string> { ["serial0"] = "/dev/ttyS0" }));
        user.CheckCreateValues(Vm, new Dictionary<string, string> { ["usb0"] = "host=spice", ["serial0"] = "socket" });
        Assert.Throws<PermissionDeniedException>(() => user.CheckCreateValues(Vm, new Dictionary<string, string> { ["hostpci0"] = "mapping=gpu" }));
    }

    [Fact]
    public void CheckUpdateValues_DiskDeleteOrSet_NeedsConfigDiskOrCdrom()
    {
        var current = new Dictionary<string, string> { ["scsi0"] = "local:100/vm-100-disk-0.qcow2", ["ide2"] = "none,media=cdrom" };
        var options = Checker("/vms/100 VM.Config.Options");
        Assert.Throws<PermissionDeniedException>(() => options.CheckUpdateValues(Vm, current, new Dictionary<string, string>(), ["scsi0"]));
        var cdrom = Checker("/vms/100 VM.Config.CDROM");
        cdrom.CheckUpdateValues(Vm, current, new Dictionary<string, string> { ["ide2"] = "local:iso/x.iso,media=cdrom" }, []);
        Assert.Throws<PermissionDeniedException>(() => cdrom.CheckUpdateValues(Vm, current, new Dictionary<string, string> { ["ide2"] = "local:4" }, []));
    }

    [Fact]
    public void CheckCloneStorage_TargetWithoutAllocateSpace_Refused()
    {
        var source = new Dictionary<string, string> { ["scsi0"] = "local:100/vm-100-disk-0.qcow2", ["ide2"] = "none,media=cdrom" };
        var refused = Assert.Throws<PermissionDeniedException>(() => Checker("/storage/local Datastore.AllocateSpace").CheckCloneStorage(source, "other"));
        Assert.Equal("Permission check failed (/storage/other, Datastore.AllocateSpace)", refused.Message);
        Checker("/storage/local Datastore.AllocateSpace").CheckCloneStorage(source, null);
    }

    [Fact]
    public void CheckCpuModel_CustomModel_NeedsMappingUseUnlessUnchanged()
    {
        Assert.Throws<PermissionDeniedException>(() => Checker().CheckCpuModel("custom-fast,flags=+aes", null));
        Checker().CheckCpuModel("custom-fast,flags=+aes", "custom-fast");
        Checker("/mapping/cpu/fast Mapping.Use").CheckCpuModel("custom-fast", null);
        Checker().CheckCpuModel("host", null);
    }
}
