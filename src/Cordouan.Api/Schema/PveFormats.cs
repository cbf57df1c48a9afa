using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Cordouan.Api.Schema;

/// <summary>
/// The registered <c>format</c>s that are cheap to check, with the texts of their Proxmox verifiers (<c>PVE::JSONSchema</c>,
/// <c>PVE::AccessControl</c>, <c>PVE::Auth::Plugin</c>). <c>name-list</c> checks every item of <c>split_list</c>,
/// <c>name-opt</c> only a non-empty value. Unknown formats (property strings and the like) are left to the handlers.
/// </summary>
public static partial class PveFormats
{
    /// <summary>Null when <paramref name="value"/> is valid for <paramref name="format"/> (or the format is not checked here), else Proxmox's message.</summary>
    public static string? Check(string format, string value)
    {
        var kind = "none";
        var name = format;
        if (format.EndsWith("-list", StringComparison.Ordinal) && format != "pve-configid-list")
        {
            (name, kind) = (format[..^"-list".Length], "list");
        }
        else if (format.EndsWith("-opt", StringComparison.Ordinal))
        {
            (name, kind) = (format[..^"-opt".Length], "opt");
        }
        if (format == "pve-configid-list")
        {
            (name, kind) = ("pve-configid", "list");
        }
        if (!Verifiers.TryGetValue(name, out var verify))
        {
            return null;
        }
        return kind switch
        {
            "list" => PermissionEvaluator.SplitList(value).Select(verify).FirstOrDefault(e => e is not null),
            "opt" => value.Length == 0 ? null : verify(value),
            _ => verify(value),
        };
    }

    /// <summary>Whether the format is one this class checks (for tests and the bad-input generator).</summary>
    public static bool IsChecked(string format)
    {
        var name = format.EndsWith("-list", StringComparison.Ordinal) ? format[..^"-list".Length]
            : format.EndsWith("-opt", StringComparison.Ordinal) ? format[..^"-opt".Length] : format;
        return Verifiers.ContainsKey(name);
    }

    /// <summary><c>user@realm</c> as <c>verify_username</c>'s regex accepts it.</summary>
    public static bool IsUserId(string value) => UserId().IsMatch(value);

    private static readonly Dictionary<string, Func<string, string?>> Verifiers = new(StringComparer.Ordinal)
    {
        ["pve-vmid"] = v => VmId().IsMatch(v) ? null : "value does not look like a valid VM ID",
        ["pve-node"] = v => NodeName().IsMatch(v) ? null : "value does not look like a valid node name",
        ["pve-configid"] = v => ConfigId().IsMatch(v) ? null : $"invalid configuration ID '{v}'",
        ["pve-storage-id"] = v => Id(v, "storage"),
        ["pve-bridge-id"] = v => BridgeId().IsMatch(v) ? null : $"invalid bridge ID '{v}'",
        ["pve-realm"] = v => Realm().IsMatch(v) ? null : "value does not look like a valid realm",
        ["pve-userid"] = UserName,
        ["pve-tokenid"] = v => TokenId().IsMatch(v) ? null : $"value '{v}' does not look like a valid token ID",
        ["pve-groupid"] = v => GroupName().IsMatch(v) ? null : $"group name '{v}' contains invalid characters",
        ["pve-roleid"] = v => GroupName().IsMatch(v) ? null : $"role name '{v}' contains invalid characters",
        ["pve-poolid"] = PoolName,
        ["pve-iface"] = v => Iface().IsMatch(v) ? null : $"invalid network interface name '{v}'",
        ["email"] = v => Email().IsMatch(v) ? null : "value does not look like a valid email address",
        ["email-or-username"] = v => Email().IsMatch(v) || EmailUser().IsMatch(v) ? null : "value does not look like a valid email address or user name",
        ["dns-name"] = v => DnsName().IsMatch(v) ? null : "value does not look like a valid DNS name",
        ["mac-addr"] = v => MacAddress().IsMatch(v) ? null : "value does not look like a valid unicast MAC address",
        ["ipv4"] = v => IsIp(v, AddressFamily.InterNetwork) ? null : "value does not look like a valid IPv4 address",
        ["ipv6"] = v => IsIp(v, AddressFamily.InterNetworkV6) ? null : "value does not look like a valid IPv6 address",
        ["ip"] = v => IsIp(v, null) ? null : "value does not look like a valid IP address",
        ["urlencoded"] = v => UrlEncoded().IsMatch(v) ? null : $"invalid urlencoded string: {v}",
        ["pve-tag"] = v => Tag().IsMatch(v) ? null : "invalid characters in tag",
    };

