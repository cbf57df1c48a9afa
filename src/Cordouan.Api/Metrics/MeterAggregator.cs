using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Cordouan.Api.Metrics;

/// <summary>
/// Listens, from the daemon's start, to the instruments of every <c>Cordouan.*</c> meter (HA failovers, migrations,
/// tasks) and keeps their totals: counters as sums, histograms as cumulative buckets (milliseconds are kept as seconds,
/// Prometheus' base unit). Per instrument and tag set.
/// </summary>
public sealed class MeterAggregator : IHostedService, IDisposable
{
    /// <summary>Bucket bounds in seconds for durations: from 10 ms (a migration's downtime) to 10 min (a recovery).</summary>
    public static IReadOnlyList<double> Buckets { get; } = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();

    public MeterAggregator()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Cordouan", StringComparison.Ordinal))
            {
                _instruments.TryAdd(instrument, new InstrumentState(instrument));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Node.Telemetry.NodeMeters.Create();
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    /// <summary>Every instrument seen, with its series, ordered by name.</summary>
    public IReadOnlyList<AggregatedInstrument> Snapshot() =>
        _instruments.Values.Select(s => s.Snapshot()).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_instruments.TryGetValue(instrument, out var state))
        {
            state.Record(value, tags);
        }
    }

    private sealed class InstrumentState(Instrument instrument)
    {
        private readonly Instrument _instrument = instrument;
        private readonly object _gate = new();
        private readonly Dictionary<string, AggregatedSeries> _series = new(StringComparer.Ordinal);
        private readonly bool _histogram = instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>);
        private readonly double _scale = instrument.Unit == "ms" ? 0.001 : 1;

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = tags.ToArray().Select(t => (t.Key, Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))
                .OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
            var key = string.Join('\n', labels.Select(l => $"{l.Key}={l.Item2}"));
            value *= _scale;
            lock (_gate)
            {
                if (!_series.TryGetValue(key, out var series))
                {
                    series = _series[key] = new AggregatedSeries(labels, new long[Buckets.Count]);
                }
                series.Count++;
                series.Sum += value;
                if (_histogram)
                {
                    for (var i = 0; i < Buckets.Count; i++)
                    {
                        if (value <= Buckets[i])
                        {
                            series.BucketCounts[i]++;
                        }
                    }
                }
            }
        }

        public AggregatedInstrument Snapshot()
        {
            lock (_gate)
            {
                var series = _series.Values.Select(s => s with { BucketCounts = [.. s.BucketCounts] }).ToList();
                var kind = _histogram ? AggregatedKind.Histogram : _instrument.GetType().Name.StartsWith("UpDownCounter", StringComparison.Ordinal) ? AggregatedKind.Gauge : AggregatedKind.Counter;
                return new AggregatedInstrument(_instrument.Name, _instrument.Unit, _instrument.Description ?? _instrument.Name, kind, series);
            }
        }
    }
}
