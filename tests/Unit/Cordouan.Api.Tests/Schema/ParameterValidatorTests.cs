using Cordouan.Api.Http;
using Cordouan.Api.Schema;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Cordouan.Api.Tests.Schema;

public sealed class ParameterValidatorTests
{
    private static readonly PveApiSchema Schema = PveApiSchema.LoadEmbedded();

    [Theory]
    [InlineData("integer", "12a", "type check ('integer') failed - got '12a'")]
    [InlineData("integer", "\u0661\u0662", "type check ('integer') failed - got '\u0661\u0662'")]
    [InlineData("number", "1.5.2", "type check ('number') failed - got '1.5.2'")]
    [InlineData("boolean", "yes", "type check ('boolean') failed - got 'yes'")]
    [InlineData("boolean", "1", null)]
    [InlineData("number", "-.5e3", null)]
    public void Check_Type_ProxmoxTexts(string type, string value, string? expected) =>
        Assert.Equal(expected, ParameterValidator.Check(new ApiParameter("x", type, false), value));

    [Fact]
    public void Check_Bounds_ProxmoxTexts()
    {
        var memory = new ApiParameter("m", "integer", false, Minimum: 16, Maximum: 4194304);
        Assert.Equal("value must have a maximum value of 4194304", ParameterValidator.Check(memory, "99999999999"));
        Assert.Equal("value must have a minimum value of 16", ParameterValidator.Check(memory, "1"));
        Assert.Null(ParameterValidator.Check(memory, "512"));
        Assert.Equal("value may only be 3 characters long", ParameterValidator.Check(new ApiParameter("s", "string", false, MaxLength: 3), "abcd"));
        Assert.Equal("value must be at least 2 characters long", ParameterValidator.Check(new ApiParameter("s", "string", false, MinLength: 2), "a"));
    }

    [Fact]
    public void Check_EnumAndPattern_ProxmoxTexts()
    {
        Assert.Equal(
            "value 'x' does not have a value in the enumeration 'a, b'",
            ParameterValidator.Check(new ApiParameter("e", "string", false, Enum: ["a", "b"]), "x"));
        Assert.Equal(
            "value does not match the regex pattern",
            ParameterValidator.Check(new ApiParameter("p", "string", false, Pattern: PerlPattern.Compile("\\S+")), "a b"));
    }

    [Theory]
    [InlineData("pve-vmid", "99", "invalid format - value does not look like a valid VM ID")]
    [InlineData("pve-node", "-n", "invalid format - value does not look like a valid node name")]
    [InlineData("pve-storage-id", "l", "invalid format - storage ID 'l' cannot be shorter than 2 characters")]
    [InlineData("pve-storage-id", "lo cal", "invalid format - storage ID 'lo cal' contains illegal characters")]
    [InlineData("pve-configid-list", "memory,9x", "invalid format - invalid configuration ID '9x'")]
    [InlineData("pve-userid", "ab", "invalid format - user name 'ab' is too short")]
    [InlineData("pve-userid", "alice", "invalid format - value 'alice' does not look like a valid user name")]
    [InlineData("pve-tokenid", "alice@pve", "invalid format - value 'alice@pve' does not look like a valid token ID")]
    [InlineData("pve-poolid", "a/b/c/d", "invalid format - pool name 'a/b/c/d' nested too deeply (max levels = 3)")]
    [InlineData("pve-realm", "1pve", "invalid format - value does not look like a valid realm")]
    [InlineData("pve-groupid", "a b", "invalid format - group name 'a b' contains invalid characters")]
    [InlineData("pve-roleid", "a:b", "invalid format - role name 'a:b' contains invalid characters")]
    [InlineData("email", "root@", "invalid format - value does not look like a valid email address")]
    [InlineData("email-opt", "", null)]
    [InlineData("pve-vmid-list", "100,101 102", null)]
    [InlineData("pve-iface", "eth0", null)]
    [InlineData("(object)", "anything=at,all", null)]
    public void Check_Formats_ProxmoxTexts(string format, string value, string? expected) =>
        Assert.Equal(expected, ParameterValidator.Check(new ApiParameter("f", "string", false, Format: format), value));

    [Fact]
    public async Task Validate_UnknownMissingAndIndexed_OneErrorEach()
    {
        var method = Schema.Match("PUT", "/api2/json/nodes/n1/qemu/100/config")!;
        var parameters = await ParametersAsync("memory=64&net0=virtio,bridge=vmbr0&net32=virtio&bogus=1&cores=0");
        var errors = ParameterValidator.Validate(method.Method, parameters, method.PathParameters, new HashSet<string>());
        Assert.Equal(ParameterValidator.UnknownProperty, errors["bogus"]);
        Assert.Equal(ParameterValidator.UnknownProperty, errors["net32"]);
        Assert.Equal("value must have a minimum value of 1", errors["cores"]);
        Assert.False(errors.ContainsKey("net0"));
        Assert.False(errors.ContainsKey("memory"));
        Assert.Equal(3, errors.Count);
        var create = Schema.Match("POST", "/api2/json/nodes/n1/qemu")!;
        var missing = ParameterValidator.Validate(create.Method, await ParametersAsync(""), create.PathParameters, new HashSet<string>());
        Assert.Equal(ParameterValidator.MissingProperty, missing["vmid"]);
    }

    [Fact]
    public async Task Validate_ExtensionParameter_Accepted()
    {
        var method = Schema.Match("POST", "/api2/json/nodes/n1/network")!;
        var parameters = await ParametersAsync("iface=vmbr1&type=bridge&cordouan-nat=1");
        Assert.Empty(ParameterValidator.Validate(method.Method, parameters, method.PathParameters, CordouanExtensionParameters.For(method.Method)));
        Assert.Equal(ParameterValidator.UnknownProperty, ParameterValidator.Validate(method.Method, parameters, method.PathParameters, new HashSet<string>())["cordouan-nat"]);
    }

    private static async Task<PveParameters> ParametersAsync(string form)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        var bytes = System.Text.Encoding.UTF8.GetBytes(form);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        return await PveParameters.ReadAsync(context.Request, CancellationToken.None);
    }
}