    private static string? Id(string id, string type) =>
        id.Length < 2 ? $"{type} ID '{id}' cannot be shorter than 2 characters"
        : StorageId().IsMatch(id) ? null : $"{type} ID '{id}' contains illegal characters";

    private static string? UserName(string v) =>
        v.Length < 3 ? $"user name '{v}' is too short"
        : v.Length > 64 ? $"user name '{v}' is too long ({v.Length} > 64)"
        : IsUserId(v) ? null : $"value '{v}' does not look like a valid user name";

    private static string? PoolName(string v) =>
        v.Split('/').Length > 3 ? $"pool name '{v}' nested too deeply (max levels = 3)"
        : PoolId().IsMatch(v) ? null : $"pool name '{v}' contains invalid characters";

    private static bool IsIp(string value, AddressFamily? family) =>
        IpText().IsMatch(value) && IPAddress.TryParse(value, out var address) && (family is null || address.AddressFamily == family)
        && (address.AddressFamily != AddressFamily.InterNetwork || value.Split('.').Length == 4);

    [GeneratedRegex(@"^[1-9][0-9]{2,8}\z")]
    private static partial Regex VmId();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9\-]*[a-zA-Z0-9])?)\z")]
    private static partial Regex NodeName();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9_-]+\z")]
    private static partial Regex ConfigId();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9\-_.]*[a-zA-Z0-9]\z")]
    private static partial Regex StorageId();

    [GeneratedRegex(@"^[-_.a-zA-Z0-9]+\z")]
    private static partial Regex BridgeId();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9.\-_]+\z")]
    private static partial Regex Realm();

    [GeneratedRegex(@"^[^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+\z")]
    private static partial Regex UserId();

    [GeneratedRegex(@"^[^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+![A-Za-z][A-Za-z0-9.\-_]+\z")]
    private static partial Regex TokenId();

    [GeneratedRegex(@"^[A-Za-z0-9.\-_]+\z")]
    private static partial Regex GroupName();

    [GeneratedRegex(@"^[A-Za-z0-9.\-_]+(?:/[A-Za-z0-9.\-_]+){0,2}\z")]
    private static partial Regex PoolId();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9_]{1,20}(?:[:.][0-9]+)?\z")]
    private static partial Regex Iface();

    [GeneratedRegex(@"^[\w+\-~]+(?:\.[\w+\-~]+)*@[a-zA-Z0-9\-]+(?:\.[a-zA-Z0-9\-]+)*\z")]
    private static partial Regex Email();

    [GeneratedRegex(@"^[\w+\-~]+(?:\.[\w+\-~]+)*\z")]
    private static partial Regex EmailUser();

    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9\-]*[a-zA-Z0-9])?)\.)*(?:[a-zA-Z0-9](?:[a-zA-Z0-9\-]*[a-zA-Z0-9])?)\z")]
    private static partial Regex DnsName();

    [GeneratedRegex(@"^[a-fA-F0-9][02468aceACE](?::[a-fA-F0-9]{2}){5}\z")]
    private static partial Regex MacAddress();

    [GeneratedRegex(@"^[0-9a-fA-F.:]+\z")]
    private static partial Regex IpText();

    [GeneratedRegex(@"^[-%a-zA-Z0-9_.!~*'()]*\z")]
    private static partial Regex UrlEncoded();

    [GeneratedRegex(@"^[a-z0-9_][a-z0-9_\-+.]*\z", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();
}
