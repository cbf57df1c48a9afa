import { waitForTask } from "../../api/tasks";
import { refreshTasks } from "../../state/tasks";
import { showError } from "../Toasts";

/** True for the exit texts Proxmox counts as success. */
export function taskSucceeded(exit: string): boolean {
  return exit === "OK" || exit.startsWith("WARNINGS");
}

/**
 * Follows a long action's task (its UPID): the tasks panel shows it running at once, and a failure (or a
 * wait that times out) becomes an error toast naming the action. Resolves true when the task ended OK.
 */
export async function followTask(upid: string | null, action: string): Promise<boolean> {
  void refreshTasks().catch(() => undefined);
  // Some calls finish within the request and answer null instead of a UPID.
  if (!upid) return true;
  try {
    const exit = await waitForTask(upid);
    void refreshTasks().catch(() => undefined);
    if (taskSucceeded(exit)) return true;
    showError(`${action} failed: ${exit}`);
  } catch (error) {
    showError(error);
  }
  return false;
}
