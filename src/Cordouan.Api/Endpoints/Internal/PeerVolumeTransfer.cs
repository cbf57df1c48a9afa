using System.Net.Http.Headers;
using Cordouan.Core.Ids;
using Cordouan.Node.Vms.Migration;

namespace Cordouan.Api.Endpoints.Internal;

/// <summary>
/// <see cref="IVolumeTransfer"/> over the peers' internal endpoints. The body is sent only once the peer accepted the
/// request (<c>Expect: 100-continue</c>), so a refusal costs no transfer.
/// </summary>
public sealed class PeerVolumeTransfer(PeerHttpClient peers) : IVolumeTransfer
{
    public async Task<ReceivedVolume> SendAsync(string targetNode, VolumeId volume, Stream content, long length, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, await peers.UriAsync(targetNode, InternalPaths.Volume(volume), cancellationToken));
        request.Headers.ExpectContinue = true;
        request.Content = new StreamContent(content, 1 << 20);
        request.Content.Headers.ContentLength = length;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var data = await peers.SendAsync($"send volume '{volume}' to node '{targetNode}'", request, cancellationToken);
        return new ReceivedVolume(data?["bytes"]?.GetValue<long>() ?? -1, data?["sha256"]?.GetValue<string>() ?? "");
    }

    public async Task DeleteAsync(string targetNode, VolumeId volume, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, await peers.UriAsync(targetNode, InternalPaths.Volume(volume), cancellationToken));
        await peers.SendAsync($"delete volume '{volume}' on node '{targetNode}'", request, cancellationToken);
    }
}
