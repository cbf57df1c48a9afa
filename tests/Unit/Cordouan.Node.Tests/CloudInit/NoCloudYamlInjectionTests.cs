using Cordouan.Core.Ids;
using Cordouan.Node.CloudInit;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Cordouan.Node.Tests.CloudInit;

/// <summary>
/// Issue 17: config values holding YAML syntax (line breaks, ": ", "#", quotes, tags) stay one string in the seed. Each
/// document is parsed back with a real YAML parser and its structure compared with what the config meant.
/// </summary>
public sealed class NoCloudYamlInjectionTests
{
    private static readonly VmId Vm = new(100);

    private static Dictionary<string, string> Config(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return Assert.Single(stream.Documents).RootNode as YamlMappingNode ?? throw new InvalidOperationException("not a mapping");
    }

    private static string Scalar(YamlNode node, string key)
    {
        var value = Assert.IsType<YamlScalarNode>(((YamlMappingNode)node).Children[new YamlScalarNode(key)]);
        // A tag (!!python/object, !!bool …) would make the value something other than the string written.
        Assert.True(value.Tag.IsEmpty, $"'{key}' carries tag {value.Tag}");
        return value.Value!;
    }

    private static string[] Keys(YamlMappingNode node) => node.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToArray();

    [Theory]
    [InlineData("evil\nsudo: ALL=(ALL) NOPASSWD:ALL")]
    [InlineData("evil: {sudo: x}")]
    [InlineData("evil # comment")]
    [InlineData("!!python/object/apply:os.system ['id']")]
    [InlineData("'quoted' and \"double\" and \\ backslash")]
    [InlineData("- item")]
    [InlineData("true")]
    [InlineData("0x1F")]
    [InlineData("*alias")]
    [InlineData("evil\u2028runcmd: [id]")]
    public void UserData_HostileCiuser_StaysOneStringAndAddsNoKey(string user)
    {
        var yaml = Parse(NoCloudGenerator.UserData(Vm, Config(("ciuser", user), ("cipassword", user), ("name", "web1"))));

        Assert.Equal(["hostname", "manage_etc_hosts", "fqdn", "user", "password", "chpasswd", "users", "package_upgrade"], Keys(yaml));
        Assert.Equal(user, Scalar(yaml, "user"));
        Assert.Equal(user, Scalar(yaml, "password"));
    }

    [Fact]
    public void UserData_HostileSshKeysAndSearchDomain_OneItemPerKeyAndNoExtraKeys()
    {
        var keys = new[] { "ssh-ed25519 AAAA me@laptop # comment", "ssh-rsa AAAB x: y", "command=\"rm -rf /\" ssh-rsa AAAC z" };
        var config = Config(
            ("name", "web1"),
            ("searchdomain", "example.org\nruncmd: [\"id\"]"),
            ("sshkeys", Uri.EscapeDataString(string.Join('\n', keys))));

        var yaml = Parse(NoCloudGenerator.UserData(Vm, config));

        Assert.Equal(["hostname", "manage_etc_hosts", "fqdn", "ssh_authorized_keys", "chpasswd", "users", "package_upgrade"], Keys(yaml));
        Assert.Equal("web1.example.org\nruncmd: [\"id\"]", Scalar(yaml, "fqdn"));
        var items = Assert.IsType<YamlSequenceNode>(yaml.Children[new YamlScalarNode("ssh_authorized_keys")]);
        Assert.Equal(keys, items.Children.Cast<YamlScalarNode>().Select(n => n.Value));
    }

    [Fact]
    public void NetworkConfig_HostileNameserverAndSearchDomain_StayListItems()
    {
        var config = Config(
            ("nameserver", "192.0.2.53'\n      - type: physical"),
            ("searchdomain", "lan'#\" x: y"));

        var yaml = Parse(NoCloudGenerator.NetworkConfig(config, HostDns.None));

        var entries = Assert.IsType<YamlSequenceNode>(yaml.Children[new YamlScalarNode("config")]);
        var nameserver = Assert.IsType<YamlMappingNode>(Assert.Single(entries.Children));
        Assert.Equal("nameserver", Scalar(nameserver, "type"));
        Assert.Equal(["type", "address", "search"], Keys(nameserver));
        var addresses = (YamlSequenceNode)nameserver.Children[new YamlScalarNode("address")];
        // nameserver splits on white space, as Proxmox does; each word stays a string item.
        Assert.Equal(["192.0.2.53'", "-", "type:", "physical"], addresses.Children.Cast<YamlScalarNode>().Select(n => n.Value));
        var search = (YamlSequenceNode)nameserver.Children[new YamlScalarNode("search")];
        Assert.Equal(["lan'#\"", "x:", "y"], search.Children.Cast<YamlScalarNode>().Select(n => n.Value));
    }

    [Theory]
    [InlineData("web1", "web1")]
    [InlineData("$6$salt$hash", "$6$salt$hash")]
    [InlineData("ssh-ed25519 AAAAC3Nza me@laptop", "ssh-ed25519 AAAAC3Nza me@laptop")]
    [InlineData("1web", "1web")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("123", "\"123\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("a\nb", "\"a\\nb\"")]
    [InlineData("", "\"\"")]
    public void Plain_OrdinaryValuesAsProxmoxWritesThemOthersQuoted(string value, string written)
    {
        Assert.Equal(written, YamlScalar.Plain(value));
    }
}
