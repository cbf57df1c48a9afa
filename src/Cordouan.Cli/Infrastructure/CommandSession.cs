using System.CommandLine;
using Cordouan.Cli.Configuration;
using Cordouan.Client;
using Cordouan.Client.Credentials;
using Cordouan.Client.Security;

namespace Cordouan.Cli.Infrastructure;

/// <summary>
/// One command invocation: resolves the server (<c>--server</c>, <c>$CORD_SERVER</c>, the saved login), its trust
/// (<c>--fingerprint</c>, <c>--insecure</c>, saved pin) and credentials (<c>$CORD_TOKEN</c>, else the saved ticket,
/// renewed when older than an hour), and hands out a connected client.
/// </summary>
public sealed class CommandSession : IDisposable
{
    /// <summary>Saved tickets are renewed once they are this old.</summary>
    public static readonly TimeSpan RenewAfter = TimeSpan.FromHours(1);

    private readonly CliHost _host;
    private readonly ParseResult _parseResult;
    private CordouanClient? _client;

    public CommandSession(CliHost host, ParseResult parseResult)
    {
        _host = host;
        _parseResult = parseResult;
        Output = new CommandOutput(host.Environment, parseResult.GetValue(host.Globals.Output));
    }

    public CommandOutput Output { get; }

    public CliEnvironment Environment => _host.Environment;

    public CordConfigStore ConfigStore => _host.ConfigStore;

    /// <summary>Server, trust settings and the saved login if it belongs to that server.</summary>
    public ConnectionTarget ResolveTarget()
    {
        var saved = ConfigStore.Load();
        var serverText = _parseResult.GetValue(_host.Globals.Server)
            ?? NonEmpty(Environment.GetVariable("CORD_SERVER"))
            ?? saved?.Server
            ?? throw new CliUsageException("No server given: pass --server, set CORD_SERVER, or run 'cord login --server <address>' first.");
        Uri server;
        try
        {
            server = ServerAddress.Normalize(serverText);
        }
        catch (FormatException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        var matchingSave = saved is not null && SameServer(saved.Server, server) ? saved : null;
        var fingerprintText = _parseResult.GetValue(_host.Globals.Fingerprint) ?? NonEmpty(Environment.GetVariable("CORD_FINGERPRINT"));
        var insecure = _parseResult.GetValue(_host.Globals.Insecure);
        string? fingerprint = null;
        if (fingerprintText is not null)
        {
            fingerprint = CertificateFingerprint.TryNormalize(fingerprintText, out var normalized)
                ? normalized
                : throw new CliUsageException($"'{fingerprintText}' is not a SHA-256 fingerprint (expected 32 hex pairs).");
        }
        else if (!insecure && matchingSave is not null)
        {
            fingerprint = matchingSave.Fingerprint;
            insecure = matchingSave.Insecure;
        }
        return new ConnectionTarget(server, fingerprint, insecure, matchingSave);
    }

    /// <summary>A client with credentials, connected lazily on first request; renews a saved ticket older than an hour.</summary>
    public async Task<CordouanClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            return _client;
        }
        var target = ResolveTarget();
        CordouanCredentials credentials;
        if (NonEmpty(Environment.GetVariable("CORD_TOKEN")) is { } token)
        {
            try
            {
                credentials = new ApiTokenCredentials(token);
            }
            catch (FormatException ex)
            {
                throw new CliUsageException($"CORD_TOKEN: {ex.Message}");
            }
        }
        else if (target.SavedLogin is { Username: { } user, Ticket: { } ticket, CsrfPreventionToken: { } csrf })
        {
            credentials = new TicketCredentials(user, ticket, csrf);
        }
        else
        {
            throw new CliUsageException($"Not logged in to {target.Server}: run 'cord login --server {target.Server} --user <user@realm>' or set CORD_TOKEN.");
        }
        _client = CreateClient(target, credentials);
        if (credentials is TicketCredentials current && target.SavedLogin is { } saved)
        {
            await RenewIfOldAsync(_client, current, saved, cancellationToken);
        }
        return _client;
    }

    /// <summary>A client for <paramref name="target"/> with the given credentials (none for login).</summary>
    public CordouanClient CreateClient(ConnectionTarget target, CordouanCredentials? credentials) =>
        new(new CordouanClientOptions
        {
            BaseAddress = target.Server,
            Fingerprint = target.Fingerprint,
            Insecure = target.Insecure,
            Credentials = credentials,
            TimeProvider = Environment.Time,
        });

    public void Dispose() => _client?.Dispose();

    private async Task RenewIfOldAsync(CordouanClient client, TicketCredentials current, CordConfig saved, CancellationToken cancellationToken)
    {
        DateTimeOffset issuedAt;
        if (saved.TicketIssuedAt is { } savedAt)
        {
            issuedAt = savedAt;
        }
        else if (!current.TryGetIssuedAt(out issuedAt))
        {
            return;
        }
        var now = Environment.Time.GetUtcNow();
        var age = now - issuedAt;
        if (age < RenewAfter)
        {
            return;
        }
        if (age >= TicketCredentials.Lifetime)
        {
            throw new CliUsageException($"The saved login for {saved.Server} has expired: run 'cord login' again.");
        }
        var renewed = await client.RenewTicketAsync(cancellationToken);
        ConfigStore.Save(saved with
        {
            Username = renewed.Username,
            Ticket = renewed.Ticket,
            CsrfPreventionToken = renewed.CsrfPreventionToken,
            TicketIssuedAt = now,
        });
    }

    private static bool SameServer(string saved, Uri server)
    {
        try
        {
            return ServerAddress.Normalize(saved) == server;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
