using Cordouan.Access.Bootstrap;
using Cordouan.Daemon.Configuration;
using Microsoft.Extensions.Hosting;

namespace Cordouan.Daemon.Startup;

/// <summary>
/// Ensures <c>admin@pve</c> exists on first start. A generated password is written to DATA/admin-password (0600) and
/// printed once, on the console only (never to the log).
/// </summary>
public sealed class AdminBootstrapService(AdminBootstrap bootstrap, DaemonOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var output = Path.Combine(options.DataDirectory, "admin-password");
        var result = await bootstrap.EnsureAdminAsync(options.AdminPasswordFile, output, cancellationToken);
        if (result.Created && result.GeneratedPassword is not null)
        {
            await Console.Out.WriteLineAsync($"cordouand: created administrator admin@pve; its password is in {output} (shown once): {result.GeneratedPassword}");
        }
        else if (result.Created)
        {
            await Console.Out.WriteLineAsync($"cordouand: created administrator admin@pve with the password from {options.AdminPasswordFile}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
