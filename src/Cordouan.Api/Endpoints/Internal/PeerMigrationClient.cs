using System.Net.Http.Json;
using System.Text.Json;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Vms.Migration.Live;

namespace Cordouan.Api.Endpoints.Internal;

/// <summary><see cref="IMigrationPeer"/> over the peers' internal endpoints (<see cref="InternalPaths.Migration"/>).</summary>
public sealed class PeerMigrationClient(PeerHttpClient peers) : IMigrationPeer
{
    public async Task<IncomingOffer> PrepareAsync(string target, IncomingRequest request, CancellationToken cancellationToken)
    {
        var uri = await peers.UriAsync(target, InternalPaths.Migration(new VmId(request.VmId)), cancellationToken);
        using var message = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(request, MigrationWireJsonContext.Default.IncomingRequest),
        };
        var data = await peers.SendAsync($"prepare node '{target}' for VM {request.VmId}", message, cancellationToken)
            ?? throw new CordouanException($"node '{target}' answered the incoming migration of VM {request.VmId} without an offer");
        return data.Deserialize(MigrationWireJsonContext.Default.IncomingOffer)
            ?? throw new CordouanException($"node '{target}' answered the incoming migration of VM {request.VmId} without an offer");
    }

    public async Task ResumeAsync(string target, VmId vmId, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, await peers.UriAsync(target, InternalPaths.Migration(vmId) + "/resume", cancellationToken));
        await peers.SendAsync($"resume VM {vmId} on node '{target}'", message, cancellationToken);
    }

    public async Task AbortAsync(string target, VmId vmId, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Delete, await peers.UriAsync(target, InternalPaths.Migration(vmId), cancellationToken));
        await peers.SendAsync($"abort the incoming migration of VM {vmId} on node '{target}'", message, cancellationToken);
    }
}
