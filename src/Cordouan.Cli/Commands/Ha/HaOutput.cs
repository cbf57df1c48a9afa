using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary>What the HA write commands print: a sentence in text mode, the API's <c>null</c> in JSON mode.</summary>
public static class HaOutput
{
    public static void Done(CommandSession session, string sentence)
    {
        if (session.Output.IsJson)
        {
            session.Output.WriteJson(writer => writer.WriteNullValue());
        }
        else
        {
            session.Output.WriteLine(sentence);
        }
    }

    /// <summary>A sid as the daemon stores it: a bare VM id reads as <c>vm:&lt;id&gt;</c>.</summary>
    public static string Sid(string sid) => sid.All(char.IsAsciiDigit) ? "vm:" + sid : sid;
}
