namespace Cordouan.Core;

/// <summary>
/// Undo stack for multi-step operations: push an undo step after each step succeeds, call <see cref="Commit"/> at the end.
/// Disposing without a commit runs the undo steps in reverse order, so a failure leaves nothing half-created.
/// </summary>
public sealed class Reverter : IAsyncDisposable
{
    private readonly Stack<Func<Task>> _undo = new();
    private bool _committed;

    public void Push(Func<Task> undo) => _undo.Push(undo);

    public void Commit() => _committed = true;

    public async ValueTask DisposeAsync()
    {
        if (_committed)
        {
            return;
        }
        while (_undo.TryPop(out var undo))
        {
            try
            {
                await undo();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Best effort: one failing undo step must not keep the others from running.
            }
        }
    }
}
