namespace Cordouan.Api.Schema;

/// <summary>Marks the 501 fallback endpoint: a method Cordouan does not serve is answered "not implemented", as Proxmox answers an unknown one, before any permission or schema check.</summary>
public sealed class UnservedMethodMetadata;
