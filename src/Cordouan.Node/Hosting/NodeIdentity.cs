namespace Cordouan.Node.Hosting;

/// <summary>Who this daemon is and where it keeps its files.</summary>
public sealed record NodeIdentity(string NodeName, string DataDirectory, string ClusterName)
{
    public string TaskLogDirectory => Path.Combine(DataDirectory, "tasks");
}
