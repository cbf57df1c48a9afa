import { api } from "../api/client";
import type { ClusterResource } from "../api/types";
import { startPolling } from "./poller";
import { Store } from "./store";

/** One sample of a resource's live figures, kept for the small charts. */
export interface Sample {
  time: number;
  cpu: number;
  mem: number;
  netin: number;
  netout: number;
  diskread: number;
  diskwrite: number;
}

/** How often the cluster view is refreshed, and how many samples each chart keeps (5 min at 3 s). */
export const resourcesIntervalMs = 3_000;
const historyLength = 100;

/** Every node, VM and storage of the cluster, as /cluster/resources lists them (the tree and summaries). */
export const resources = new Store<ClusterResource[]>([]);
/** True once the first answer arrived (the tree shows "loading" before). */
export const resourcesLoaded = new Store<boolean>(false);

const history = new Map<string, Sample[]>();

/** The samples collected for a resource id ("qemu/100", "node/n1") since the page was opened. */
export function historyOf(id: string): Sample[] {
  return history.get(id) ?? [];
}

function record(items: ClusterResource[], time: number): void {
  for (const item of items) {
    if (item.type !== "qemu" && item.type !== "node") continue;
    const samples = history.get(item.id) ?? [];
    samples.push({
      time,
      cpu: item.cpu ?? 0,
      mem: item.mem ?? 0,
      netin: item.netin ?? 0,
      netout: item.netout ?? 0,
      diskread: item.diskread ?? 0,
      diskwrite: item.diskwrite ?? 0,
    });
    if (samples.length > historyLength) samples.shift();
    history.set(item.id, samples);
  }
}

/** Fetches the resources now (after an action, so the tree does not wait for the next tick). */
export async function refreshResources(): Promise<void> {
  const items = await api<ClusterResource[]>("GET", "/cluster/resources");
  record(items, Date.now());
  resources.set(items);
  resourcesLoaded.set(true);
}

export function startResourcePolling(): () => void {
  return startPolling(refreshResources, resourcesIntervalMs);
}
