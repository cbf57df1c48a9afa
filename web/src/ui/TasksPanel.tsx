import { recentTasks, taskStatus } from "../state/tasks";
import { href } from "../state/router";
import { useStore } from "../state/store";
import { dateTime } from "./format";

/** The bottom panel: the cluster's recent tasks with their status, each linking to its log. */
export function TasksPanel() {
  const tasks = useStore(recentTasks);
  return (
    <section class="tasks-panel" data-testid="tasks-panel" aria-label="Recent tasks">
      <table>
        <thead>
          <tr>
            <th>Start</th>
            <th>End</th>
            <th>Node</th>
            <th>User</th>
            <th>Description</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {tasks.slice(0, 50).map((task) => {
            const status = taskStatus(task);
            return (
              <tr key={task.upid} data-testid="task-row" data-upid={task.upid} data-status={status} class={status === "running" ? "task-running" : status === "OK" ? "" : "task-failed"}>
                <td>{dateTime(task.starttime)}</td>
                <td>{task.endtime ? dateTime(task.endtime) : ""}</td>
                <td>{task.node}</td>
                <td>{task.user}</td>
                <td>
                  <a href={href(`/tasks/${encodeURIComponent(task.upid)}`)}>
                    {task.type}
                    {task.id ? ` ${task.id}` : ""}
                  </a>
                </td>
                <td>{status}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
