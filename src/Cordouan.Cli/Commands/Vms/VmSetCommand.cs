using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm set &lt;vmid&gt; --set k=v… [--delete k,…] [--digest D]</c>: synchronous config update.</summary>
public sealed class VmSetCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();
    private readonly Option<string[]> _set = KeyValueOption.Create("--set", "Config key to set, e.g. --set memory=2048; repeatable");
    private readonly Option<string?> _delete = new("--delete") { Description = "Config keys to remove, comma-separated" };
    private readonly Option<string?> _digest = new("--digest") { Description = "Refuse the change if the config changed since this digest was read" };

    public VmSetCommand(CliHost host)
        : base("set", "Change a VM's configuration")
    {
        _host = host;
        Add(_vmid);
        Add(_set);
        Add(_delete);
        Add(_digest);
        Validators.Add(result =>
        {
            if ((result.GetValue(_set)?.Length ?? 0) == 0 && string.IsNullOrWhiteSpace(result.GetValue(_delete)))
            {
                result.AddError("Nothing to change: pass --set key=value and/or --delete key.");
            }
        });
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    /// <summary>The keys to delete, split on <c>,</c>, <c>;</c> or spaces as PVE does.</summary>
    public static IReadOnlyList<string> SplitKeys(string? text) =>
        (text ?? string.Empty).Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        var config = new VmConfigBuilder().SetAll(KeyValueOption.ParseAll(parseResult.GetValue(_set))).Build();
        await client.UpdateVmConfigAsync(node, vmid, config, SplitKeys(parseResult.GetValue(_delete)), parseResult.GetValue(_digest), cancellationToken);
        if (session.Output.IsJson)
        {
            session.Output.WriteJson(writer => writer.WriteNullValue());
        }
        else
        {
            session.Output.WriteLine($"Updated the configuration of VM {vmid}.");
        }
        return ExitCodes.Success;
    }
}
