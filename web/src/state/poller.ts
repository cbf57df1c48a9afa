/**
 * Calls `poll` now and then every `intervalMs` until stopped, never two at a time. Errors are the poll's to
 * report (the API client already marks the connection lost): polling goes on, which is how the UI recovers
 * by itself when the API comes back.
 */
export function startPolling(poll: () => Promise<void>, intervalMs: number): () => void {
  let stopped = false;
  let timer: number | undefined;
  const tick = async () => {
    try {
      await poll();
    } catch {
      // Reported by the poll or the connection store; try again next tick.
    }
    if (!stopped) timer = window.setTimeout(tick, intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
