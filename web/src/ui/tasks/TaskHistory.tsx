import { useEffect, useState } from "preact/hooks";
import type { TaskSummary } from "../../api/types";
import { startPolling } from "../../state/poller";
import { navigate } from "../../state/router";
import { taskStatus } from "../../state/tasks";
import { dateTime } from "../format";
import { ErrorNote } from "../widgets/ErrorNote";
import { TaskFilterBar } from "./TaskFilterBar";
import { loadTaskPage, noFilters, type TaskFilters } from "./taskHistory";

const pageSize = 50;

/** The task history of some nodes, filtered and paged, refreshed every 5 s; a row opens the task's log. */
export function TaskHistory({ nodes }: { nodes: string[] }) {
  const [filters, setFilters] = useState<TaskFilters>(noFilters);
  const [page, setPage] = useState(0);
  const [tasks, setTasks] = useState<TaskSummary[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const nodesKey = nodes.join(",");

  useEffect(() => {
    if (nodes.length === 0) return;
    let alive = true;
    const stop = startPolling(async () => {
      try {
        const result = await loadTaskPage(nodes, filters, page, pageSize);
        if (!alive) return;
        setTasks(result.tasks);
        setMore(result.more);
        setError(null);
      } catch (failure) {
        if (alive) setError(failure);
      }
    }, 5_000);
    return () => {
      alive = false;
      stop();
    };
  }, [nodesKey, filters, page]);

  const changeFilters = (next: TaskFilters) => {
    setFilters(next);
    setPage(0);
  };

  return (
    <div data-testid="task-history">
      <TaskFilterBar filters={filters} onChange={changeFilters} />
      <ErrorNote error={error} />
      <table>
        <thead>
          <tr>
            <th>Start</th>
            <th>End</th>
            <th>Node</th>
            <th>User</th>
            <th>Type</th>
            <th>ID</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => {
            const status = taskStatus(task);
            return (
              <tr
                key={task.upid}
                class={`clickable ${status === "running" ? "task-running" : status === "OK" ? "" : "task-failed"}`}
                data-testid="task-history-row"
                data-upid={task.upid}
                data-status={status}
                onClick={() => navigate(`/tasks/${encodeURIComponent(task.upid)}`)}
              >
                <td>{dateTime(task.starttime)}</td>
                <td>{task.endtime ? dateTime(task.endtime) : ""}</td>
                <td>{task.node}</td>
                <td>{task.user}</td>
                <td>{task.type}</td>
                <td>{task.id}</td>
                <td>{status}</td>
              </tr>
            );
          })}
          {tasks.length === 0 && (
            <tr>
              <td colSpan={7} class="muted">
                No task matches.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div class="toolbar">
        <button class="button" data-testid="tasks-prev" disabled={page === 0} onClick={() => setPage(page - 1)}>
          ‹ Newer
        </button>
        <span>Page {page + 1}</span>
        <button class="button" data-testid="tasks-next" disabled={!more} onClick={() => setPage(page + 1)}>
          Older ›
        </button>
      </div>
    </div>
  );
}
