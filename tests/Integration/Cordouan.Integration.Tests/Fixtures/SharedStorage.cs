using Cordouan.Testing;
using Cordouan.Testing.Daemon;

namespace Cordouan.Integration.Tests.Fixtures;

/// <summary>Shared storage for one-machine labs.</summary>
public static class SharedStorage
{
    /// <summary>A <c>dir</c> storage marked shared on a directory every node of this one-machine lab sees, as NFS would be.</summary>
    public static async Task<TempDirectory> AddAsync(PveHttp http, string id, CancellationToken ct)
    {
        var directory = new TempDirectory("cord-shared");
        try
        {
            (await http.PostAsync("/storage", new()
            {
                ["storage"] = id,
                ["type"] = "dir",
                ["path"] = directory.Path,
                ["content"] = "images",
                ["shared"] = "1",
            }, ct)).EnsureOk();
            return directory;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }
}
