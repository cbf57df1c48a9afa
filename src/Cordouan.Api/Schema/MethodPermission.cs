namespace Cordouan.Api.Schema;

/// <summary>A method's <c>permissions</c>: its mode, and for <see cref="PermissionMode.Check"/> the expression.</summary>
public sealed record MethodPermission(PermissionMode Mode, PermissionCheck? Check = null)
{
    public static MethodPermission World { get; } = new(PermissionMode.World);

    public static MethodPermission All { get; } = new(PermissionMode.All);

    public static MethodPermission RootOnly { get; } = new(PermissionMode.RootOnly);
}
