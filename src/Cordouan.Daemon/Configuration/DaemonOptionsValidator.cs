using Cordouan.Core.Ids;
using Microsoft.Extensions.Options;

namespace Cordouan.Daemon.Configuration;

/// <summary>Reports every bad setting at once, so an operator fixes the config in one go.</summary>
public sealed class DaemonOptionsValidator : IValidateOptions<DaemonOptions>
{
    public ValidateOptionsResult Validate(string? name, DaemonOptions options)
    {
        var errors = new List<string>();
        if (!NodeName.IsValid(options.NodeName))
        {
            errors.Add($"node-name '{options.NodeName}' is not a valid node name (letters, digits and '-')");
        }
        if (!Path.IsPathRooted(options.DataDirectory))
        {
            errors.Add($"data-dir '{options.DataDirectory}' must be an absolute path");
        }
        var (host, port) = options.ListenEndpoint;
        if (port is <= 0 or > 65535 || !System.Net.IPAddress.TryParse(host, out _))
        {
            errors.Add($"listen '{options.Listen}' must be ADDR[:PORT] with an IP address");
        }
        if (options.AdminPasswordFile is { } file && !File.Exists(file))
        {
            errors.Add($"admin-password-file '{file}' does not exist");
        }
        foreach (var (setting, value) in new[] { ("address", options.Address), ("migration-address", options.MigrationAddress) })
        {
            if (value is not null && !System.Net.IPAddress.TryParse(value, out _))
            {
                errors.Add($"{setting} '{value}' must be an IP address");
            }
        }
        foreach (var url in options.EtcdEndpoints.Append(options.EtcdClientUrl).Append(options.EtcdPeerUrl))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"etcd URL '{url}' must be an absolute http(s) URL");
            }
        }
        if ((options.EtcdCertFile is null) != (options.EtcdKeyFile is null))
        {
            errors.Add("etcd-cert and etcd-key go together (the client certificate presented to etcd and its key)");
        }
        foreach (var (setting, value) in new[] { ("etcd-cacert", options.EtcdCaFile), ("etcd-cert", options.EtcdCertFile), ("etcd-key", options.EtcdKeyFile) })
        {
            if (value is not null && !File.Exists(value))
            {
                errors.Add($"{setting} '{value}' does not exist");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
