namespace Cordouan.Testing.Daemon;

/// <summary>Where the built binaries and scripts are, found by walking up to the directory holding Cordouan.slnx.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Whose binaries run: <c>$CORDOUAN_DAEMON_BUILD</c> (scripts/bench.sh sets Release), else the Debug build of <c>make build</c>.</summary>
    public static string Configuration { get; } = Environment.GetEnvironmentVariable("CORDOUAN_DAEMON_BUILD") is { Length: > 0 } build ? build : "Debug";

    public static string Cordouand => Path.Combine(Root, $"src/Cordouan.Daemon/bin/{Configuration}/net10.0/cordouand");

    public static string Cord => Path.Combine(Root, $"src/Cordouan.Cli/bin/{Configuration}/net10.0/cord");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cordouan.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cordouan.slnx not found above " + AppContext.BaseDirectory);
    }
}
