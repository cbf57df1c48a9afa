using Cordouan.Core.Errors;
using Microsoft.Extensions.Options;

namespace Cordouan.Qemu;

/// <summary>Checks <see cref="QemuOptions"/> and reports every problem at once.</summary>
public sealed class QemuOptionsValidator : IValidateOptions<QemuOptions>
{
    public ValidateOptionsResult Validate(string? name, QemuOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => $"{e.Key}: {e.Value}"));
    }

    /// <summary>Throws <see cref="ValidationException"/> listing every invalid field.</summary>
    public static void ThrowIfInvalid(QemuOptions options)
    {
        var errors = Errors(options);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private static Dictionary<string, string> Errors(QemuOptions options)
    {
        var errors = new Dictionary<string, string>();
        if (!Path.IsPathFullyQualified(options.RunDirectory))
        {
            errors[nameof(options.RunDirectory)] = $"must be an absolute path, got '{options.RunDirectory}'";
        }
        // Room for "/<vmid>/serial0.sock" within the 107-byte unix socket path limit.
        else if (options.RunDirectory.Length > 80)
        {
            errors[nameof(options.RunDirectory)] = "must be at most 80 characters (unix socket paths are limited to 107 bytes)";
        }
        if (string.IsNullOrWhiteSpace(options.QemuBinary))
        {
            errors[nameof(options.QemuBinary)] = "must not be empty";
        }
        foreach (var (field, value) in new[]
                 {
                     (nameof(options.StartTimeout), options.StartTimeout),
                     (nameof(options.MonitorTimeout), options.MonitorTimeout),
                     (nameof(options.KillTimeout), options.KillTimeout),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                errors[field] = "must be positive";
            }
        }
        return errors;
    }
}
