import { api } from "../api/client";
import type { TaskSummary } from "../api/types";
import { startPolling } from "./poller";
import { Store } from "./store";

/** The cluster's recent tasks (GET /cluster/tasks), newest first: the bottom panel. */
export const recentTasks = new Store<TaskSummary[]>([]);

export async function refreshTasks(): Promise<void> {
  const tasks = await api<TaskSummary[]>("GET", "/cluster/tasks");
  recentTasks.set([...tasks].sort((a, b) => b.starttime - a.starttime));
}

export function startTaskPolling(): () => void {
  return startPolling(refreshTasks, 3_000);
}

/** "running", "OK", or the exit text: the value of a task row's data-status. */
export function taskStatus(task: TaskSummary): string {
  return !task.status || task.status === "RUNNING" ? "running" : task.status;
}
