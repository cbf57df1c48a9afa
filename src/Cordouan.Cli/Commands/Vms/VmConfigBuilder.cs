namespace Cordouan.Cli.Commands.Vms;

/// <summary>Collects config keys in order; a later value for the same key replaces the earlier one (so <c>--set</c> wins).</summary>
public sealed class VmConfigBuilder
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    public VmConfigBuilder Set(string key, string? value)
    {
        if (value is null)
        {
            return this;
        }
        var index = _items.FindIndex(i => i.Key == key);
        if (index >= 0)
        {
            _items[index] = new(key, value);
        }
        else
        {
            _items.Add(new(key, value));
        }
        return this;
    }

    public VmConfigBuilder Set(string key, int? value) =>
        Set(key, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public VmConfigBuilder SetAll(IEnumerable<KeyValuePair<string, string>> items)
    {
        foreach (var (key, value) in items)
        {
            Set(key, value);
        }
        return this;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Build() => _items.ToArray();
}
