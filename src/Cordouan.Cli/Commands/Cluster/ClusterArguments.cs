using System.CommandLine;
using System.Text.RegularExpressions;
using Cordouan.Client;
using Cordouan.Client.Security;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary>Shared argument shapes of the cluster membership commands, checked while parsing.</summary>
public static partial class ClusterArguments
{
    /// <summary>PVE limits cluster names to 15 characters (corosync's limit, kept for compatibility).</summary>
    public const int MaxClusterNameLength = 15;

    public const int MaxNodeNameLength = 63;

    /// <summary>A cluster name: letters, digits and inner dashes, at most 15 characters (PVE's <c>clustername</c>).</summary>
    public static Argument<string> ClusterName()
    {
        var argument = new Argument<string>("name") { Description = $"Cluster name: letters, digits and dashes, at most {MaxClusterNameLength} characters" };
        argument.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string>();
            if (!IsHostLabel(name, MaxClusterNameLength))
            {
                result.AddError($"'{name}' is not a cluster name (letters, digits and inner dashes, at most {MaxClusterNameLength} characters).");
            }
        });
        return argument;
    }

    /// <summary>A node name argument (a host name label).</summary>
    public static Argument<string> NodeName(string description)
    {
        var argument = new Argument<string>("node") { Description = description };
        argument.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string>();
            if (!IsHostLabel(name, MaxNodeNameLength))
            {
                result.AddError($"'{name}' is not a node name (letters, digits and inner dashes).");
            }
        });
        return argument;
    }

    /// <summary>The API address of another daemon, <c>host[:port]</c> (an <c>https://</c> prefix is accepted).</summary>
    public static Argument<string> PeerAddress(string description)
    {
        var argument = new Argument<string>("address") { Description = description };
        argument.Validators.Add(result =>
        {
            if (!TryNormalizePeerAddress(result.GetValueOrDefault<string>(), out _, out var error))
            {
                result.AddError(error);
            }
        });
        return argument;
    }

    /// <summary>
    /// The required <c>--fingerprint</c> of the peer's certificate. It shadows the global option of the same name, so on
    /// these commands the daemon you talk to is pinned only through the saved login or <c>$CORD_FINGERPRINT</c>.
    /// </summary>
    public static Option<string> PeerFingerprint(string whose)
    {
        var option = new Option<string>("--fingerprint")
        {
            Description = $"SHA-256 fingerprint (AA:BB:…) of {whose}'s certificate; required. (Here it does not pin the daemon you talk to: " +
                "that comes from the saved login or $CORD_FINGERPRINT.)",
            Required = true,
        };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!CertificateFingerprint.TryNormalize(text, out _))
            {
                result.AddError($"'{text}' is not a SHA-256 fingerprint (expected 32 hex pairs, e.g. AB:CD:…).");
            }
        });
        return option;
    }

    /// <summary><c>host[:port]</c> as sent to the server: scheme and path dropped, port 8006 spelled out when not given.</summary>
    public static bool TryNormalizePeerAddress(string? text, out string address, out string error)
    {
        address = string.Empty;
        error = string.Empty;
        var trimmed = (text ?? string.Empty).Trim();
        var bare = (trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? trimmed["https://".Length..] : trimmed).TrimEnd('/');
        if (bare.Length == 0 || bare.IndexOfAny(['/', '?', '#', '@', ' ', '\t']) >= 0)
        {
            error = $"'{text}' is not an address: expected host[:port], e.g. 10.0.0.1 or node1:8006.";
            return false;
        }
        try
        {
            var uri = ServerAddress.Normalize(bare);
            address = $"{uri.Host}:{uri.Port}";
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static bool IsHostLabel(string? name, int maxLength) =>
        name is { Length: > 0 } && name.Length <= maxLength && HostLabel().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostLabel();
}
