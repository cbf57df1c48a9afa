using System.Text.RegularExpressions;
using Cordouan.Core.Errors;
using Cordouan.Storage.Rbd.Native;

namespace Cordouan.Storage.Rbd;

public sealed partial class RbdStoragePlugin
{
    /// <summary>Runs an rbd step, turning its failure into "Failed to &lt;what&gt;: &lt;why&gt;" (ENOENT becomes <paramref name="notFound"/> when given).</summary>
    private static async Task RunAsync(string what, Func<Task> step, Func<Exception>? notFound = null) =>
        await RunAsync(what, async () =>
        {
            await step();
            return true;
        }, notFound);

    private static async Task<T> RunAsync<T>(string what, Func<Task<T>> step, Func<Exception>? notFound = null)
    {
        try
        {
            return await step();
        }
        catch (CordouanException e) when (ErrnoOf(e) == RbdCommands.Errno.NotFound && notFound is not null)
        {
            throw notFound();
        }
        catch (CordouanException e) when (ErrnoOf(e) is not null)
        {
            throw Failed(what, e);
        }
    }

    /// <summary>The errno of a failed rbd command (its exit code) or librbd call; null for any other error.</summary>
    internal static int? ErrnoOf(Exception e) => e switch
    {
        ExternalCommandException command => command.ExitCode,
        RbdNativeException call => call.Errno,
        _ => null,
    };

    private static CordouanException Failed(string what, CordouanException e) =>
        new($"Failed to {what}: {(e is ExternalCommandException command ? Reason(command) : e.Message)}", e);

    /// <summary>The stderr tail without librbd's timestamped debug lines, which repeat the final "rbd: …" message.</summary>
    internal static string Reason(ExternalCommandException e)
    {
        var lines = e.StderrTail.Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var meaningful = lines.Where(l => !LogLinePattern().IsMatch(l)).ToList();
        return meaningful.Count > 0 ? string.Join("; ", meaningful) : e.StderrTail;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}")]
    private static partial Regex LogLinePattern();
}
