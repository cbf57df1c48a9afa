namespace Cordouan.Node.Hosting;

/// <summary>Who this daemon is and where it keeps its files.</summary>
public sealed record NodeIdentity(string NodeName, string DataDirectory, string ClusterName)
{
    /// <summary>SHA-256 fingerprint of the API certificate (AA:BB:…), once known.</summary>
    public string? SslFingerprint { get; init; }

    public string TaskLogDirectory => Path.Combine(DataDirectory, "tasks");
}
