namespace Cordouan.Client.Requests;

public static partial class ApiRequests
{
    /// <summary><c>POST /nodes/{node}/startall</c> → UPID of the <c>startall</c> task; <paramref name="vms"/> null means every VM of the node.</summary>
    public static ApiRequest<string> StartAll(string node, bool force, string? vms) =>
        Post($"nodes/{Segment(node)}/startall", Json.String, new RequestParameters().Add("force", force ? true : null).Add("vms", vms));

    /// <summary><c>POST /nodes/{node}/stopall</c> → UPID of the <c>stopall</c> task.</summary>
    public static ApiRequest<string> StopAll(string node, string? vms, int? timeout, bool? forceStop) =>
        Post($"nodes/{Segment(node)}/stopall", Json.String, new RequestParameters().Add("vms", vms).Add("timeout", timeout).Add("force-stop", forceStop));

    /// <summary><c>POST /nodes/{node}/migrateall</c> → UPID of the <c>migrateall</c> task.</summary>
    public static ApiRequest<string> MigrateAll(string node, string target, string? vms, bool? withLocalDisks, int? maxWorkers) =>
        Post($"nodes/{Segment(node)}/migrateall", Json.String,
            new RequestParameters().Add("target", target).Add("vms", vms).Add("with-local-disks", withLocalDisks).Add("max-workers", maxWorkers));
}
