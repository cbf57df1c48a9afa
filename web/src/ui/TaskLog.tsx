import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/errors";
import { taskLog, taskStatus, type TaskLogLine, type TaskStatus } from "../api/tasks";
import { startPolling } from "../state/poller";

/** One task's status and log, followed live (every second) while it runs. */
export function TaskLog({ upid }: { upid: string }) {
  const [status, setStatus] = useState<TaskStatus | null>(null);
  const [lines, setLines] = useState<TaskLogLine[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let finished = false;
    const stop = startPolling(async () => {
      if (finished) return;
      try {
        const [next, log] = await Promise.all([taskStatus(upid), taskLog(upid, 0, 5_000)]);
        setStatus(next);
        setLines(log);
        setError(null);
        finished = next.status === "stopped";
      } catch (failure) {
        setError(describeError(failure));
      }
    }, 1_000);
    return stop;
  }, [upid]);

  return (
    <div class="page">
      <h2>
        Task {status?.type} {status?.id}
      </h2>
      <p class="muted">{upid}</p>
      <p>
        Status: <strong>{status ? (status.status === "running" ? "running" : status.exitstatus) : "…"}</strong>
      </p>
      {error && <p class="error">{error}</p>}
      <pre class="task-log" data-testid="task-log">
        {lines.map((line) => line.t).join("\n")}
      </pre>
    </div>
  );
}
