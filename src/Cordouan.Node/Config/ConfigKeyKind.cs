namespace Cordouan.Node.Config;

/// <summary>How a VM config value is checked, and typed when read back (Proxmox: booleans and integers are JSON integers).</summary>
public enum ConfigKeyKind
{
    String,
    Boolean,
    Integer,
    Number,
    Enum,
    Memory,
    DnsName,
    Disk,
    Net,
    Tags,
}
