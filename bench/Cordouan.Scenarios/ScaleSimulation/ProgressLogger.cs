using Microsoft.Extensions.Logging;

namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>Shows the warnings of the agents' etcd clients and leases (keep-alive failures, lost leases) as progress lines.</summary>
public sealed class ProgressLogger<T>(BenchContext context) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            context.Progress($"{typeof(T).Name} {logLevel}: {formatter(state, exception)}");
        }
    }
}
