import { api, type Params } from "./client";
import { waitForTask } from "./tasks";
import { refreshResources } from "../state/resources";
import { refreshTasks } from "../state/tasks";
import { showError } from "../ui/Toasts";

/** A VM's config as `GET …/config` returns it: strings, or 0/1 and integers for booleans and counts. */
export type VmConfig = Record<string, string | number | undefined> & { digest?: string };

export interface VmStatus {
  vmid: number;
  name?: string;
  status: string;
  qmpstatus?: string;
  uptime?: number;
  cpus?: number;
  cpu?: number;
  mem?: number;
  maxmem?: number;
  maxdisk?: number;
  lock?: string;
  template?: number;
  ha?: { managed: number; state?: string };
  agent?: number;
}

/** The API path of a VM: every {vmid} call goes to the node that owns it (spec §5). */
export function vmPath(node: string, vmid: number | string, suffix = ""): string {
  return `/nodes/${encodeURIComponent(node)}/qemu/${vmid}${suffix}`;
}

/**
 * Follows a task started by a long action: refreshes the tasks panel at once (so it shows running), waits
 * for the end, and reports a failed exit in a toast. Returns true when it ended OK (or with warnings).
 */
export async function followTask(upid: string, what: string): Promise<boolean> {
  void refreshTasks().catch(() => undefined);
  try {
    const exit = await waitForTask(upid);
    // Awaited: the page opened next (a new VM, a clone) finds its node in the resources at once.
    await refreshResources().catch(() => undefined);
    void refreshTasks().catch(() => undefined);
    if (exit === "OK" || exit.startsWith("WARNINGS")) return true;
    showError(`${what} failed: ${exit}`);
  } catch (error) {
    showError(error);
  }
  return false;
}

/** Starts a long action (its answer is a UPID) and follows it; API errors before the task go to a toast. */
export async function runAction(method: "POST" | "PUT" | "DELETE", path: string, params: Params, what: string): Promise<boolean> {
  let upid: string | null;
  try {
    upid = await api<string | null>(method, path, params);
  } catch (error) {
    showError(error);
    return false;
  }
  // Some calls finish synchronously and answer null (POST config within background_delay).
  return upid ? followTask(upid, what) : true;
}

/** Disk keys of a config (scsi0, virtio1, …), cdroms included; used for boot order, resize and detach. */
export const diskKeyPattern = /^(ide|sata|scsi|virtio)\d+$|^(efidisk|tpmstate)0$/;

export function isDiskKey(key: string): boolean {
  return diskKeyPattern.test(key);
}

/** The first value of a property string ("local:100/vm-100-disk-0.qcow2,size=4G" → the volid). */
export function propertyHead(value: string): string {
  return value.split(",")[0];
}

/** Parses "a=1,b=2" (head without "=" under `headKey`) into a map. */
export function parseProperties(value: string, headKey = ""): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) result[headKey] = part;
    else result[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return result;
}
