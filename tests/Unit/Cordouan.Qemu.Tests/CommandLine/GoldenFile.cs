using System.Runtime.CompilerServices;
using Xunit;

namespace Cordouan.Qemu.Tests.CommandLine;

/// <summary>
/// Compares an argv with <c>Golden/&lt;name&gt;.argv</c> (one argument per line). Run with
/// <c>CORDOUAN_UPDATE_GOLDEN=1</c> to rewrite the checked-in files from the current output, then review the diff.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, IReadOnlyList<string> argv, [CallerFilePath] string callerPath = "")
    {
        var actual = string.Join('\n', argv) + "\n";
        if (Environment.GetEnvironmentVariable("CORDOUAN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(callerPath)!, "Golden", name + ".argv"), actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "CommandLine", "Golden", name + ".argv");
        Assert.True(File.Exists(path), $"Golden file {name}.argv is missing; run with CORDOUAN_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, argv);
    }
}
