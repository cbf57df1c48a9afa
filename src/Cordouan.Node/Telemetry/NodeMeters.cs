using System.Runtime.CompilerServices;

namespace Cordouan.Node.Telemetry;

/// <summary>The node agent's .NET meters (HA, migration, tasks), created up front so that a listener sees them before their first measurement.</summary>
public static class NodeMeters
{
    /// <summary>Runs the type initializers that create the instruments: a counter reads 0 before its first event rather than being absent.</summary>
    public static void Create()
    {
        RuntimeHelpers.RunClassConstructor(typeof(Ha.HaMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(Tasks.TaskMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(Vms.Migration.Live.MigrationMetrics).TypeHandle);
    }
}
