using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.CloudInit;
using Xunit;

namespace Cordouan.Node.Tests.CloudInit;

public sealed class NoCloudGeneratorTests
{
    private static readonly VmId Vm = new(100);

    private static Dictionary<string, string> Config(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    [Fact]
    public void UserData_UserPasswordKeysAndSearchDomain_AsProxmoxWritesIt()
    {
        var config = Config(
            ("name", "web1"), ("searchdomain", "example.org"), ("ciuser", "debian"), ("cipassword", "$6$salt$hash"),
            ("sshkeys", "ssh-ed25519%20AAAAC3Nza%20me%40laptop%0Assh-rsa%20AAAAB3%20other%0A"));

        Assert.Equal(
            "#cloud-config\nhostname: web1\nmanage_etc_hosts: true\nfqdn: web1.example.org\nuser: debian\npassword: $6$salt$hash\n" +
            "ssh_authorized_keys:\n  - ssh-ed25519 AAAAC3Nza me@laptop\n  - ssh-rsa AAAAB3 other\n" +
            "chpasswd:\n  expire: False\nusers:\n  - default\npackage_upgrade: true\n",
            NoCloudGenerator.UserData(Vm, config));
    }

    [Fact]
    public void UserData_RootNoNameNoUpgrade_DisablesNothingAndNamesTheVm()
    {
        var text = NoCloudGenerator.UserData(Vm, Config(("ciuser", "root"), ("ciupgrade", "0")));

        Assert.Equal("#cloud-config\nhostname: VM100\nmanage_etc_hosts: true\nfqdn: VM100\nuser: root\ndisable_root: False\nchpasswd:\n  expire: False\n", text);
    }

    [Fact]
    public void UserData_DottedName_SplitsHostnameAndFqdn()
    {
        Assert.StartsWith("#cloud-config\nhostname: db\nmanage_etc_hosts: true\nfqdn: db.lan.example\n",
            NoCloudGenerator.UserData(Vm, Config(("name", "db.lan.example"))), StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkConfig_StaticDhcpAndIpv6_VersionOneWithLowercaseMacs()
    {
        var config = Config(
            ("net0", "virtio=BC:24:11:AA:BB:CC,bridge=vmbr0"), ("ipconfig0", "ip=192.0.2.10/24,gw=192.0.2.1,ip6=2001:db8::10/64,gw6=2001:db8::1"),
            ("net1", "e1000=BC:24:11:00:00:01,bridge=vmbr1"), ("ipconfig1", "ip=dhcp,ip6=auto"),
            ("net2", "virtio=BC:24:11:00:00:02"),
            ("nameserver", "192.0.2.53 2001:db8::53"), ("searchdomain", "example.org lan"));

        Assert.Equal(
            "version: 1\nconfig:\n" +
            "    - type: physical\n      name: eth0\n      mac_address: 'bc:24:11:aa:bb:cc'\n      subnets:\n" +
            "      - type: static\n        address: '192.0.2.10'\n        netmask: '255.255.255.0'\n        gateway: '192.0.2.1'\n" +
            "      - type: static6\n        address: '2001:db8::10/64'\n        gateway: '2001:db8::1'\n" +
            "    - type: physical\n      name: eth1\n      mac_address: 'bc:24:11:00:00:01'\n      subnets:\n" +
            "      - type: dhcp4\n      - type: ipv6_slaac\n" +
            "    - type: nameserver\n      address:\n      - '192.0.2.53'\n      - '2001:db8::53'\n      search:\n      - 'example.org'\n      - 'lan'\n",
            NoCloudGenerator.NetworkConfig(config, HostDns.None));
    }

    [Fact]
    public void NetworkConfig_NoDnsKeys_FallsBackToTheHostResolver()
    {
        var host = HostDns.Parse("# generated\nsearch corp.example\nnameserver 10.0.0.2\nnameserver 10.0.0.3\noptions edns0\n");

        Assert.Equal(
            "version: 1\nconfig:\n    - type: nameserver\n      address:\n      - '10.0.0.2'\n      - '10.0.0.3'\n      search:\n      - 'corp.example'\n",
            NoCloudGenerator.NetworkConfig(Config(), host));
    }

    [Fact]
    public void NetworkConfig_BadCidr_NamesTheKey()
    {
        var error = Assert.Throws<ValidationException>(() =>
            NoCloudGenerator.NetworkConfig(Config(("net0", "virtio=BC:24:11:AA:BB:CC"), ("ipconfig0", "ip=192.0.2.10")), HostDns.None));

        Assert.Contains("ipconfig0", error.Errors.Keys);
    }

    [Fact]
    public void Generate_MetaData_IsTheSha1OfUserAndNetworkAndChangesWithTheConfig()
    {
        var first = NoCloudGenerator.Generate(Vm, Config(("ciuser", "a")), HostDns.None);
        var second = NoCloudGenerator.Generate(Vm, Config(("ciuser", "b")), HostDns.None);

        Assert.Matches("^instance-id: [0-9a-f]{40}\n$", first.MetaData);
        Assert.Equal(NoCloudGenerator.MetaData(first.UserData, first.NetworkConfig), first.MetaData);
        Assert.NotEqual(first.MetaData, second.MetaData);
        Assert.Equal(["user-data", "network-config", "meta-data", "vendor-data"], first.Files.Keys);
    }
}
