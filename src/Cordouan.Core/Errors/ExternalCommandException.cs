namespace Cordouan.Core.Errors;

/// <summary>An external program (qemu-img, qemu, etcd, ceph) failed; carries argv, exit code and stderr tail.</summary>
public sealed class ExternalCommandException(string message, IReadOnlyList<string> argv, int exitCode, string stderrTail)
    : CordouanException(message)
{
    public IReadOnlyList<string> Argv { get; } = argv;
    public int ExitCode { get; } = exitCode;
    public string StderrTail { get; } = stderrTail;
}
