using Cordouan.Client.Credentials;

namespace Cordouan.Client;

/// <summary>Where the daemon is, how to trust its certificate and how to authenticate.</summary>
public sealed record CordouanClientOptions
{
    /// <summary>The daemon, e.g. <c>https://node1:8006/</c> (see <see cref="ServerAddress.Normalize"/>); <c>/api2/json/</c> is appended.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Pinned SHA-256 fingerprint of the daemon's certificate (<c>AA:BB:…</c> or plain hex).</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Accept any certificate. Only with an explicit user choice (<c>--insecure</c>).</summary>
    public bool Insecure { get; init; }

    /// <summary>Ticket or API token; may also be set later by <see cref="CordouanClient.LoginAsync"/>.</summary>
    public CordouanCredentials? Credentials { get; init; }

    /// <summary>Limit for one HTTP request (task waits have their own timeout).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often <see cref="CordouanClient.WaitForTaskAsync(string, string, IProgress{Tasks.TaskProgress}?, TimeSpan, CancellationToken)"/> polls.</summary>
    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
