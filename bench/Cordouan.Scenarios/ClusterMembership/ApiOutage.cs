using System.Diagnostics;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>
/// The windows in which a restarting node's API gave no answer, from the polls' outcomes: a window runs from the
/// start of its first failed poll to the start of the next answered one.
/// </summary>
public sealed class ApiOutage
{
    private readonly SortedSet<string> _errors = new(StringComparer.Ordinal);
    private long? _downSince;

    public TimeSpan Total { get; private set; }

    public int Windows { get; private set; }

    public int FailedPolls { get; private set; }

    /// <summary>The longest single failed poll (a hang shows here; a refused connection fails at once).</summary>
    public TimeSpan LongestFailedPoll { get; private set; }

    /// <summary>The distinct kinds of failure seen (exception type and message of the innermost exception).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public void Failed(long pollStart, Exception error)
    {
        _downSince ??= pollStart;
        FailedPolls++;
        var duration = Stopwatch.GetElapsedTime(pollStart);
        LongestFailedPoll = duration > LongestFailedPoll ? duration : LongestFailedPoll;
        var cause = error.GetBaseException();
        _errors.Add(error is OperationCanceledException ? "no answer within the request bound" : $"{cause.GetType().Name}: {cause.Message}");
    }

    public void Answered(long pollStart)
    {
        if (_downSince is { } since)
        {
            Total += Stopwatch.GetElapsedTime(since, pollStart);
            Windows++;
            _downSince = null;
        }
    }
}
