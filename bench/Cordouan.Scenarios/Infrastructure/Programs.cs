namespace Cordouan.Scenarios.Infrastructure;

/// <summary>The external programs the scenarios run, looked up on PATH.</summary>
public static class Programs
{
    public const string Qemu = "qemu-system-x86_64";
    public const string QemuImg = "qemu-img";
    public const string Etcd = "etcd";

    /// <summary>Absolute path of <paramref name="name"/> on PATH; throws with how to install it when missing.</summary>
    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        var package = name switch
        {
            Qemu => "qemu-system-x86",
            QemuImg => "qemu-utils",
            Etcd => "etcd-server",
            "libvirtd" or "virtlogd" => "libvirt-daemon libvirt-daemon-driver-qemu, or run scripts/install-bench-deps.sh",
            "virsh" => "libvirt-clients, or run scripts/install-bench-deps.sh",
            _ => name,
        };
        throw new InvalidOperationException($"'{name}' is not on PATH (apt-get install {package})");
    }
}
