namespace Cordouan.Client.Requests;

/// <summary>The power actions under <c>…/qemu/{vmid}/status/</c>; each returns a UPID.</summary>
public enum VmPowerAction
{
    Start,
    Stop,
    Shutdown,
    Reboot,
    Reset,
    Suspend,
    Resume,
}
