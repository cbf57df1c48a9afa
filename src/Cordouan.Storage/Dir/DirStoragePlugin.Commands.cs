using Cordouan.Core.Errors;

namespace Cordouan.Storage.Dir;

public sealed partial class DirStoragePlugin
{
    private const string NoSpaceMessage = "No space left on device";

    /// <summary>Runs a qemu-img step, turning its failure into "Failed to &lt;what&gt;: &lt;why&gt;" (ENOSPC reads "not enough space").</summary>
    private static async Task RunAsync(string what, Func<Task> step) =>
        await RunAsync(what, async () =>
        {
            await step();
            return true;
        });

    private static async Task<T> RunAsync<T>(string what, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (ExternalCommandException e) when (e.StderrTail.Contains(NoSpaceMessage, StringComparison.Ordinal))
        {
            throw new CordouanException($"Failed to {what}: not enough space ({e.StderrTail})", e);
        }
        catch (ExternalCommandException e)
        {
            throw new CordouanException($"Failed to {what}: {e.StderrTail}", e);
        }
    }
}
