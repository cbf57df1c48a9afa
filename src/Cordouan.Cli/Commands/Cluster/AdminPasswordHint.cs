using Cordouan.Contracts.Tasks;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary>Finds, in a <c>clusterleave</c> task log, the file holding the now standalone node's new admin password.</summary>
public static class AdminPasswordHint
{
    /// <summary>The first absolute path on a log line that mentions a password, without trailing punctuation or quotes.</summary>
    public static bool TryFindPasswordFile(IEnumerable<TaskLogLine> log, out string path)
    {
        foreach (var line in log)
        {
            if (!line.Text.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            foreach (var word in line.Text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = word.Trim('\'', '"', '`', '(', ')', '[', ']', '<', '>').TrimEnd('.', ',', ';', ':');
                if (candidate.Length > 1 && candidate[0] == '/')
                {
                    path = candidate;
                    return true;
                }
            }
        }
        path = string.Empty;
        return false;
    }
}
