using System.Net;
using Cordouan.Testing.Daemon;
using Cordouan.Testing.Prometheus;
using Xunit;

namespace Cordouan.Integration.Tests.Ha;

public sealed partial class HaFailoverTests
{
    /// <summary>The node's <c>cordouan_ha_failovers_total</c>, read from its <c>/metrics</c> with the client's ticket.</summary>
    private static async Task<double> FailoversAsync(PveHttp http, CancellationToken cancellationToken)
    {
        var (status, _, body) = await http.GetTextAsync("/metrics", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, status);
        return PrometheusParser.Parse(body)["cordouan_ha_failovers_total"].Samples.Sum(s => s.Value);
    }
}
