namespace Cordouan.Cli.Commands.Consoles;

/// <summary>Why a serial-console session ended.</summary>
public enum ConsoleExitReason
{
    /// <summary>The user pressed the detach key (Ctrl-]).</summary>
    Detached,

    /// <summary>Standard input reached end of file.</summary>
    InputEnded,

    /// <summary>The daemon closed the WebSocket.</summary>
    ConnectionClosed,
}
