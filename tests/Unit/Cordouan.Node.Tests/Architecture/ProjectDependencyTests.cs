using System.Xml.Linq;
using Xunit;

namespace Cordouan.Node.Tests.Architecture;

/// <summary>
/// The dependency rules of STYLE.md §2, read from the .csproj files: adapters never reference each other,
/// orchestrators reach adapters only through Core's seams, only the daemon knows every implementation.
/// </summary>
public sealed class ProjectDependencyTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Cordouan.Core"] = [],
        ["Cordouan.Platform"] = ["Cordouan.Core"],
        ["Cordouan.Qemu"] = ["Cordouan.Core", "Cordouan.Platform"],
        ["Cordouan.Storage"] = ["Cordouan.Core", "Cordouan.Platform"],
        ["Cordouan.Ceph"] = ["Cordouan.Core", "Cordouan.Platform"],
        ["Cordouan.Network"] = ["Cordouan.Core", "Cordouan.Platform"],
        ["Cordouan.Cluster"] = ["Cordouan.Core", "Cordouan.Platform"],
        ["Cordouan.Access"] = ["Cordouan.Core", "Cordouan.Platform"],
        ["Cordouan.Node"] = ["Cordouan.Core", "Cordouan.Platform"],
        ["Cordouan.Contracts"] = [],
        ["Cordouan.Api"] = ["Cordouan.Core", "Cordouan.Platform", "Cordouan.Contracts", "Cordouan.Node", "Cordouan.Access"],
        ["Cordouan.Client"] = ["Cordouan.Contracts"],
        ["Cordouan.Cli"] = ["Cordouan.Client"],
    };

    public static TheoryData<string> SourceProjects()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoRoot(), "src")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void References_FollowTheLayering(string project)
    {
        if (project == "Cordouan.Daemon")
        {
            return; // The composition root may reference everything.
        }
        Assert.True(Allowed.TryGetValue(project, out var allowed), $"{project} has no layering rule: add it to {nameof(ProjectDependencyTests)}");
        var csproj = XDocument.Load(Path.Combine(RepoRoot(), "src", project, project + ".csproj"));
        var references = csproj.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))
            .ToList();
        var forbidden = references.Except(allowed).ToList();
        Assert.True(forbidden.Count == 0, $"{project} must not reference {string.Join(", ", forbidden)} (allowed: {string.Join(", ", allowed)})");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cordouan.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cordouan.slnx not found");
    }
}
