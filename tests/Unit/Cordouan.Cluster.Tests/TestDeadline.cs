namespace Cordouan.Cluster.Tests;

/// <summary>The test's cancellation token linked to a deadline, so no wait can hang the run.</summary>
internal static class TestDeadline
{
    public static CancellationTokenSource After(TimeSpan timeout)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(timeout);
        return source;
    }

    /// <summary>Polls <paramref name="condition"/> until true; fails naming <paramref name="what"/> and the last state seen.</summary>
    public static async Task WaitUntilAsync(string what, Func<Task<(bool Done, string State)>> condition, TimeSpan timeout)
    {
        using var deadline = After(timeout);
        var state = "not checked";
        try
        {
            while (true)
            {
                (var done, state) = await condition();
                if (done)
                {
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}; last seen: {state}");
        }
    }
}
