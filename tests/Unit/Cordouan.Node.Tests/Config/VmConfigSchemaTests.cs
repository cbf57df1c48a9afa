using Cordouan.Core.Errors;
using Cordouan.Node.Config;
using Xunit;

namespace Cordouan.Node.Tests.Config;

public sealed class VmConfigSchemaTests
{
    [Theory]
    [InlineData("memory", "8", "invalid format - value must have a minimum value of 16")]
    [InlineData("memory", "lots", "invalid format - type check ('integer') failed - got 'lots'")]
    [InlineData("cores", "0", "value must have a minimum value of 1")]
    [InlineData("onboot", "maybe", "type check ('boolean') failed - got 'maybe'")]
    [InlineData("ostype", "dos", "value 'dos' does not have a value in the enumeration 'other, wxp, w2k, w2k3, w2k8, wvista, win7, win8, win10, win11, l24, l26, solaris'")]
    [InlineData("nosuchkey", "1", "property is not defined in schema and the schema does not allow additional properties")]
    [InlineData("name", "bad name!", "invalid format - value 'bad name!' does not look like a valid DNS name")]
    public void Validate_BadValue_ProxmoxText(string key, string value, string expected)
    {
        Assert.Equal(expected, VmConfigSchema.Validate(key, value, out _));
    }

    [Theory]
    [InlineData("onboot", "true", "1")]
    [InlineData("tags", "b;a, c a", "a;b;c")]
    [InlineData("memory", "current=2048", "current=2048")]
    [InlineData("unused3", "local:100/vm-100-disk-3.qcow2", "local:100/vm-100-disk-3.qcow2")]
    public void Validate_GoodValue_Normalised(string key, string value, string expected)
    {
        Assert.Null(VmConfigSchema.Validate(key, value, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void ValidateAll_SeveralBadKeys_ReportsEveryOne()
    {
        var e = Assert.Throws<ValidationException>(() => ConfigValidator.ValidateAll(new Dictionary<string, string>
        {
            ["memory"] = "1",
            ["cores"] = "x",
            ["scsi0"] = "local:1,bogus=2",
            ["name"] = "ok",
        }));
        Assert.Equal(["cores", "memory", "scsi0"], e.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MemoryMiB_CurrentForm_Parsed() => Assert.Equal(2048, VmConfigSchema.MemoryMiB("current=2048"));
}
