using System.Globalization;

namespace Cordouan.Client.Requests;

/// <summary>Builds a parameter list the way PVE expects it: booleans as <c>1</c>/<c>0</c>, numbers in invariant decimal, unset values left out.</summary>
public sealed class RequestParameters
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    public RequestParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            _items.Add(new(name, value));
        }
        return this;
    }

    public RequestParameters Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public RequestParameters Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "1" : "0");

    public RequestParameters AddRange(IEnumerable<KeyValuePair<string, string>>? items)
    {
        if (items is not null)
        {
            _items.AddRange(items);
        }
        return this;
    }

    public IReadOnlyList<KeyValuePair<string, string>> ToList() => _items.ToArray();
}
