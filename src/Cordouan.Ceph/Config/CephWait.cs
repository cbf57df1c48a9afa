using Cordouan.Core.Errors;

namespace Cordouan.Ceph.Config;

/// <summary>Polls a real condition until it holds or a deadline passes (then fails saying what was awaited and last seen).</summary>
internal static class CephWait
{
    public static async Task UntilAsync(string what, TimeSpan timeout, TimeProvider time, Func<CancellationToken, Task<(bool Done, string Seen)>> check, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var seen = "nothing yet";
        while (true)
        {
            try
            {
                var (done, last) = await check(cancellationToken);
                if (done)
                {
                    return;
                }
                seen = last;
            }
            catch (ExternalCommandException e)
            {
                seen = e.StderrTail;
            }
            if (time.GetElapsedTime(started) > timeout)
            {
                throw new CordouanException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last seen: {seen}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
    }
}
