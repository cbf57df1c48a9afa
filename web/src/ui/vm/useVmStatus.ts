import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { ClusterResource } from "../../api/types";
import { vmPath, type VmStatus } from "../../api/vms";
import { startPolling } from "../../state/poller";
import { resources } from "../../state/resources";
import { useStore } from "../../state/store";

/**
 * The VM's resource item (node, name, HA state, from the shared 3 s poll) and its status/current (paused
 * or suspended state, which /cluster/resources does not tell), polled every 3 s while the page is open.
 */
export function useVmStatus(vmid: number): { item: ClusterResource | undefined; status: VmStatus | null; refresh: () => void } {
  const items = useStore(resources);
  const item = items.find((candidate) => candidate.type === "qemu" && candidate.vmid === vmid);
  const node = item?.node;
  const [status, setStatus] = useState<VmStatus | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!node) return;
    return startPolling(async () => {
      setStatus(await api<VmStatus>("GET", vmPath(node, vmid, "/status/current")));
    }, 3_000);
  }, [node, vmid, generation]);
  return { item, status, refresh: () => setGeneration((g) => g + 1) };
}
