using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Cordouan.Daemon.Tests.Configuration;

/// <summary>A configuration that answers nothing and remembers every key read from it (what a binder binds).</summary>
internal sealed class RecordingConfiguration : IConfiguration
{
    public HashSet<string> Read { get; } = new(StringComparer.Ordinal);

    public string? this[string key]
    {
        get
        {
            Read.Add(key);
            return null;
        }
        set => throw new NotSupportedException();
    }

    public IEnumerable<IConfigurationSection> GetChildren() => throw new NotSupportedException("the binder must read keys one by one");

    public IChangeToken GetReloadToken() => throw new NotSupportedException();

    public IConfigurationSection GetSection(string key) => throw new NotSupportedException("the binder must read keys one by one");
}
