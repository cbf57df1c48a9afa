using System.Diagnostics.Metrics;
using Cordouan.Api.Metrics;
using Cordouan.Testing.Prometheus;
using Xunit;

namespace Cordouan.Api.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Fact]
    public void Sample_HostileLabelValues_ParseBackUnchanged()
    {
        var text = new PrometheusText();
        text.Family("cordouan_vm_up", "gauge", "Whether a VM runs\nsecond line \\ backslash");
        text.Sample("cordouan_vm_up", 1, ("vmid", "100"), ("name", "a \"quoted\" \\ name\nwith } and ,"));
        text.Sample("cordouan_vm_up", 0, ("vmid", "101"), ("name", "plain"));

        var families = PrometheusParser.Parse(text.ToString());

        var family = families["cordouan_vm_up"];
        Assert.Equal("gauge", family.Type);
        Assert.Equal("Whether a VM runs\nsecond line \\ backslash", family.Help);
        Assert.Equal("a \"quoted\" \\ name\nwith } and ,", family.Samples[0].Labels["name"]);
        Assert.Equal(0, family.Samples[1].Value);
    }

    [Fact]
    public void Format_SpecialAndLargeValues_ReadAsPrometheusSpellsThem()
    {
        var text = new PrometheusText();
        text.Family("a", "gauge", "a");
        text.Sample("a", double.NaN, ("k", "nan"));
        text.Sample("a", double.PositiveInfinity, ("k", "inf"));
        text.Sample("a", 123456789012345, ("k", "big"));
        text.Sample("a", 0.1, ("k", "small"));

        var samples = PrometheusParser.Parse(text.ToString())["a"].Samples;

        Assert.True(double.IsNaN(samples[0].Value));
        Assert.Equal(double.PositiveInfinity, samples[1].Value);
        Assert.Equal(123456789012345, samples[2].Value);
        Assert.Equal(0.1, samples[3].Value);
    }

    [Fact]
    public void Family_WrittenTwice_Throws()
    {
        var text = new PrometheusText();
        text.Family("a", "gauge", "a");

        Assert.Throws<InvalidOperationException>(() => text.Family("a", "gauge", "a"));
    }

    [Fact]
    public async Task Snapshot_MillisecondHistogramAndCounter_SecondsBucketsAndTotals()
    {
        using var aggregator = new MeterAggregator();
        await aggregator.StartAsync(TestContext.Current.CancellationToken);
        using var meter = new Meter("Cordouan.Tests." + Guid.NewGuid().ToString("N"));
        var histogram = meter.CreateHistogram<double>("cordouan.test.wait", "ms", "A wait");
        var counter = meter.CreateCounter<long>("cordouan.test.events", "{event}", "Events");
        histogram.Record(40);
        histogram.Record(3000);
        counter.Add(2, new KeyValuePair<string, object?>("kind", "x"));
        counter.Add(1, new KeyValuePair<string, object?>("kind", "x"));

        var instruments = aggregator.Snapshot().Where(i => i.Name.StartsWith("cordouan.test.", StringComparison.Ordinal)).ToList();

        var wait = instruments.Single(i => i.Name == "cordouan.test.wait");
        Assert.Equal("cordouan_test_wait_seconds", MetricsExposition.PrometheusName(wait));
        var series = Assert.Single(wait.Series);
        Assert.Equal(2, series.Count);
        Assert.Equal(3.04, series.Sum, 9);
        Assert.Equal(1, series.BucketCounts[MeterAggregator.Buckets.ToList().IndexOf(0.05)]);
        Assert.Equal(2, series.BucketCounts[MeterAggregator.Buckets.ToList().IndexOf(5)]);
        var events = instruments.Single(i => i.Name == "cordouan.test.events");
        Assert.Equal("cordouan_test_events_total", MetricsExposition.PrometheusName(events));
        Assert.Equal(3, Assert.Single(events.Series).Sum);
        Assert.Equal(new[] { ("kind", "x") }, events.Series[0].Labels);
    }
}
