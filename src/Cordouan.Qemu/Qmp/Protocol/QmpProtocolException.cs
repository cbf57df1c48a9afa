namespace Cordouan.Qemu.Qmp.Protocol;

/// <summary>The QMP peer broke the protocol or the connection closed while a reply was awaited.</summary>
public sealed class QmpProtocolException : IOException
{
    public QmpProtocolException(string message) : base(message) { }

    public QmpProtocolException(string message, Exception? inner) : base(message, inner) { }
}
