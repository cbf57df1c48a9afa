using Cordouan.Core.Ids;

namespace Cordouan.Qemu.CommandLine;

/// <summary>Where one VM's QEMU process keeps its sockets and files: <c>&lt;runRoot&gt;/&lt;vmid&gt;/</c>.</summary>
public sealed record QemuRunPaths(string RunDirectory)
{
    /// <summary>Unix sockets are limited to 108 bytes including the terminating NUL.</summary>
    public const int MaxSocketPathLength = 107;

    public string QmpSocket => Path.Combine(RunDirectory, "qmp.sock");

    public string SerialSocket => Path.Combine(RunDirectory, "serial0.sock");

    public string VncSocket => Path.Combine(RunDirectory, "vnc.sock");

    public string PidFile => Path.Combine(RunDirectory, "qemu.pid");

    public string HandleFile => Path.Combine(RunDirectory, "handle.json");

    public string LogFile => Path.Combine(RunDirectory, "qemu.log");

    /// <summary>The <c>-qmp</c> value; also how a process is recognised as this VM's QEMU.</summary>
    public string QmpArgument => $"unix:{QemuArgvBuilder.Escape(QmpSocket)},server=on,wait=off";

    public static QemuRunPaths For(string runRoot, VmId vmId) =>
        new(Path.Combine(Path.GetFullPath(runRoot), vmId.ToString()));
}
