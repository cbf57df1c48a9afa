using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm create &lt;vmid&gt; [--name --memory --cores --sockets --disk --net --serial0 --boot --set… --start --node]</c>.</summary>
public sealed class VmCreateCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly Option<string?> _name = new("--name") { Description = "VM name (DNS name)" };
    private readonly Option<int?> _memory = new("--memory") { Description = "Memory in MiB" };
    private readonly Option<int?> _cores = new("--cores") { Description = "Cores per socket" };
    private readonly Option<int?> _sockets = new("--sockets") { Description = "CPU sockets" };
    private readonly Option<string[]> _disks = KeyValueOption.Create("--disk", "Disk, e.g. scsi0=local:4 (allocate 4 GiB on storage local); repeatable");
    private readonly Option<string[]> _nets = KeyValueOption.Create("--net", "NIC, e.g. net0=virtio,bridge=vmbr0; repeatable");
    private readonly Option<string?> _serial0 = new("--serial0") { Description = "First serial port, e.g. socket (needed by 'cord console')" };
    private readonly Option<string?> _boot = new("--boot") { Description = "Boot order, e.g. order=scsi0;net0" };
    private readonly Option<string[]> _set = KeyValueOption.Create("--set", "Any config key, e.g. --set ostype=l26; repeatable, wins over the options above");
    private readonly Option<bool> _start = new("--start") { Description = "Start the VM once created" };
    private readonly Option<string?> _node = new("--node") { Description = "Node to create the VM on (default: the node you are connected to)" };
    private readonly TaskWaitOptions _wait;

    public VmCreateCommand(CliHost host)
        : base("create", "Create a VM")
    {
        _host = host;
        Add(_vmid);
        Add(_name);
        Add(_memory);
        Add(_cores);
        Add(_sockets);
        Add(_disks);
        Add(_nets);
        Add(_serial0);
        Add(_boot);
        Add(_set);
        Add(_start);
        Add(_node);
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    /// <summary>The config keys the command line asks for, in order (<c>--set</c> last and winning).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BuildConfig(ParseResult parseResult) =>
        new VmConfigBuilder()
            .Set("name", parseResult.GetValue(_name))
            .Set("memory", parseResult.GetValue(_memory))
            .Set("cores", parseResult.GetValue(_cores))
            .Set("sockets", parseResult.GetValue(_sockets))
            .SetAll(KeyValueOption.ParseAll(parseResult.GetValue(_disks)))
            .SetAll(KeyValueOption.ParseAll(parseResult.GetValue(_nets)))
            .Set("serial0", parseResult.GetValue(_serial0))
            .Set("boot", parseResult.GetValue(_boot))
            .SetAll(KeyValueOption.ParseAll(parseResult.GetValue(_set)))
            .Set("start", parseResult.GetValue(_start) ? "1" : null)
            .Build();

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var node = parseResult.GetValue(_node) ?? await client.GetLocalNodeAsync(cancellationToken);
        var upid = await client.CreateVmAsync(node, vmid, BuildConfig(parseResult), cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Create VM {vmid} on {node}", cancellationToken);
    }
}
