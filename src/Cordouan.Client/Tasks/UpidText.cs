namespace Cordouan.Client.Tasks;

/// <summary>Reads the fields clients need from a UPID (<c>UPID:node:PID:PSTART:STARTTIME:type:id:user:</c>).</summary>
public static class UpidText
{
    /// <summary>The node that runs the task (field 2), whose API answers for its status and log.</summary>
    public static bool TryGetNode(string? upid, out string node)
    {
        node = string.Empty;
        if (upid is null)
        {
            return false;
        }
        var fields = upid.Trim().Split(':');
        if (fields.Length != 9 || fields[0] != "UPID" || fields[1].Length == 0 || fields[8].Length != 0)
        {
            return false;
        }
        node = fields[1];
        return true;
    }

    /// <summary>The task's node, or a <see cref="FormatException"/> naming the bad value.</summary>
    public static string GetNode(string upid) =>
        TryGetNode(upid, out var node) ? node : throw new FormatException($"'{upid}' is not a task id (UPID:node:…:).");
}
