import type { TaskLogLine, TaskStatus } from "../../api/tasks";
import { duration } from "../format";

/** The last "NN%" a task logged (migrations, disk copies and imports report their progress that way). */
function lastPercent(lines: TaskLogLine[]): number | null {
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 50); i--) {
    const match = /(\d{1,3}(?:\.\d+)?)\s?%/.exec(lines[i].t);
    if (match && Number(match[1]) <= 100) return Number(match[1]);
  }
  return null;
}

/** Elapsed time, lines logged and, when the task reports one, a percentage bar. */
export function TaskProgress({ status, lines }: { status: TaskStatus & { starttime?: number }; lines: TaskLogLine[] }) {
  const running = status.status === "running";
  const percent = running ? lastPercent(lines) : 100;
  const elapsed = status.starttime ? Math.max(0, Date.now() / 1000 - status.starttime) : undefined;
  return (
    <div class="toolbar" data-testid="task-progress">
      {running && percent !== null && (
        <span class="usage">
          <span class="usage-bar">
            <span class="usage-fill" style={{ width: `${percent}%` }} />
          </span>
          <span>{percent.toFixed(0)} %</span>
        </span>
      )}
      {running && elapsed !== undefined && <span class="muted">running for {duration(elapsed)}</span>}
      <span class="muted">{lines.length} log line(s)</span>
    </div>
  );
}
