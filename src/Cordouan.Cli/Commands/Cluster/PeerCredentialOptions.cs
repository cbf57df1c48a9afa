using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Credentials;
using Cordouan.Client.Requests;
using Cordouan.Client.Security;
using Spectre.Console;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary>
/// <c>--user</c>, <c>--password-file</c> and <c>--token</c>: how the daemon authenticates to another one on our behalf
/// (join, witness add). The password is read from a file or prompted for without echo, never taken from the command line.
/// </summary>
public sealed class PeerCredentialOptions
{
    /// <summary>The server's default user for the peer's password.</summary>
    public const string DefaultUser = "admin@pve";

    public PeerCredentialOptions(Command command, string peerDescription)
    {
        User = new Option<string?>("--user", "-u")
        {
            Description = $"User on {peerDescription} whose password is asked for (default {DefaultUser})",
        };
        User.Validators.Add(result =>
        {
            var user = result.GetValueOrDefault<string?>();
            if (user is not null && (user.IndexOf('@', StringComparison.Ordinal) <= 0 || user.EndsWith('@')))
            {
                result.AddError($"'{user}' is not user@realm, e.g. {DefaultUser} or root@pam.");
            }
        });
        Token.Validators.Add(result =>
        {
            var token = result.GetValueOrDefault<string?>();
            try
            {
                _ = new ApiTokenCredentials(token ?? string.Empty);
            }
            catch (FormatException ex)
            {
                result.AddError($"--token: {ex.Message}");
            }
        });
        command.Add(User);
        command.Add(PasswordFile);
        command.Add(Token);
        command.Validators.Add(result =>
        {
            var hasToken = result.GetResult(Token) is not null;
            if (hasToken && result.GetResult(PasswordFile) is not null)
            {
                result.AddError("--password-file and --token exclude each other.");
            }
            if (hasToken && result.GetResult(User) is not null)
            {
                result.AddError("--user and --token exclude each other (a token names its own user).");
            }
        });
    }

    public Option<string?> User { get; }

    public Option<FileInfo?> PasswordFile { get; } = new("--password-file")
    {
        Description = "Read the password from the first line of this file instead of prompting",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Authenticate with this API token (user@realm!id=secret) instead of a password",
    };

    /// <summary>The peer to send: address, normalised fingerprint, and a token or the user with the password read now.</summary>
    public async Task<ClusterPeer> ReadPeerAsync(
        CommandSession session, ParseResult parseResult, string address, string fingerprint, CancellationToken cancellationToken)
    {
        var peer = new ClusterPeer { Hostname = address, Fingerprint = CertificateFingerprint.Normalize(fingerprint) };
        if (parseResult.GetValue(Token) is { } token)
        {
            return peer with { Token = token };
        }
        var user = parseResult.GetValue(User) ?? DefaultUser;
        var password = await ReadPasswordAsync(session, parseResult.GetValue(PasswordFile), $"Password of {user} on {address}:", cancellationToken);
        return peer with { Username = user, Password = password };
    }

    private static async Task<string> ReadPasswordAsync(CommandSession session, FileInfo? file, string prompt, CancellationToken cancellationToken)
    {
        string? password;
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CliUsageException($"Password file {file.FullName} does not exist.");
            }
            using var reader = file.OpenText();
            password = await reader.ReadLineAsync(cancellationToken);
        }
        else if (session.Environment.IsInputTerminal && session.Environment.IsOutputTerminal)
        {
            password = await session.Output.Console.PromptAsync(new TextPrompt<string>(Markup.Escape(prompt)).Secret(), cancellationToken);
        }
        else
        {
            password = await session.Environment.In.ReadLineAsync(cancellationToken);
        }
        return string.IsNullOrEmpty(password) ? throw new CliUsageException("The password is empty.") : password;
    }
}
