using Cordouan.Cli.Configuration;

namespace Cordouan.Cli.Infrastructure;

/// <summary>The daemon a command talks to, how its certificate is trusted, and the saved login for it (if any).</summary>
public sealed record ConnectionTarget(Uri Server, string? Fingerprint, bool Insecure, CordConfig? SavedLogin);
