namespace Cordouan.Core.Ids;

/// <summary>A cluster-wide virtual machine id (Proxmox range 100..999999999).</summary>
public readonly record struct VmId(int Value) : IComparable<VmId>
{
    public const int Min = 100;
    public const int Max = 999_999_999;

    public static bool TryParse(string? text, out VmId id)
    {
        id = default;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, null, out var n) || n < Min || n > Max)
        {
            return false;
        }
        id = new VmId(n);
        return true;
    }

    public int CompareTo(VmId other) => Value.CompareTo(other.Value);

    public static bool operator <(VmId left, VmId right) => left.Value < right.Value;

    public static bool operator <=(VmId left, VmId right) => left.Value <= right.Value;

    public static bool operator >(VmId left, VmId right) => left.Value > right.Value;

    public static bool operator >=(VmId left, VmId right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
