using Cordouan.Core.Ids;
using Microsoft.Extensions.Logging;

namespace Cordouan.Network.Links;

public sealed partial class LinuxHostNetwork
{
    /// <summary>Event ids 9100-9119 (Cordouan.Network owns 9100-9199).</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 9100, Level = LogLevel.Debug, Message = "Tap {Tap} plugged into {Bridge} (tag {Tag}, rate {Rate} MB/s)")]
        public static partial void TapAttached(ILogger logger, string tap, string bridge, int? tag, decimal? rate);

        [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Removed leftover tap {Tap} of VM {VmId}")]
        public static partial void TapRemoved(ILogger logger, string tap, VmId vmId);

        [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Created VLAN bridge {Name} for tag {Tag} of bridge {Bridge}")]
        public static partial void VlanBridgeCreated(ILogger logger, string name, string bridge, int tag);

        [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "Tap {Tap}: this kernel cannot police traffic from the guest ({Reason}); the rate limit holds towards the guest only")]
        public static partial void IngressLimitUnsupported(ILogger logger, string tap, string reason);
    }
}
