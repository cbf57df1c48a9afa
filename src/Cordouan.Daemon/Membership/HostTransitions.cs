using Microsoft.Extensions.Hosting;

namespace Cordouan.Daemon.Membership;

/// <summary>
/// Shared by the successive hosts of one cordouand process: a host requests a transition (which stops it), Program
/// applies it and builds the next host, whose <see cref="TransitionContinuation"/> finishes or reports it.
/// </summary>
public sealed class HostTransitions
{
    private readonly Lock _gate = new();
    private IHostTransition? _pending;

    /// <summary>The transition the current host was built for (to complete), if any.</summary>
    public IHostTransition? Applied { get; private set; }

    /// <summary>A transition that was rolled back before the current host was built (to report), with its cause.</summary>
    public (IHostTransition Transition, Exception Cause)? RolledBack { get; private set; }

    /// <summary>Asks the running host to stop so <paramref name="transition"/> can be applied; false if one is already pending.</summary>
    public bool Request(IHostTransition transition, IHostApplicationLifetime lifetime)
    {
        lock (_gate)
        {
            if (_pending is not null)
            {
                return false;
            }
            _pending = transition;
        }
        // Kestrel completes the in-flight request (the one that asked for this) before the host stops.
        lifetime.StopApplication();
        return true;
    }

    /// <summary>True while a transition waits for the host to stop (new membership changes are refused meanwhile).</summary>
    public bool IsPending
    {
        get
        {
            lock (_gate)
            {
                return _pending is not null;
            }
        }
    }

    internal IHostTransition? TakePending()
    {
        lock (_gate)
        {
            var pending = _pending;
            _pending = null;
            return pending;
        }
    }

    internal void MarkApplied(IHostTransition transition)
    {
        Applied = transition;
        RolledBack = null;
    }

    internal void MarkRolledBack(IHostTransition transition, Exception cause)
    {
        Applied = null;
        RolledBack = (transition, cause);
    }

    internal void Clear()
    {
        Applied = null;
        RolledBack = null;
    }
}
