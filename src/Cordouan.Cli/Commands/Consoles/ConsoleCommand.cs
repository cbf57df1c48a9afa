using System.CommandLine;
using Cordouan.Cli.Commands.Vms;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Consoles;

/// <summary>
/// <c>cord console &lt;vmid&gt;</c>: attaches the terminal to the VM's first serial port. On a terminal, keys go raw
/// to the VM and Ctrl-] detaches; with redirected input the bytes are just pumped until end of input.
/// </summary>
public sealed class ConsoleCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();

    public ConsoleCommand(CliHost host)
        : base("console", "Attach to a VM's serial console (Ctrl-] detaches)")
    {
        _host = host;
        Add(_vmid);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var environment = session.Environment;
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        using var socket = await client.OpenSerialConsoleAsync(node, vmid, cancellationToken);
        var interactive = environment.IsInputTerminal;
        if (interactive)
        {
            await environment.Error.WriteLineAsync($"Connected to the serial console of VM {vmid} on {node}; press Ctrl-] to detach.");
        }
        ConsoleExitReason reason;
        var rawMode = interactive ? await TerminalRawMode.TryEnterAsync(environment.Error, cancellationToken) : null;
        try
        {
            using var input = environment.OpenStandardInput();
            using var output = environment.OpenStandardOutput();
            reason = await SerialConsoleSession.RunAsync(socket, input, output, detachOnKey: interactive, cancellationToken);
        }
        finally
        {
            if (rawMode is not null)
            {
                await rawMode.DisposeAsync();
            }
        }
        if (interactive)
        {
            await environment.Error.WriteLineAsync(reason switch
            {
                ConsoleExitReason.Detached => "\nDetached.",
                ConsoleExitReason.ConnectionClosed => "\nThe daemon closed the console.",
                _ => "\nEnd of input.",
            });
        }
        return ExitCodes.Success;
    }
}
