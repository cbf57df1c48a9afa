namespace Cordouan.Cli.Infrastructure;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler on the reporting thread, so log lines keep their order.</summary>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
