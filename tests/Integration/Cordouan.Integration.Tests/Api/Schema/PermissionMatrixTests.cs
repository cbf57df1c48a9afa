using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Api.Schema;

/// <summary>
/// For every served Proxmox method, users holding each built-in role on <c>/</c>, on <c>/vms/A</c>, on <c>/storage/local</c>
/// and on another VM's path call the method on VM A with one unknown parameter. Permissions are checked before the schema,
/// so an allowed call answers 400 naming the unknown parameter and a denied one 403; the expectation comes from
/// <see cref="PermissionOracle"/> over Proxmox's role table (<see cref="ProxmoxRoles"/>), the actual from real HTTP calls.
/// </summary>
public sealed class PermissionMatrixTests
{
    private const int VmA = 150;
    private const int VmB = 151;
    private const string Probe = "zz-probe";
    private const string TargetUser = "target@pve";

    /// <summary>Cordouan's documented departures (CordouanPermissionOverrides): root-only cluster and OSD methods take Sys.Modify on /.</summary>
    private static readonly HashSet<string> SysModifyInsteadOfRootOnly = new(StringComparer.Ordinal)
    {
        "POST /cluster/config", "POST /cluster/config/join", "POST /cluster/config/nodes/{node}", "DELETE /cluster/config/nodes/{node}",
        "POST /nodes/{node}/ceph/osd", "DELETE /nodes/{node}/ceph/osd/{osdid}",
    };

    [Fact]
    public async Task EveryServedMethod_EveryRoleAndPath_MatchesProxmoxsExpression()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = new CordouandNode("matrix1");
        await node.StartAsync(ct);
        using var admin = await node.AdminAsync(ct);
        foreach (var vmid in new[] { VmA, VmB })
        {
            await admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{node.NodeName}/qemu", new() { ["vmid"] = ServedMethods.Text(vmid), ["memory"] = "64" }, ct);
        }
        (await admin.PostAsync("/access/users", new() { ["userid"] = TargetUser, ["password"] = "target-password" }, ct)).EnsureOk();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["node"] = node.NodeName,
            ["vmid"] = ServedMethods.Text(VmA),
            ["newid"] = ServedMethods.Text(VmA),
            ["storage"] = "local",
            ["userid"] = TargetUser,
            ["path"] = $"/vms/{VmA}",
            ["tokenid"] = "t1",
            ["target"] = node.NodeName,
            ["snapname"] = "s1",
            ["iface"] = "vmbr9",
            ["sid"] = $"vm:{VmA}",
            ["volume"] = $"local:{VmA}/vm-{VmA}-disk-0.qcow2",
        };
        var methods = await ServedMethods.LoadAsync(node, admin, ct);
        Assert.True(methods.Count > 60, $"only {methods.Count} served methods found in the facts");

        string[] grantPaths = ["/", $"/vms/{VmA}", "/storage/local", $"/vms/{VmB}"];
        var callers = new List<(string Role, string GrantPath, PveHttp Http, string User)>();
        var index = 0;
        foreach (var role in ProxmoxRoles.Roles.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var grantPath in grantPaths)
            {
                var user = $"m{index++}@pve";
                (await admin.PostAsync("/access/users", new() { ["userid"] = user, ["password"] = "matrix-password" }, ct)).EnsureOk();
                (await admin.PutAsync("/access/acl", new() { ["path"] = grantPath, ["roles"] = role, ["users"] = user }, ct)).EnsureOk();
                var http = node.Anonymous();
                (await http.LoginAsync(user, "matrix-password", ct)).EnsureOk();
                callers.Add((role, grantPath, http, user));
            }
        }

        var mismatches = new ConcurrentBag<string>();
        var cases = 0;
        await Parallel.ForEachAsync(callers, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (caller, token) =>
        {
            foreach (var method in methods)
            {
                var verb = (string)method["method"]!;
                var template = (string)method["path"]!;
                var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var name in ServedMethods.PathParameters(template).Concat(TemplateParameters(method["permissions"])))
                {
                    if (values.TryGetValue(name, out var value))
                    {
                        parameters[name] = value;
                    }
                }
                var permissions = SysModifyInsteadOfRootOnly.Contains($"{verb} {template}")
                    ? JsonNode.Parse("""["perm", "/", ["Sys.Modify"]]""")
                    : method["permissions"];
                var expected = new PermissionOracle(caller.Role, caller.GrantPath, caller.User, parameters, "").Allows(permissions);
                var sent = parameters.Where(p => !ServedMethods.PathParameters(template).Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
                sent[Probe] = "1";
                var response = await caller.Http.SendAsync(new HttpMethod(verb), ServedMethods.Fill(template, values), sent, token);
                var allowed = response.Status == HttpStatusCode.BadRequest && response.Error(Probe) is not null;
                var denied = response.Status == HttpStatusCode.Forbidden;
                Interlocked.Increment(ref cases);
                if ((expected && !allowed) || (!expected && !denied))
                {
                    mismatches.Add($"{verb} {template} as {caller.Role} on {caller.GrantPath}: expected {(expected ? "allowed (400 on " + Probe + ")" : "403")}, got {(int)response.Status} {response.Reason} {response.Body?["errors"]?.ToJsonString()}");
                }
            }
        });
        foreach (var caller in callers)
        {
            caller.Http.Dispose();
        }
        TestContext.Current.SendDiagnosticMessage($"permission matrix: {cases} (method, role, path) cases over {methods.Count} methods, {callers.Count} role/path grants");
        Console.WriteLine($"permission matrix: {cases} (method, role, path) cases over {methods.Count} methods, {callers.Count} role/path grants");
        Assert.True(mismatches.IsEmpty, $"{mismatches.Count} of {cases} cases differ from Proxmox:\n" + string.Join('\n', mismatches.Order(StringComparer.Ordinal).Take(80)));
    }

    /// <summary>The <c>{name}</c>s of the method's permission expression (parameters such as <c>newid</c> or <c>path</c> live in the body).</summary>
    private static IEnumerable<string> TemplateParameters(JsonNode? permissions) => permissions switch
    {
        JsonArray array => array.SelectMany(TemplateParameters),
        JsonValue value when value.TryGetValue<string>(out var text) => text is "userid-param" or "userid-group" ? ["userid"] : ServedMethods.PathParameters(text),
        _ => [],
    };
}
