using System.Globalization;
using System.Text;
using System.Text.Json;
using Cordouan.Core.Errors;
using Cordouan.Storage.Rbd.Json;

namespace Cordouan.Storage.Rbd;

public sealed partial class RbdCommands
{
    /// <summary>The clients watching an image: every librbd (a QEMU, an rbd command) that has it open.</summary>
    public async Task<RbdStatus> StatusAsync(RbdConnection client, string pool, string image, CancellationToken cancellationToken) =>
        Parse(await RunAsync(RbdArgv(client, "status", "--format", "json", ImageSpec(pool, image)), cancellationToken), RbdJsonContext.Default.RbdStatus, "rbd status");

    /// <summary>
    /// <c>ceph osd blocklist add ADDR SECONDS</c>: the monitors commit a new OSD map in which that client is refused;
    /// any OSD learns it before serving a client that saw the new map (every client sends its map epoch).
    /// </summary>
    public Task BlocklistAddAsync(RbdConnection client, string address, TimeSpan duration, CancellationToken cancellationToken) =>
        RunAsync(BlocklistAddArgv(client, address, duration), cancellationToken);

    /// <summary>Pure; unit tested.</summary>
    public IReadOnlyList<string> BlocklistAddArgv(RbdConnection client, string address, TimeSpan duration) =>
        CephArgv(client, "osd", "blocklist", "add", address, ((long)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture));

    public async Task<IReadOnlyList<CephBlocklistEntry>> BlocklistAsync(RbdConnection client, CancellationToken cancellationToken) =>
        ParseBlocklist(await RunAsync(CephArgv(client, "osd", "blocklist", "ls", "--format", "json"), cancellationToken));

    /// <summary>
    /// Ceph 16.2.15 prints two JSON arrays one after the other (address entries, then range entries): every array is
    /// read and only rows naming an address are kept (pure; unit tested).
    /// </summary>
    public static IReadOnlyList<CephBlocklistEntry> ParseBlocklist(string output)
    {
        var entries = new List<CephBlocklistEntry>();
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                var rows = JsonSerializer.Deserialize(ref reader, RbdJsonContext.Default.IReadOnlyListCephBlocklistEntry) ?? [];
                entries.AddRange(rows.Where(r => r?.Address is { Length: > 0 }));
            }
        }
        catch (JsonException e)
        {
            throw new CordouanException($"Failed to read the output of 'ceph osd blocklist ls': {e.Message}", e);
        }
        return entries;
    }
}
