using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Cordouan.Qemu.Qmp.Protocol;

namespace Cordouan.Qemu.Acceleration;

/// <summary>
/// Decides whether KVM really works. Opening <c>/dev/kvm</c> is not enough: a software KVM (e.g. kvm-pvm in a
/// nested sandbox) accepts QEMU but Linux guests hang under it. So we also require the CPU's hardware
/// virtualization flag (vmx/svm) and that QEMU itself enables KVM (<c>query-kvm</c> on a <c>-machine none</c> run).
/// </summary>
public sealed class KvmProbe(string qemuBinary, TimeSpan timeout, TimeProvider timeProvider)
{
    public async Task<KvmProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists("/dev/kvm"))
        {
            return new(false, "/dev/kvm does not exist");
        }
        try
        {
            await using var device = new FileStream("/dev/kvm", FileMode.Open, FileAccess.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(false, $"/dev/kvm cannot be opened: {e.Message}");
        }
        if (!HasHardwareVirtualization(await File.ReadAllTextAsync("/proc/cpuinfo", cancellationToken)))
        {
            return new(false, "the CPU reports no hardware virtualization (vmx/svm): /dev/kvm is emulated and guests may hang");
        }
        return await QueryQemuAsync(cancellationToken);
    }

    /// <summary>True when the <c>flags</c> line of <c>/proc/cpuinfo</c> lists vmx (Intel) or svm (AMD).</summary>
    public static bool HasHardwareVirtualization(string cpuinfo)
    {
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == "flags")
            {
                var flags = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return flags.Contains("vmx") || flags.Contains("svm");
            }
        }
        return false;
    }

    /// <summary>Asks QEMU itself (<c>-machine none,accel=kvm -qmp stdio</c>, then <c>query-kvm</c>).</summary>
    internal async Task<KvmProbeResult> QueryQemuAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(qemuBinary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-machine", "none,accel=kvm", "-nodefaults", "-no-user-config", "-display", "none", "-qmp", "stdio"])
        {
            info.ArgumentList.Add(arg);
        }
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new(false, $"cannot run {qemuBinary}: {e.Message}");
        }
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(linked.Token);
        try
        {
            await using var qmp = await QmpConnection.OpenAsync(
                process.StandardOutput.BaseStream, process.StandardInput.BaseStream, linked.Token);
            var reply = await qmp.SendAsync("query-kvm", null, linked.Token);
            var enabled = reply.IsSuccess && reply.Return.TryGetProperty("enabled", out var e) && e.ValueKind == JsonValueKind.True;
            return enabled ? new(true, "") : new(false, "QEMU reports KVM not enabled");
        }
        catch (Exception e) when ((e is IOException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            var error = await StandardErrorAsync(process, stderr);
            return new(false, $"QEMU cannot enable KVM: {(error.Length > 0 ? error : e.Message)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> StandardErrorAsync(Process process, Task<string> stderr)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        try
        {
            return (await stderr.WaitAsync(TimeSpan.FromSeconds(2))).Trim();
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or IOException)
        {
            return "";
        }
    }
}
