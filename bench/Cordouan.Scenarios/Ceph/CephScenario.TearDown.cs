using Cordouan.Testing;

namespace Cordouan.Scenarios.Ceph;

public sealed partial class CephScenario
{
    /// <summary>
    /// Kills every process whose command line names this node's ceph.conf (the daemons outlive cordouand by design),
    /// waits until they are gone (bounded), then detaches the loop devices.
    /// </summary>
    private async Task TearDownAsync()
    {
        // cordouand's supervisor would start them again: KillAllAsync keeps killing until none is left (bounded).
        await ProcessesByArgument.KillAllAsync(Conf, TimeSpan.FromSeconds(30));
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }
        _devices.Clear();
    }
}
