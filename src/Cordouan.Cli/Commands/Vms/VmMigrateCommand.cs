using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm migrate &lt;vmid&gt; &lt;target&gt; [--online --with-local-disks --targetstorage --bwlimit --migration-downtime --postcopy]</c>.</summary>
public sealed class VmMigrateCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId(description: "VM to migrate");
    private readonly Argument<string> _target = new("target") { Description = "Node to move the VM to" };
    private readonly Option<bool> _online = new("--online") { Description = "Live-migrate a running VM (a stopped VM migrates offline)" };
    private readonly Option<bool> _withLocalDisks = new("--with-local-disks") { Description = "Mirror a running VM's local disks to the target (offline migration always copies them)" };
    private readonly Option<string?> _targetStorage = new("--targetstorage") { Description = "Target storage: <id> for every disk, or <src>:<dst>,…" };
    private readonly Option<int?> _bwlimit = new("--bwlimit") { Description = "Bandwidth limit in MiB/s (disk copy, mirror and RAM stream)" };
    private readonly Option<int?> _downtime = new("--migration-downtime") { Description = "Longest guest pause at switch-over, in ms (default 100)" };
    private readonly Option<bool> _postcopy = new("--postcopy") { Description = "Allow switching to post-copy if the migration does not converge" };
    private readonly TaskWaitOptions _wait;

    public VmMigrateCommand(CliHost host)
        : base("migrate", "Move a VM to another node: live with --online (RAM and state; local disks mirrored), else offline (local disks copied)")
    {
        _host = host;
        Add(_vmid);
        Add(_target);
        Add(_online);
        Add(_withLocalDisks);
        Add(_targetStorage);
        Add(_bwlimit);
        Add(_downtime);
        Add(_postcopy);
        _bwlimit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--bwlimit must be at least 1 (MiB/s).");
            }
        });
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var target = parseResult.GetValue(_target)!;
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        var options = new VmMigrateOptions
        {
            Online = parseResult.GetValue(_online) ? true : null,
            WithLocalDisks = parseResult.GetValue(_withLocalDisks) ? true : null,
            TargetStorage = parseResult.GetValue(_targetStorage),
            // The API takes Proxmox's KiB/s.
            BandwidthLimitKiBps = parseResult.GetValue(_bwlimit) * 1024L,
            MaxDowntimeMs = parseResult.GetValue(_downtime),
            Postcopy = parseResult.GetValue(_postcopy) ? true : null,
        };
        var upid = await client.MigrateVmAsync(node, vmid, target, options, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Migrate VM {vmid} from {node} to {target}", cancellationToken);
    }
}
