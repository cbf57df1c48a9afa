using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.Infrastructure;

/// <summary>Waits for a task with a short, chosen poll interval (PveHttp's own wait polls every 200 ms, too coarse to time).</summary>
public static class TaskPoller
{
    /// <summary>Polls the task's status until it is <c>stopped</c>; returns its exit status. Bounded by <paramref name="timeout"/>.</summary>
    public static async Task<string> WaitAsync(PveHttp api, string upid, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var node = upid.Split(':')[1];
        var path = $"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/status";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var status = (await api.GetAsync(path, deadline.Token)).EnsureOk().Data!;
                if (status["status"]!.GetValue<string>() == "stopped")
                {
                    return status["exitstatus"]!.GetValue<string>();
                }
                await Task.Delay(interval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"task {upid} still running after {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Sends a call that returns a UPID, waits for the task and throws unless it ended <c>OK</c>.</summary>
    public static async Task RunOkAsync(
        PveHttp api, HttpMethod method, string path, Dictionary<string, string>? form, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var upid = (await api.SendAsync(method, path, form, cancellationToken)).EnsureOk().Data!.GetValue<string>();
        var exit = await WaitAsync(api, upid, interval, timeout, cancellationToken);
        if (exit != "OK")
        {
            throw new InvalidOperationException($"{method} {path}: task {upid} ended with '{exit}'");
        }
    }

    /// <summary><see cref="RunOkAsync"/> as root@pam on the same node: importing a host image is root's alone, as in Proxmox.</summary>
    public static async Task RunOkAsRootAsync(
        PveHttp api, HttpMethod method, string path, Dictionary<string, string>? form, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var root = await api.AsRootAsync(cancellationToken);
        await RunOkAsync(root, method, path, form, interval, timeout, cancellationToken);
    }
}
