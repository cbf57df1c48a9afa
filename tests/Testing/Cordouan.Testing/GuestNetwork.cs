namespace Cordouan.Testing;

/// <summary>
/// The test guest's network checks (see <c>scripts/build-test-guest.sh</c>): a command typed on its serial console,
/// answered by a <c>NET-…</c> line. Each call waits for the answer printed after the command was sent.
/// </summary>
public sealed class GuestNetwork(SerialConsole console)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Brings <paramref name="nic"/> up with a static address; throws unless the guest reports success.</summary>
    public async Task SetAddressAsync(string nic, string cidr, CancellationToken cancellationToken)
    {
        var answer = await AskAsync($"NET-IP {nic} {cidr}", "NET-IP-", cancellationToken);
        if (!answer.StartsWith("NET-IP-OK", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Guest could not set {cidr} on {nic}: {answer}");
        }
    }

    /// <summary>Asks the guest to lease an address by DHCP on <paramref name="nic"/>; the CIDR it got, or null when it got none.</summary>
    public async Task<string?> DhcpAsync(string nic, CancellationToken cancellationToken)
    {
        var answer = await AskAsync($"NET-DHCP {nic}", "NET-DHCP-", cancellationToken);
        return answer.StartsWith("NET-DHCP-OK", StringComparison.Ordinal) ? answer.Split(' ')[2] : null;
    }

    /// <summary>True when the guest got an echo reply from <paramref name="address"/> within <paramref name="seconds"/>.</summary>
    public async Task<bool> PingAsync(string address, CancellationToken cancellationToken, int seconds = 6)
    {
        var answer = await AskAsync($"NET-PING {address} {seconds}", $"NET-PING-", cancellationToken, l => l.EndsWith(" " + address, StringComparison.Ordinal));
        return answer.StartsWith("NET-PING-OK", StringComparison.Ordinal);
    }

    /// <summary>The guest's NICs as name → MAC (lowercase, as the kernel prints it).</summary>
    public async Task<IReadOnlyDictionary<string, string>> NicsAsync(CancellationToken cancellationToken)
    {
        var answer = await AskAsync("NET-NICS", "NET-NICS", cancellationToken);
        return answer["NET-NICS".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    private async Task<string> AskAsync(string command, string prefix, CancellationToken cancellationToken, Func<string, bool>? also = null)
    {
        var mark = console.LineCount;
        await console.SendLineAsync(command, cancellationToken);
        return await console.WaitForLineAsync(
            $"the answer to '{command}'", l => l.StartsWith(prefix, StringComparison.Ordinal) && (also is null || also(l)), mark, AnswerTimeout, cancellationToken);
    }
}
