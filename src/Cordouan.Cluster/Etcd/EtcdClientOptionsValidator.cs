using Microsoft.Extensions.Options;

namespace Cordouan.Cluster.Etcd;

/// <summary>Checks <see cref="EtcdClientOptions"/> and reports every error at once.</summary>
public sealed class EtcdClientOptionsValidator : IValidateOptions<EtcdClientOptions>
{
    public ValidateOptionsResult Validate(string? name, EtcdClientOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, empty when valid.</summary>
    public static IReadOnlyList<string> Check(EtcdClientOptions options)
    {
        var errors = new List<string>();
        if (options.Endpoints.Count == 0)
        {
            errors.Add("etcd.endpoints: at least one endpoint is required");
        }
        foreach (var endpoint in options.Endpoints)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"etcd.endpoints: '{endpoint}' is not an http:// or https:// URL");
            }
            else if ((uri.Scheme == Uri.UriSchemeHttps) != options.Tls is not null)
            {
                errors.Add(options.Tls is null
                    ? $"etcd.endpoints: '{endpoint}' is https: give the client certificate, key and CA files (etcd.tls)"
                    : $"etcd.endpoints: '{endpoint}' is plain http while client certificates are configured: use https:// for every endpoint");
            }
        }
        Positive(errors, "etcd.requestTimeout", options.RequestTimeout);
        Positive(errors, "etcd.connectTimeout", options.ConnectTimeout);
        Positive(errors, "etcd.retryDelay", options.RetryDelay);
        if (options.MaxRetryDelay < options.RetryDelay)
        {
            errors.Add("etcd.maxRetryDelay: must not be shorter than etcd.retryDelay");
        }
        return errors;
    }

    private static void Positive(List<string> errors, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{field}: must be positive (got {value})");
        }
    }
}
