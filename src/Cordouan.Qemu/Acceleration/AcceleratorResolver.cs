using Cordouan.Core.Vms;
using Microsoft.Extensions.Logging;

namespace Cordouan.Qemu.Acceleration;

/// <summary>
/// Turns <see cref="Accelerator.Auto"/> into Kvm or Tcg. The node's <see cref="QemuOptions.Accelerator"/> wins
/// over the VM's request; Auto probes KVM once per driver and falls back to TCG with a warning.
/// </summary>
internal sealed partial class AcceleratorResolver
{
    private readonly QemuOptions _options;
    private readonly ILogger _logger;
    private readonly KvmProbe _probe;
    private readonly Lazy<Task<Accelerator>> _auto;

    public AcceleratorResolver(QemuOptions options, ILogger logger, TimeProvider timeProvider)
    {
        _options = options;
        _logger = logger;
        _probe = new KvmProbe(options.QemuBinary, options.MonitorTimeout, timeProvider);
        _auto = new Lazy<Task<Accelerator>>(ProbeAsync);
    }

    public async Task<Accelerator> ResolveAsync(Accelerator requested, CancellationToken cancellationToken)
    {
        if (_options.Accelerator != Accelerator.Auto)
        {
            return _options.Accelerator;
        }
        if (requested != Accelerator.Auto)
        {
            return requested;
        }
        return await _auto.Value.WaitAsync(cancellationToken);
    }

    private async Task<Accelerator> ProbeAsync()
    {
        // Not tied to one caller's token: the result is shared; the probe bounds itself with its own timeout.
        KvmProbeResult result;
        try
        {
            result = await _probe.ProbeAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            result = new KvmProbeResult(false, e.Message);
        }
        if (result.Usable)
        {
            Log.KvmUsable(_logger);
            return Accelerator.Kvm;
        }
        Log.FallingBackToTcg(_logger, result.Reason);
        return Accelerator.Tcg;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "KVM works on this node; VMs use hardware acceleration")]
        public static partial void KvmUsable(ILogger logger);

        [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "KVM is not usable ({Reason}); VMs run under TCG emulation, which is much slower")]
        public static partial void FallingBackToTcg(ILogger logger, string reason);
    }
}
