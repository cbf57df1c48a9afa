import { api } from "./client";

export interface TaskStatus {
  upid: string;
  node: string;
  status: "running" | "stopped";
  exitstatus?: string;
  type: string;
  id: string;
}

/** The node a UPID belongs to (field 2 of "UPID:node:…"): its status and log are asked there. */
export function upidNode(upid: string): string {
  return upid.split(":")[1] ?? "";
}

export function taskStatus(upid: string): Promise<TaskStatus> {
  return api<TaskStatus>("GET", `/nodes/${encodeURIComponent(upidNode(upid))}/tasks/${encodeURIComponent(upid)}/status`);
}

/**
 * Waits until the task stops (polling its status every second, for at most `timeoutMs`) and returns its exit
 * text ("OK", "WARNINGS: n" or the error). Throws when the wait times out: the task goes on in the
 * background and stays visible in the tasks panel.
 */
export async function waitForTask(upid: string, timeoutMs = 10 * 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await taskStatus(upid);
    if (status.status === "stopped") return status.exitstatus ?? "unknown";
    if (Date.now() > deadline) throw new Error(`task ${upid} still running after ${Math.round(timeoutMs / 1000)} s; see the tasks panel`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

export interface TaskLogLine {
  n: number;
  t: string;
}

export function taskLog(upid: string, start = 0, limit = 500): Promise<TaskLogLine[]> {
  return api<TaskLogLine[]>("GET", `/nodes/${encodeURIComponent(upidNode(upid))}/tasks/${encodeURIComponent(upid)}/log`, { start, limit });
}
