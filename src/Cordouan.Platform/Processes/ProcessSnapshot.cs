namespace Cordouan.Platform.Processes;

/// <summary>A process as <c>/proc/&lt;pid&gt;/stat</c> shows it: state letter and start time in clock ticks since boot.</summary>
public sealed record ProcessSnapshot(int Pid, char State, long StartTicks)
{
    /// <summary>Zombies (exited, not yet reaped) and dead entries do not count as running.</summary>
    public bool IsRunning => State is not ('Z' or 'X' or 'x');
}
