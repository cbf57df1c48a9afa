using Cordouan.Core.Ids;
using Cordouan.Node.Guests;
using Xunit;

namespace Cordouan.Node.Tests.Guests;

public sealed class GuestPlanTests
{
    private static GuestCandidate Vm(int id, string? startup = null, bool onboot = true, bool ha = false, bool template = false)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        if (startup is not null)
        {
            config["startup"] = startup;
        }
        if (onboot)
        {
            config["onboot"] = "1";
        }
        if (template)
        {
            config["template"] = "1";
        }
        return new GuestCandidate(new VmId(id), config, ha);
    }

    private static List<List<int>> Ids(IReadOnlyList<IReadOnlyList<GuestEntry>> groups) =>
        groups.Select(g => g.Select(e => e.VmId.Value).ToList()).ToList();

    [Fact]
    public void ForStart_Orders_AscendingThenVmIdWithUnorderedLast()
    {
        GuestCandidate[] vms = [Vm(300), Vm(104, "order=2"), Vm(101, "order=10"), Vm(103, "order=2,up=5"), Vm(102, "up=4")];

        var groups = GuestPlan.ForStart(vms, null, onBootOnly: true);

        Assert.Equal([[103, 104], [101], [102, 300]], Ids(groups));
        Assert.Equal(5, groups[0][0].Startup.Up);
    }

    [Fact]
    public void ForStart_OnBootOnly_SkipsOthersUnlessForced()
    {
        GuestCandidate[] vms = [Vm(100, "order=1"), Vm(101, "order=2", onboot: false)];

        Assert.Equal([[100]], Ids(GuestPlan.ForStart(vms, null, onBootOnly: true)));
        Assert.Equal([[100], [101]], Ids(GuestPlan.ForStart(vms, null, onBootOnly: false)));
    }

    [Fact]
    public void ForStart_HaManaged_LeftToTheHaManagerUnlessNamed()
    {
        GuestCandidate[] vms = [Vm(100), Vm(101, ha: true)];

        Assert.Equal([[100]], Ids(GuestPlan.ForStart(vms, null, onBootOnly: true)));
        Assert.Equal([[101]], Ids(GuestPlan.ForStart(vms, new HashSet<VmId> { new(101) }, onBootOnly: true)));
    }

    [Fact]
    public void ForStart_Templates_NeverStart()
    {
        Assert.Empty(GuestPlan.ForStart([Vm(100, template: true)], null, onBootOnly: false));
    }

    [Fact]
    public void ForStop_IsTheReverseOfStart_ForEveryVm()
    {
        GuestCandidate[] vms = [Vm(300, onboot: false), Vm(104, "order=2"), Vm(101, "order=10"), Vm(103, "order=2,down=7"), Vm(102), Vm(105, ha: true)];

        var groups = GuestPlan.ForStop(vms, null);

        Assert.Equal([[300, 102], [101], [104, 103]], Ids(groups));
        Assert.Equal(7, groups[2][1].Startup.Down);
    }

    [Fact]
    public void ForMigrate_TemplatesAndHaIncluded_InProxmoxsTextOrder()
    {
        GuestCandidate[] vms = [Vm(200), Vm(1000, template: true), Vm(150, ha: true)];

        Assert.Equal([1000, 150, 200], GuestPlan.ForMigrate(vms, null).Select(v => v.Value));
        Assert.Equal([200], GuestPlan.ForMigrate(vms, new HashSet<VmId> { new(200), new(999) }).Select(v => v.Value));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(4, 3)]
    [InlineData(64, 8)]
    public void DefaultMaxWorkers_IsThreadsLessOneClamped(int processors, int expected)
    {
        Assert.Equal(expected, NodeGuests.DefaultMaxWorkers(processors));
    }
}
