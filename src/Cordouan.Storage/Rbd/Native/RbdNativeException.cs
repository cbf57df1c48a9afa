using Cordouan.Core.Errors;

namespace Cordouan.Storage.Rbd.Native;

/// <summary>A librados/librbd call failed; <see cref="Errno"/> is the positive errno, the message names the call and the errno's meaning.</summary>
public sealed class RbdNativeException(string call, int errno)
    : CordouanException($"{call}: {RbdErrno.Describe(errno)}")
{
    public string Call { get; } = call;

    public int Errno { get; } = Math.Abs(errno);
}
