namespace Cordouan.Node.Vms;

/// <summary>Options of a clone (Proxmox names: name, description, full, storage, format, snapname).</summary>
public sealed record CloneRequest(string? Name, string? Description, bool? Full, string? Storage, string? Format, string? Snapshot);
