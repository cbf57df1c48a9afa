namespace Cordouan.Client.Requests;

public static partial class ApiRequests
{
    /// <summary><c>POST …/{vmid}/migrate</c> → UPID of the <c>qmigrate</c> task on the source node.</summary>
    public static ApiRequest<string> MigrateVm(string node, int vmid, string target, VmMigrateOptions? options = null)
    {
        options ??= new VmMigrateOptions();
        return Post(Vm(node, vmid) + "/migrate", Json.String, new RequestParameters()
            .Add("target", target)
            .Add("online", options.Online)
            .Add("with-local-disks", options.WithLocalDisks)
            .Add("targetstorage", options.TargetStorage)
            .Add("bwlimit", options.BandwidthLimitKiBps)
            .Add("migration_downtime", options.MaxDowntimeMs)
            .Add("postcopy", options.Postcopy));
    }
}
