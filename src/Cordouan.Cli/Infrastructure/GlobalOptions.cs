using System.CommandLine;

namespace Cordouan.Cli.Infrastructure;

/// <summary>Options accepted by every command (before or after the subcommand).</summary>
public sealed class GlobalOptions
{
    public Option<string?> Server { get; } = new("--server", "-s")
    {
        Description = "Daemon address (host[:port] or https://host:8006); default: $CORD_SERVER, then the saved login",
        Recursive = true,
    };

    public Option<string?> Fingerprint { get; } = new("--fingerprint")
    {
        Description = "Trust the daemon's certificate only if its SHA-256 fingerprint is this (AA:BB:… or hex)",
        Recursive = true,
    };

    public Option<bool> Insecure { get; } = new("--insecure", "-k")
    {
        Description = "Accept any certificate (no verification)",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "text (tables) or json (the API's raw data)",
        Recursive = true,
        DefaultValueFactory = _ => OutputFormat.Text,
    };

    public void AddTo(Command command)
    {
        command.Add(Server);
        command.Add(Fingerprint);
        command.Add(Insecure);
        command.Add(Output);
        // Option validators, not command ones: a root-command validator does not run when a subcommand is invoked.
        Fingerprint.Validators.Add(result =>
        {
            var fingerprint = result.GetValueOrDefault<string?>();
            if (fingerprint is not null && !Client.Security.CertificateFingerprint.TryNormalize(fingerprint, out _))
            {
                result.AddError($"'{fingerprint}' is not a SHA-256 fingerprint (expected 32 hex pairs, e.g. AB:CD:…).");
            }
            else if (result.GetValue(Insecure))
            {
                result.AddError("--insecure and --fingerprint exclude each other.");
            }
        });
    }
}
