namespace Cordouan.Api.Schema;

/// <summary>One Proxmox VE API method: HTTP method, path template (<c>/nodes/{node}/qemu/{vmid}/config</c>), who may call it, and its parameters.</summary>
/// <param name="AllowToken">False for the few methods Proxmox refuses to API tokens (login, password change, TFA).</param>
public sealed record ApiMethod(
    string HttpMethod,
    string PathTemplate,
    MethodPermission Permission,
    bool AllowToken,
    IReadOnlyDictionary<string, ApiParameter> Parameters);
