namespace Cordouan.Node.Config;

/// <summary>
/// Proxmox property strings: <c>k=v</c> pairs separated by commas, where the default key may omit <c>k=</c>
/// (<c>local:100/vm-100-disk-0.qcow2,size=4G</c>). Order is kept as written.
/// </summary>
public static class PropertyString
{
    /// <summary>Splits a property string into pairs; a bare element gets <paramref name="defaultKey"/> (error if none or used twice).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text, string? defaultKey)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                if (defaultKey is null || result.Exists(p => p.Key == defaultKey))
                {
                    throw new FormatException($"value without key, but schema does not define a default key ('{part}')");
                }
                result.Add(new(defaultKey, part));
                continue;
            }
            var key = part[..eq].Trim();
            if (result.Exists(p => p.Key == key))
            {
                throw new FormatException($"duplicate key in comma-separated list property: {key}");
            }
            result.Add(new(key, part[(eq + 1)..].Trim()));
        }
        return result;
    }

    /// <summary>Prints the canonical form: the leading value first (without key), then the other pairs sorted by key.</summary>
    public static string Format(string? leading, IEnumerable<KeyValuePair<string, string>> options)
    {
        var parts = new List<string>();
        if (leading is not null)
        {
            parts.Add(leading);
        }
        parts.AddRange(options.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return string.Join(',', parts);
    }
}
