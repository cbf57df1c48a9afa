namespace Cordouan.Storage.Rbd;

/// <summary>How one rbd storage's Ceph client authenticates on this node: the conf naming the monitors, the keyring, the client name.</summary>
public sealed record RbdConnection(string ConfPath, string KeyringPath, string User);
