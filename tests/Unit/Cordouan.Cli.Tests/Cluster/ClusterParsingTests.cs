using System.CommandLine;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Infrastructure;
using Cordouan.Cli.Tests.Fakes;
using Xunit;

namespace Cordouan.Cli.Tests.Cluster;

public sealed class ClusterParsingTests : IDisposable
{
    private static readonly string Fingerprint = string.Join(':', Enumerable.Repeat("AB", 32));
    private readonly CliRunner _runner = new();
    private readonly CliHost _host;
    private readonly RootCommand _root;

    public ClusterParsingTests()
    {
        _host = new CliHost(_runner.CreateEnvironment(new StringWriter(), new StringWriter()));
        _root = CordApp.BuildRootCommand(_host);
    }

    public void Dispose() => _runner.Dispose();

    [Theory]
    [InlineData("cluster", "create", "prod-1")]
    [InlineData("cluster", "join", "10.0.0.1", "--fingerprint", "ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab", "--password-file", "/tmp/pw")]
    [InlineData("cluster", "join", "node1:8006", "--fingerprint", "abababababababababababababababababababababababababababababababab", "--token", "root@pam!join=s3cret", "--force", "--no-wait")]
    [InlineData("cluster", "join", "node1", "--fingerprint", "abababababababababababababababababababababababababababababababab", "--user", "root@pam", "--wait-timeout", "300")]
    [InlineData("cluster", "nodes", "-o", "json")]
    [InlineData("cluster", "leave", "--wait-timeout", "60")]
    [InlineData("cluster", "delnode", "n3", "--force")]
    [InlineData("cluster", "witness", "add", "w1:8006", "--fingerprint", "abababababababababababababababababababababababababababababababab", "--password-file", "/tmp/pw", "--no-wait")]
    [InlineData("cluster", "witness", "remove")]
    [InlineData("cluster", "status")]
    public void Parse_MembershipCommands_HaveNoErrors(params string[] args)
    {
        var result = _root.Parse(args);

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Parse_JoinFingerprint_IsThePeersAndDoesNotPinTheDaemon()
    {
        var result = _root.Parse(["cluster", "join", "node1", "--fingerprint", Fingerprint, "--password-file", "/tmp/pw"]);

        Assert.Empty(result.Errors);
        Assert.IsType<ClusterJoinCommand>(result.CommandResult.Command);
        Assert.Null(result.GetValue(_host.Globals.Fingerprint));
        Assert.Equal(Fingerprint, result.GetValue<string>("--fingerprint"));
    }

    [Fact]
    public void Parse_GlobalFingerprintBeforeJoin_StillPinsTheDaemon()
    {
        var daemon = string.Join(':', Enumerable.Repeat("CD", 32));

        var result = _root.Parse(["--fingerprint", daemon, "cluster", "join", "node1", "--fingerprint", Fingerprint]);

        Assert.Empty(result.Errors);
        Assert.Equal(daemon, result.GetValue(_host.Globals.Fingerprint));
    }

    [Theory]
    [InlineData("Option '--fingerprint' is required", "cluster", "join", "node1")]
    [InlineData("is not a SHA-256 fingerprint", "cluster", "join", "node1", "--fingerprint", "12:34")]
    [InlineData("is not an address", "cluster", "join", "node1/api", "--fingerprint", "abababababababababababababababababababababababababababababababab")]
    [InlineData("--password-file and --token exclude each other", "cluster", "join", "node1", "--fingerprint", "abababababababababababababababababababababababababababababababab", "--token", "a@pve!t=s", "--password-file", "/tmp/pw")]
    [InlineData("--user and --token exclude each other", "cluster", "witness", "add", "w1", "--fingerprint", "abababababababababababababababababababababababababababababababab", "--token", "a@pve!t=s", "--user", "a@pve")]
    [InlineData("--token: An API token must look like", "cluster", "join", "node1", "--fingerprint", "abababababababababababababababababababababababababababababababab", "--token", "secret")]
    [InlineData("is not user@realm", "cluster", "join", "node1", "--fingerprint", "abababababababababababababababababababababababababababababababab", "--user", "admin")]
    [InlineData("is not a cluster name", "cluster", "create", "my_cluster")]
    [InlineData("is not a cluster name", "cluster", "create", "a-much-too-long-name")]
    [InlineData("Required argument 'name' missing", "cluster", "create")]
    [InlineData("is not a node name", "cluster", "delnode", "bad.node")]
    [InlineData("Required command was not provided", "cluster", "witness")]
    public async Task RunAsync_BadMembershipInput_ExitsWithCode2AndExplains(string expected, params string[] args)
    {
        var result = await _runner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1:8006")]
    [InlineData("node1:9000", "node1:9000")]
    [InlineData(" https://node1:8006/ ", "node1:8006")]
    [InlineData("[fd00::1]:8007", "[fd00::1]:8007")]
    public void TryNormalizePeerAddress_ValidAddress_SpellsOutThePort(string text, string expected)
    {
        Assert.True(ClusterArguments.TryNormalizePeerAddress(text, out var address, out var error), error);
        Assert.Equal(expected, address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("node1/api2/json")]
    [InlineData("user@node1")]
    [InlineData("node1:notaport")]
    public void TryNormalizePeerAddress_NotAnAddress_ExplainsWhy(string text)
    {
        Assert.False(ClusterArguments.TryNormalizePeerAddress(text, out _, out var error));
        Assert.NotEmpty(error);
    }
}
