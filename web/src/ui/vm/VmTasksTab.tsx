import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { TaskSummary } from "../../api/types";
import { startPolling } from "../../state/poller";
import { href } from "../../state/router";
import { dateTime } from "../format";

/** Tasks tab: the VM's tasks on its node (`GET /nodes/{node}/tasks?vmid=`), refreshed every 3 s. */
export function VmTasksTab({ node, vmid }: { node: string; vmid: number }) {
  const [tasks, setTasks] = useState<TaskSummary[] | null>(null);
  useEffect(
    () =>
      startPolling(async () => {
        const list = await api<TaskSummary[]>("GET", `/nodes/${encodeURIComponent(node)}/tasks`, { vmid, limit: 100 });
        setTasks([...list].sort((a, b) => b.starttime - a.starttime));
      }, 3_000),
    [node, vmid],
  );
  if (!tasks) return <p class="muted">Loading…</p>;
  if (tasks.length === 0) return <p class="muted">No task for this VM on {node}.</p>;
  return (
    <table data-testid="vm-tasks">
      <thead>
        <tr>
          <th>Start</th>
          <th>End</th>
          <th>User</th>
          <th>Type</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const status = !task.status || task.status === "RUNNING" ? "running" : task.status;
          return (
            <tr key={task.upid} class={status === "running" ? "task-running" : status === "OK" ? "" : "task-failed"}>
              <td>{dateTime(task.starttime)}</td>
              <td>{task.endtime ? dateTime(task.endtime) : ""}</td>
              <td>{task.user}</td>
              <td>
                <a href={href(`/tasks/${encodeURIComponent(task.upid)}`)}>{task.type}</a>
              </td>
              <td>{status}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
