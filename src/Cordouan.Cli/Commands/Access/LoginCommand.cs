using System.CommandLine;
using Cordouan.Cli.Configuration;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client;
using Spectre.Console;

namespace Cordouan.Cli.Commands.Access;

/// <summary><c>cord login</c>: gets a ticket and saves server, certificate pin, user and ticket for later commands.</summary>
public sealed class LoginCommand : Command
{
    private readonly CliHost _host;

    private readonly Option<string?> _user = new("--user", "-u")
    {
        Description = "User to log in as, user@realm (default: the saved one)",
    };

    private readonly Option<FileInfo?> _passwordFile = new("--password-file")
    {
        Description = "Read the password from the first line of this file instead of prompting",
    };

    public LoginCommand(CliHost host)
        : base("login", "Log in to a daemon and save the session (server, certificate fingerprint, ticket)")
    {
        _host = host;
        Add(_user);
        Add(_passwordFile);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var target = session.ResolveTarget();
        var user = parseResult.GetValue(_user) ?? target.SavedLogin?.Username
            ?? throw new CliUsageException("Pass --user user@realm.");
        if (!user.Contains('@', StringComparison.Ordinal))
        {
            throw new CliUsageException($"'{user}' lacks a realm: use user@realm, e.g. root@pam or admin@pve.");
        }
        var password = await ReadPasswordAsync(session, parseResult.GetValue(_passwordFile), user, cancellationToken);
        using var client = session.CreateClient(target, credentials: null);
        var credentials = await client.LoginAsync(user, password, cancellationToken);
        session.ConfigStore.Save(new CordConfig
        {
            Server = ServerAddress.Format(target.Server),
            Fingerprint = target.Fingerprint,
            Insecure = target.Insecure,
            Username = credentials.Username,
            Ticket = credentials.Ticket,
            CsrfPreventionToken = credentials.CsrfPreventionToken,
            TicketIssuedAt = session.Environment.Time.GetUtcNow(),
        });
        if (session.Output.IsJson)
        {
            session.Output.WriteJson(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("username", credentials.Username);
                writer.WriteString("server", target.Server.ToString());
                writer.WriteString("config", session.ConfigStore.Path);
                writer.WriteEndObject();
            });
        }
        else
        {
            session.Output.WriteLine($"Logged in to {target.Server} as {credentials.Username} (session saved in {session.ConfigStore.Path}).");
        }
        return ExitCodes.Success;
    }

    private static async Task<string> ReadPasswordAsync(CommandSession session, FileInfo? file, string user, CancellationToken cancellationToken)
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
            password = await session.Output.Console.PromptAsync(new TextPrompt<string>($"Password for {Markup.Escape(user)}:").Secret(), cancellationToken);
        }
        else
        {
            password = await session.Environment.In.ReadLineAsync(cancellationToken);
        }
        return string.IsNullOrEmpty(password) ? throw new CliUsageException("The password is empty.") : password;
    }
}
