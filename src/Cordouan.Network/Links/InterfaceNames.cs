using System.Text.RegularExpressions;

namespace Cordouan.Network.Links;

/// <summary>Linux interface names: 1 to 15 characters (IFNAMSIZ - 1) of letters, digits, '-', '_' and '.', never '.' or '..'.</summary>
public static partial class InterfaceNames
{
    public static bool IsValid(string name) => NamePattern().IsMatch(name) && name is not "." and not "..";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,15}$")]
    private static partial Regex NamePattern();
}
