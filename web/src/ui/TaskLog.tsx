import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api/client";
import { describeError } from "../api/errors";
import { taskLog, taskStatus, upidNode, type TaskLogLine, type TaskStatus } from "../api/tasks";
import { showError } from "./Toasts";
import { TaskProgress } from "./tasks/TaskProgress";
import { ConfirmDialog } from "./widgets/ConfirmDialog";
import "./widgets/pages.css";

const pageLines = 500;

/**
 * One task's status, progress and log, followed live (every second) while it runs. The log is read
 * incrementally (`start=` the number of lines already shown), so a long task costs one small request a
 * second, not the whole log again; after the task stopped, the rest is read to the end once.
 */
export function TaskLog({ upid }: { upid: string }) {
  const [status, setStatus] = useState<TaskStatus | null>(null);
  const [lines, setLines] = useState<TaskLogLine[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [confirmStop, setConfirmStop] = useState(false);
  const logRef = useRef<HTMLPreElement>(null);

  useEffect(() => {
    let alive = true;
    let shown: TaskLogLine[] = [];
    let timer: number | undefined;
    setLines([]);
    setStatus(null);
    // Reads every line after those shown; several pages when the task wrote a lot since the last tick.
    const readNewLines = async () => {
      for (;;) {
        const next = await taskLog(upid, shown.length, pageLines);
        if (!alive || next.length === 0) return;
        shown = [...shown, ...next];
        setLines(shown);
        if (next.length < pageLines) return;
      }
    };
    const tick = async () => {
      try {
        const current = await taskStatus(upid);
        if (!alive) return;
        setStatus(current);
        await readNewLines();
        setError(null);
        if (current.status === "stopped") return;
      } catch (failure) {
        if (alive) setError(describeError(failure));
      }
      if (alive) timer = window.setTimeout(tick, 1_000);
    };
    void tick();
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
  }, [upid]);

  // Keep the newest line in view while following, unless the user scrolled up to read.
  useEffect(() => {
    const element = logRef.current;
    if (element && element.scrollHeight - element.scrollTop - element.clientHeight < 80) element.scrollTop = element.scrollHeight;
  }, [lines]);

  const stop = async () => {
    setConfirmStop(false);
    try {
      await api("DELETE", `/nodes/${encodeURIComponent(upidNode(upid))}/tasks/${encodeURIComponent(upid)}`);
    } catch (failure) {
      showError(failure);
    }
  };

  const running = status?.status === "running";
  return (
    <div class="page">
      <h2>
        Task {status?.type} {status?.id}
      </h2>
      <p class="muted">{upid}</p>
      <p>
        Status:{" "}
        <strong data-testid="task-status" class={running ? "" : status?.exitstatus === "OK" ? "status-ok" : "status-error"}>
          {status ? (running ? "running" : status.exitstatus) : "…"}
        </strong>{" "}
        {running && (
          <button class="button danger" data-testid="task-stop" onClick={() => setConfirmStop(true)}>
            Stop
          </button>
        )}
      </p>
      {status && <TaskProgress status={status} lines={lines} />}
      {error && <p class="error">{error}</p>}
      <pre class="task-log" data-testid="task-log" ref={logRef}>
        {lines.map((line) => line.t).join("\n")}
      </pre>
      {confirmStop && <ConfirmDialog title="Stop task" message="Abort this task? What it already did is not undone." onConfirm={() => void stop()} onCancel={() => setConfirmStop(false)} />}
    </div>
  );
}
