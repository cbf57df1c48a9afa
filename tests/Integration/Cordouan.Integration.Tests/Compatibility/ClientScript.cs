using System.Diagnostics;
using System.Text;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Cordouan.Testing;

namespace Cordouan.Integration.Tests.Compatibility;

/// <summary>Runs a third-party client (Debian's proxmoxer, Ansible) against a node, with the node's address and credentials in its environment.</summary>
public static class ClientScript
{
    public static async Task<(int ExitCode, string Output)> RunAsync(CordouandNode node, string guestImage, int vmid, IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Requirements.Program(argv[0], "apt-get install python3-proxmoxer ansible");
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(RepoPaths.Root, "tests", "Compat"),
        };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["CORD_HOST"] = $"127.0.0.1:{node.ApiPort}";
        info.Environment["CORD_NODE"] = node.NodeName;
        info.Environment["CORD_PASSWORD"] = node.AdminPassword;
        // Host paths are root@pam's to import: the client, logged in as admin@pve, imports a volume of the local storage.
        info.Environment["GUEST_IMAGE"] = node.ImportVolume(guestImage);
        info.Environment["VMID"] = vmid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["ANSIBLE_NOCOLOR"] = "1";
        info.Environment["ANSIBLE_LOCALHOST_WARNING"] = "false";
        info.Environment["ANSIBLE_INVENTORY_UNPARSED_WARNING"] = "false";
        info.Environment["ANSIBLE_PYTHON_INTERPRETER"] = "/usr/bin/python3";
        // Debian's clients live in the system Python, not in a user's pyenv.
        info.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', argv)} did not finish within {timeout.TotalSeconds} s");
        }
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
