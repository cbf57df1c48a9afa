using System.CommandLine;
using Cordouan.Cli.Commands.Vms;
using Cordouan.Cli.Infrastructure;
using Cordouan.Cli.Tests.Fakes;
using Xunit;

namespace Cordouan.Cli.Tests.Parsing;

public sealed class CommandLineParsingTests : IDisposable
{
    private readonly CliRunner _runner = new();
    private readonly CliHost _host;
    private readonly RootCommand _root;

    public CommandLineParsingTests()
    {
        _host = new CliHost(_runner.CreateEnvironment(new StringWriter(), new StringWriter()));
        _root = CordApp.BuildRootCommand(_host);
    }

    public void Dispose() => _runner.Dispose();

    [Fact]
    public void Parse_VmCreateWithRepeatedOptions_BuildsConfigInOrderWithSetWinning()
    {
        var result = _root.Parse(
        [
            "vm", "create", "100", "--name", "web", "--memory", "2048", "--cores", "2",
            "--disk", "scsi0=local:4", "--disk", "scsi1=local:8,iothread=1",
            "--net", "net0=virtio,bridge=vmbr0", "--serial0", "socket", "--boot", "order=scsi0;net0",
            "--set", "memory=4096", "--set", "ostype=l26", "--start",
        ]);

        Assert.Empty(result.Errors);
        var create = Assert.IsType<VmCreateCommand>(result.CommandResult.Command);
        Assert.Equal(
        [
            new("name", "web"), new("memory", "4096"), new("cores", "2"),
            new("scsi0", "local:4"), new("scsi1", "local:8,iothread=1"),
            new("net0", "virtio,bridge=vmbr0"), new("serial0", "socket"), new("boot", "order=scsi0;net0"),
            new("ostype", "l26"), new KeyValuePair<string, string>("start", "1"),
        ], create.BuildConfig(result));
    }

    [Fact]
    public void Parse_GlobalOptionsAfterSubcommand_AreAccepted()
    {
        var result = _root.Parse(["vm", "list", "-o", "json", "--server", "node1", "--fingerprint", "ab".PadRight(64, 'c')]);

        Assert.Empty(result.Errors);
        Assert.Equal("list", result.CommandResult.Command.Name);
        Assert.Equal(OutputFormat.Json, result.GetValue(_host.Globals.Output));
        Assert.Equal("node1", result.GetValue(_host.Globals.Server));
    }

    [Fact]
    public void Parse_ShutdownWithTimeoutAndForceStop_ReadsBoth()
    {
        var result = _root.Parse(["vm", "shutdown", "101", "--timeout", "30", "--force-stop", "--no-wait"]);

        Assert.Empty(result.Errors);
        Assert.Equal(30, result.GetValue<int?>("--timeout"));
        Assert.True(result.GetValue<bool>("--force-stop"));
        Assert.True(result.GetValue<bool>("--no-wait"));
    }

    [Theory]
    [InlineData("vm", "snapshot", "create", "100", "before-upgrade")]
    [InlineData("vm", "snapshot", "rollback", "100", "s1", "--start")]
    [InlineData("vm", "clone", "9000", "123", "--name", "copy", "--full", "--storage", "local")]
    [InlineData("vm", "resize", "100", "scsi0", "+2G")]
    [InlineData("vm", "set", "100", "--delete", "cpulimit,args", "--digest", "abc")]
    [InlineData("task", "status", "UPID:n1:0003F2A1:00A1B2C3:65A1B2C3:qmstart:100:root@pam:")]
    [InlineData("storage", "content", "local", "--node", "n1", "--content", "iso")]
    [InlineData("cluster", "resources", "--type", "vm")]
    [InlineData("console", "100")]
    public void Parse_RepresentativeCommands_HaveNoErrors(params string[] args)
    {
        var result = _root.Parse(args);

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("--set expects key=value, got 'memory'", "vm", "set", "100", "--set", "memory")]
    [InlineData("vmid must be between 100 and 999999999", "vm", "start", "99")]
    [InlineData("is not a task id", "task", "log", "not-a-upid")]
    [InlineData("exclude each other", "vm", "list", "--insecure", "--fingerprint", "abababababababababababababababababababababababababababababababab")]
    [InlineData("is not a SHA-256 fingerprint", "vm", "list", "--fingerprint", "zz:yy")]
    [InlineData("Nothing to change", "vm", "set", "100")]
    [InlineData("is not a snapshot name", "vm", "snapshot", "create", "100", "9bad")]
    [InlineData("Required command was not provided", "vm")]
    public async Task RunAsync_UsageError_ExitsWithCode2AndExplains(string expected, params string[] args)
    {
        var result = await _runner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task RunAsync_NoServerAnywhere_ExitsWithCode2()
    {
        var result = await _runner.RunAsync("vm", "list");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("No server given", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServerButNoLogin_ExitsWithCode2AndSuggestsLogin()
    {
        var result = await _runner.RunAsync("vm", "list", "--server", "node1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("cord login --server https://node1:8006/", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ExitsZeroAndListsCommands()
    {
        var result = await _runner.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("console", result.Output, StringComparison.Ordinal);
    }
}
