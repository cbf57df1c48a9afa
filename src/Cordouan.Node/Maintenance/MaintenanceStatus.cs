using Cordouan.Core.Ids;

namespace Cordouan.Node.Maintenance;

/// <summary>A node's maintenance flag and the VMs it still owns (<c>GET /nodes/{node}/maintenance</c>).</summary>
public sealed record MaintenanceStatus(bool Maintenance, IReadOnlyList<MaintenanceVm> Vms);

/// <summary>One VM still on the node: <see cref="Status"/> is <c>running</c> or <c>stopped</c>.</summary>
public sealed record MaintenanceVm(VmId VmId, string Name, string Status, string? Lock);
