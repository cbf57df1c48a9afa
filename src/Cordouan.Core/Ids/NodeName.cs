using System.Text.RegularExpressions;

namespace Cordouan.Core.Ids;

/// <summary>A node's name: a DNS label, as Proxmox requires.</summary>
public readonly partial record struct NodeName
{
    public NodeName(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"'{value}' is not a valid node name (letters, digits and '-', starting and ending with a letter or digit)", nameof(value));
        }
        Value = value;
    }

    public string Value { get; }

    public static bool IsValid(string? value) => value is not null && value.Length <= 63 && Pattern().IsMatch(value);

    public override string ToString() => Value;

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$")]
    private static partial Regex Pattern();
}
