namespace Cordouan.Daemon.Membership;

/// <summary>
/// A change that needs cordouand's services rebuilt over a different etcd keyspace (join, leave). The running host
/// stops; <see cref="ApplyAsync"/> changes the files while nothing runs; a new host starts and runs
/// <see cref="CompleteAsync"/> before any other service. If that host cannot start, <see cref="RollbackAsync"/>
/// restores the previous files and the previous host is built again.
/// </summary>
public interface IHostTransition
{
    /// <summary>What it is, for logs ("join of cluster c1").</summary>
    string Description { get; }

    Task ApplyAsync(CancellationToken cancellationToken);

    /// <summary>Runs first in the new host; throwing fails the host start and leads to <see cref="RollbackAsync"/>.</summary>
    Task CompleteAsync(IServiceProvider services, CancellationToken cancellationToken);

    Task RollbackAsync(Exception cause, CancellationToken cancellationToken);

    /// <summary>Runs first in the host rebuilt after a rollback, to record the failure (its task).</summary>
    Task ReportFailureAsync(IServiceProvider services, Exception cause, CancellationToken cancellationToken);
}
