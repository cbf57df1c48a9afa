using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cordouan.Api.Proxy;

public sealed partial class NodeProxyMiddleware
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Forwarding {Method} {Path} to node {Node} at {Address}")]
    private static partial void LogForwarding(ILogger logger, string method, PathString path, string node, string address);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Failed to forward {Method} {Path} to node {Node}: {Status} {Reason}")]
    private static partial void LogFailed(ILogger logger, string method, PathString path, string node, int status, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Refused to forward {Method} {Path} for node {Node} again: node {ForwardedBy} already forwarded it (proxy loop)")]
    private static partial void LogLoop(ILogger logger, string method, PathString path, string node, string forwardedBy);
}
