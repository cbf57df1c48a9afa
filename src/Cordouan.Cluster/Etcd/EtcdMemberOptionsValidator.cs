using Microsoft.Extensions.Options;

namespace Cordouan.Cluster.Etcd;

/// <summary>Checks <see cref="EtcdMemberOptions"/> and reports every error at once.</summary>
public sealed class EtcdMemberOptionsValidator : IValidateOptions<EtcdMemberOptions>
{
    public ValidateOptionsResult Validate(string? name, EtcdMemberOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, empty when valid.</summary>
    public static IReadOnlyList<string> Check(EtcdMemberOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name) || options.Name.Contains('=') || options.Name.Contains(','))
        {
            errors.Add($"etcd.member.name: '{options.Name}' must be non-empty without '=' or ','");
        }
        if (string.IsNullOrWhiteSpace(options.DataDirectory) || !Path.IsPathRooted(options.DataDirectory))
        {
            errors.Add($"etcd.member.dataDirectory: '{options.DataDirectory}' must be an absolute path");
        }
        Urls(errors, "etcd.member.clientUrl", options.ClientUrl);
        Urls(errors, "etcd.member.peerUrl", options.PeerUrl);
        var httpsPeers = options.PeerUrl.StartsWith("https://", StringComparison.Ordinal);
        if (httpsPeers != options.PeerTls is not null)
        {
            errors.Add(httpsPeers
                ? $"etcd.member.peerTls: the https peer URL '{options.PeerUrl}' needs peer certificate files"
                : $"etcd.member.peerTls: peer certificates need an https peer URL, not '{options.PeerUrl}'");
        }
        var clientSchemes = options.ClientUrl.Split(',').Select(u => u.Trim().StartsWith("https://", StringComparison.Ordinal)).Distinct().ToList();
        if (clientSchemes.Count > 1)
        {
            errors.Add($"etcd.member.clientUrl: '{options.ClientUrl}' mixes http and https URLs (one plain URL would open the store to every local process)");
        }
        else if (clientSchemes[0] != options.ClientTls is not null)
        {
            errors.Add(clientSchemes[0]
                ? $"etcd.member.clientTls: the https client URL '{options.ClientUrl}' needs certificate files"
                : $"etcd.member.clientTls: client certificates need an https client URL, not '{options.ClientUrl}'");
        }
        if (options.InitialClusterState is not ("new" or "existing"))
        {
            errors.Add($"etcd.member.initialClusterState: '{options.InitialClusterState}' must be 'new' or 'existing'");
        }
        if (options.InitialCluster is { } cluster && !cluster.Split(',').Any(m => m.Trim().StartsWith(options.Name + "=", StringComparison.Ordinal)))
        {
            errors.Add($"etcd.member.initialCluster: '{cluster}' does not list this member '{options.Name}'");
        }
        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            errors.Add("etcd.member.heartbeatInterval: must be positive");
        }
        if (options.ElectionTimeout < options.HeartbeatInterval * 5)
        {
            errors.Add("etcd.member.electionTimeout: must be at least 5 heartbeat intervals (etcd refuses less)");
        }
        if (options.QuotaBackendBytes <= 0)
        {
            errors.Add("etcd.member.quotaBackendBytes: must be positive");
        }
        foreach (var (field, value) in new[]
        {
            ("startTimeout", options.StartTimeout), ("stopTimeout", options.StopTimeout),
            ("restartDelay", options.RestartDelay), ("maxRestartDelay", options.MaxRestartDelay),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"etcd.member.{field}: must be positive");
            }
        }
        return errors;
    }

    // https means mutual TLS with the cluster CA; plain http only where the operator asked for it.
    private static void Urls(List<string> errors, string field, string value)
    {
        foreach (var url in value.Split(','))
        {
            var schemeOk = Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
            if (!schemeOk || uri!.IsDefaultPort)
            {
                errors.Add($"{field}: '{url}' must be an http:// or https:// URL with an explicit port");
            }
        }
    }
}
