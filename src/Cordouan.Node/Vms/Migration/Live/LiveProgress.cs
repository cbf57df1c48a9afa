namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>How far a live migration got, so that a rollback undoes exactly what was done.</summary>
public sealed class LiveProgress
{
    public bool TargetPrepared { get; set; }

    public bool MirrorsStarted { get; set; }

    public bool MirrorsEnded { get; set; }

    public bool MigrationStarted { get; set; }
}
