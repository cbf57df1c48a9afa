using Cordouan.Core.Errors;

namespace Cordouan.Node.Config;

/// <summary>Validates a set of requested config keys at once, reporting every bad field in one error.</summary>
public static class ConfigValidator
{
    public static Dictionary<string, string> ValidateAll(IReadOnlyDictionary<string, string> requested)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in requested)
        {
            var error = VmConfigSchema.Validate(key, value, out var normalized);
            if (error is null && DiskConfig.IsDiskKey(key))
            {
                try
                {
                    DiskConfig.Parse(key, value);
                }
                catch (FormatException e)
                {
                    error = e.Message;
                }
            }
            if (error is not null)
            {
                errors[key] = error;
            }
            else
            {
                config[key] = normalized;
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        return config;
    }
}
