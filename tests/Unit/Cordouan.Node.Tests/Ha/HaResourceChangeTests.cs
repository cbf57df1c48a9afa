using Cordouan.Core.Errors;
using Cordouan.Node.Ha;
using Xunit;

namespace Cordouan.Node.Tests.Ha;

public sealed class HaResourceChangeTests
{
    private static readonly HaResourceDocument Fresh = new() { Sid = "vm:100", VmId = 100 };

    [Fact]
    public void ApplyTo_Enabled_StoredAsStarted()
    {
        var next = new HaResourceChange { State = "enabled" }.ApplyTo(Fresh with { State = HaStates.Stopped });

        Assert.Equal(HaStates.Started, next.State);
    }

    [Fact]
    public void ApplyTo_NothingGiven_ProxmoxDefaults()
    {
        var next = new HaResourceChange().ApplyTo(Fresh);

        Assert.Equal((HaStates.Started, 1, 1, true, (string?)null), (next.State, next.MaxRestart, next.MaxRelocate, next.Failback, next.Group));
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEveryOne()
    {
        var change = new HaResourceChange { State = "running", MaxRestart = 11, MaxRelocate = -1, Group = "1bad", Comment = new string('x', 4097) };

        var errors = Assert.Throws<ValidationException>(() => change.Validate()).Errors;

        Assert.Equal("value 'running' does not have a value in the enumeration 'started, stopped, enabled, disabled, ignored'", errors["state"]);
        Assert.Equal("value must have a maximum value of 10", errors["max_restart"]);
        Assert.Equal("value must have a minimum value of 0", errors["max_relocate"]);
        Assert.Equal("invalid format - invalid configuration ID '1bad'", errors["group"]);
        Assert.Equal("value may only be 4096 characters long", errors["comment"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Validate_RetriesAtTheBounds_Accepted(int retries) =>
        new HaResourceChange { MaxRestart = retries, MaxRelocate = retries, State = "ignored" }.Validate();

    [Fact]
    public void Validate_DeleteUnknownOrAlsoSet_400()
    {
        Assert.Equal("no such option 'sid'", Assert.Throws<ValidationException>(() => new HaResourceChange { Delete = ["sid"] }.Validate()).Errors["delete"]);
        Assert.Equal("unable to delete and set the same option",
            Assert.Throws<ValidationException>(() => new HaResourceChange { Group = "g1", Delete = ["group"] }.Validate()).Errors["group"]);
    }

    [Fact]
    public void ApplyTo_DeleteOptions_BackToDefaultsOthersKept()
    {
        var current = Fresh with { State = HaStates.Disabled, Group = "g1", MaxRestart = 5, MaxRelocate = 4, Failback = false, Comment = "db" };

        var next = new HaResourceChange { Delete = ["state", "group", "max_restart", "failback"], Comment = "primary db" }.ApplyTo(current);

        Assert.Equal(Fresh with { MaxRelocate = 4, Comment = "primary db" }, next);
    }
}
