using System.Text.RegularExpressions;
using Cordouan.Core.Errors;

namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// Proxmox's <c>targetstorage</c>: <c>sid</c> maps every source storage to <c>sid</c>, <c>src:dst,…</c> maps pairs
/// (a lone <c>sid</c> among them is the default for the rest), <c>1</c> maps each storage to itself (the default).
/// </summary>
public sealed partial class TargetStorageMap
{
    private readonly Dictionary<string, string> _pairs;
    private readonly string? _default;

    private TargetStorageMap(Dictionary<string, string> pairs, string? fallback)
    {
        _pairs = pairs;
        _default = fallback;
    }

    /// <summary>Every storage to itself.</summary>
    public static TargetStorageMap Identity { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), null);

    /// <summary>Parses the parameter; throws <see cref="ValidationException"/> on field <c>targetstorage</c>.</summary>
    public static TargetStorageMap Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text == "1")
        {
            return Identity;
        }
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? fallback = null;
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            if (parts.Length > 2 || parts.Any(p => !StorageId().IsMatch(p)))
            {
                throw new ValidationException("targetstorage", $"invalid format - value '{item}' is not a storage id or a 'source:target' pair");
            }
            if (parts.Length == 1)
            {
                if (fallback is not null)
                {
                    throw new ValidationException("targetstorage", "invalid format - more than one default target storage");
                }
                fallback = parts[0];
            }
            else if (!pairs.TryAdd(parts[0], parts[1]))
            {
                throw new ValidationException("targetstorage", $"invalid format - source storage '{parts[0]}' is mapped twice");
            }
        }
        return new TargetStorageMap(pairs, fallback);
    }

    /// <summary>The target storage for volumes of <paramref name="sourceStorage"/>.</summary>
    public string Map(string sourceStorage) => _pairs.GetValueOrDefault(sourceStorage) ?? _default ?? sourceStorage;

    /// <summary>Proxmox's <c>pve-storage-id</c> format.</summary>
    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9\\-_.]*[a-zA-Z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex StorageId();
}
