using System.Text.Json;
using Cordouan.Contracts.Tasks;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary>
/// How following a restarting task ended: <see cref="Status"/> is the last status read (final unless
/// <see cref="AccessLost"/>), <see cref="Log"/> every line read, in order.
/// </summary>
public sealed record RestartWaitResult(TaskStatusInfo? Status, JsonElement? RawStatus, IReadOnlyList<TaskLogLine> Log, bool AccessLost)
{
    /// <summary>The task stopped and its final status was read.</summary>
    public bool IsFinished => !AccessLost && Status is { IsFinished: true };

    /// <summary>The task stopped with <c>OK</c> or <c>WARNINGS</c>.</summary>
    public bool IsSuccessful => IsFinished && Status!.IsSuccessful;
}
